"""The catalogue build pauses the cyclic garbage collector while it collects the registry
(issue 19, fifth round) and gives it back as the caller had it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from repospbe.catalogue import build_catalogue
from tests.catalogue.conftest import TODAY
from tests.catalogue.sample import make_registry

pytestmark = pytest.mark.slow  # two catalogue builds


@pytest.fixture()
def reg(tmp_path: Path) -> Path:
    return make_registry(tmp_path / "reg")


def test_the_garbage_collector_is_given_back_as_the_caller_had_it(reg: Path, tmp_path: Path) -> None:
    assert gc.isenabled()
    build_catalogue(reg, tmp_path / "a", today=TODAY)
    assert gc.isenabled() and gc.get_freeze_count() == 0  # paused only while collecting; nothing left frozen
    gc.disable()
    try:
        build_catalogue(reg, tmp_path / "b", today=TODAY)
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()
