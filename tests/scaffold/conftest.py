"""Fixtures for template tests: a writable registry copy that carries templates/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.git import copy_registry


def registry_copy_with_templates(dest: Path) -> Path:
    return copy_registry(dest, ("registry", "checks", "templates"))


@pytest.fixture
def treg(tmp_path: Path) -> Path:
    return registry_copy_with_templates(tmp_path / "reg")
