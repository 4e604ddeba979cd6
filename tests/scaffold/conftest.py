"""Fixtures for template tests: a writable registry copy that carries templates/."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, git


def registry_copy_with_templates(dest: Path) -> Path:
    for part in ("registry", "checks", "templates"):
        shutil.copytree(REPO_ROOT / part, dest / part)
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-qm", "awal")
    return dest


@pytest.fixture
def treg(tmp_path: Path) -> Path:
    return registry_copy_with_templates(tmp_path / "reg")
