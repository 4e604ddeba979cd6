"""Fixtures of the subdomain tests: ``reg``, a small writable registry (tests/helpers/subdomains.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.subdomains import Reg, build_registry


@pytest.fixture
def reg(tmp_path: Path) -> Reg:
    return build_registry(tmp_path / "reg")
