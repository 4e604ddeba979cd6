"""Options objects are keyword-only and frozen: two ``Path | None`` cannot be swapped by position."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from repospbe.cli import Globals
from repospbe.cli.source import PipelineRequest, ScanRequest


@pytest.mark.parametrize("cls", [ScanRequest, PipelineRequest, Globals])
def test_positional_arguments_are_refused(cls: type) -> None:
    with pytest.raises(TypeError):
        cls(Path("a"), Path("b"))


def test_requests_are_frozen() -> None:
    req = ScanRequest(path=Path("src"), cache_dir=Path("cache"))
    assert (req.path, req.cache_dir) == (Path("src"), Path("cache"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        req.path = Path("lain")  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Globals().lang = "en"  # type: ignore[misc]
