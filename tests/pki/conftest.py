from __future__ import annotations

from pathlib import Path

import pytest

from repospbe.pki import trust
from tests.helpers.pki import TestPki, make_pki


@pytest.fixture(scope="module")
def pki() -> TestPki:
    return make_pki()


@pytest.fixture(scope="module")
def store_dir(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("trust")
    pki.write_trust(root)
    return root


@pytest.fixture(scope="module")
def store(store_dir: Path) -> trust.TrustStore:
    return trust.load_dir(store_dir)
