from __future__ import annotations

from pathlib import Path

import pytest

from repospbe.pdfsig.bast import render_document
from tests.helpers.git import copy_registry
from tests.helpers.pdfsign import KEY, bast_pki
from tests.helpers.pki import TestPki


@pytest.fixture(scope="module")
def pki() -> TestPki:
    return bast_pki()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, pki: TestPki) -> Path:
    """A copy of the bundled registry trusting the test PKI's root, its CRLs stored."""
    root = copy_registry(tmp_path_factory.mktemp("reg"))
    pki.write_trust(root)
    return root


@pytest.fixture(scope="module")
def unsigned(base: Path) -> bytes:
    return render_document(base, KEY, "bast")
