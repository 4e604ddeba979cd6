"""What a registry check receives and returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from repospbe.findings import Finding
from repospbe.registry.model import Registry

CheckFn = Callable[["CheckContext"], list[Finding]]


@dataclass(frozen=True)
class CheckContext:
    """Read-only view a check works on: the loaded registry and policy files."""

    registry: Registry

    @property
    def root(self) -> Path:
        return self.registry.root

    def policy_file(self, rel: str) -> Path:
        return self.registry.root / rel


@lru_cache(maxsize=8)
def _cached_json(path: str, mtime: float) -> Any:
    import json

    return json.loads(Path(path).read_text(encoding="utf-8"))


def load_json(path: Path) -> Any:
    """A JSON policy file, parsed once per process (keyed on path and mtime)."""
    return _cached_json(str(path), path.stat().st_mtime)


def app_local(fn: CheckFn) -> CheckFn:
    """Mark a check whose findings on an app depend only on that app's own files, the
    instance record, policy files and the registry listing (never on another app's
    records or documents), and whose findings about an app are located in that app's
    directory (findings located elsewhere, e.g. on a policy file, must not depend on
    which apps are loaded). A full check may then run it over shards of the apps in
    parallel processes (``repospbe.sharding``); unmarked checks always see everything."""
    setattr(fn, "app_local", True)  # noqa: B010  (a function attribute mypy does not know)
    return fn


def is_app_local(fn: CheckFn) -> bool:
    return bool(getattr(fn, "app_local", False))
