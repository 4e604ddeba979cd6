"""Shared fixtures: real git repositories in tmp_path, the bundled registry, the CLI.

Helpers live in ``tests/helpers/`` (git repositories and commits: ``tests/helpers/git.py``); import them from
there, never from a conftest."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.git import GIT_ENV, REPO_ROOT, copy_registry


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


@pytest.fixture
def bundled_root() -> Path:
    """The checkout's own registry root (read-only: never write here)."""
    return REPO_ROOT


@pytest.fixture
def registry_copy(tmp_path: Path) -> Path:
    """A writable git copy of the bundled registry."""
    return copy_registry(tmp_path / "reg")
