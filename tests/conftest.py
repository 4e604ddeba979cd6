"""Shared fixtures: real git repositories in tmp_path, the bundled registry, the CLI."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Uji repospbe",
    "GIT_AUTHOR_EMAIL": "uji@example.invalid",
    "GIT_COMMITTER_NAME": "Uji repospbe",
    "GIT_COMMITTER_EMAIL": "uji@example.invalid",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00+07:00",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00+07:00",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_ALLOW_PROTOCOL": "file",
}


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Deterministic git identity, no user config, Indonesian by default, no network proxies."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("REPOSPBE_LANG", raising=False)
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(var, raising=False)


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env={**os.environ, **GIT_ENV}
    ).stdout


@pytest.fixture
def bundled_root() -> Path:
    """The checkout's own registry root (read-only: never write here)."""
    return REPO_ROOT


def init_repo(dest: Path, message: str = "initial") -> Path:
    """Make ``dest`` a git repository on ``main`` with everything in it committed."""
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-qm", message)
    return dest


def copy_registry(dest: Path, parts: tuple[str, ...] = ("registry", "checks")) -> Path:
    """Copy ``parts`` of the checkout (registry/ and checks/) into ``dest`` and make it a git repo."""
    for part in parts:
        shutil.copytree(REPO_ROOT / part, dest / part, symlinks=True)
    return init_repo(dest)


@pytest.fixture
def registry_copy(tmp_path: Path) -> Path:
    """A writable git copy of the bundled registry."""
    return copy_registry(tmp_path / "reg")
