"""Fixtures for source access: real git repositories built in tmp_path."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import GIT_ENV


def sh_git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
        env={**os.environ, **GIT_ENV},
    ).stdout.strip()


def make_repo(path: Path, files: dict[str, str | bytes]) -> str:
    """A git work tree at ``path`` with ``files`` committed; returns the commit SHA."""
    path.mkdir(parents=True, exist_ok=True)
    sh_git(path, "init", "-q", "-b", "main")
    for rel, content in files.items():
        target = path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode() if isinstance(content, str) else content
        target.write_bytes(data)
    sh_git(path, "add", "-A")
    sh_git(path, "commit", "-qm", "source")
    return sh_git(path, "rev-parse", "HEAD")
