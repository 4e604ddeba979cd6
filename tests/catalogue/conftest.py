"""Catalogue fixtures: a small real registry (git repo) and its built catalogue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from repospbe.catalogue import BuildResult, build_catalogue
from tests.catalogue.sample import make_registry

TODAY = dt.date(2026, 11, 27)


@dataclass(frozen=True)
class Built:
    root: Path
    result: BuildResult

    @property
    def site(self) -> Path:
        return self.result.site

    def html(self, rel: str) -> str:
        return (self.site / rel).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The sample registry and its catalogue, built once per test module."""
    base = tmp_path_factory.mktemp("katalog")
    root = make_registry(base / "reg")
    return Built(root, build_catalogue(root, base / "out", today=TODAY))
