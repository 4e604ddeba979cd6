"""Fixtures for the replay tests: a settled app (older than the replay's window) and a runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.replay import Runner, make_app, settle


@pytest.fixture(scope="module")
def settled_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    app = make_app(tmp_path_factory.mktemp("replay-app") / "app")
    settle()
    return app


@pytest.fixture
def runner(tmp_path: Path) -> Runner:
    return Runner(tmp_path)
