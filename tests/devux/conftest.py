"""Fixtures for the developer-experience tests: a writable registry copy with templates/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.git import copy_registry


@pytest.fixture
def treg(tmp_path: Path) -> Path:
    return copy_registry(tmp_path / "reg", ("registry", "checks", "templates"))
