"""Reading the local advisory database (written by ``repospbe advisories import``)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from repospbe import stamp
from repospbe.advisories.store import ECOSYSTEMS, META, database_dir

STALE_DAYS = 30  # an older database is reported (sca.database-stale)


def digest(directory: Path | None = None) -> str:
    """sha256 over the database files ("" when none was imported): the scan cache binds to it."""
    base = directory or database_dir()
    h = hashlib.sha256()
    found = False
    for name in (META, *(f"{e}.json" for e in ECOSYSTEMS)):
        path = base / name
        if path.is_file():
            found = True
            h.update(name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest() if found else ""


def meta(directory: Path | None = None) -> dict[str, Any] | None:
    try:
        data = json.loads(((directory or database_dir()) / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("imported"), str) else None


def age_days(info: dict[str, Any], now: datetime | None = None) -> int:
    return ((now or datetime.now(UTC)) - stamp.parse(str(info["imported"]))).days


def advisories(ecosystem: str, directory: Path | None = None) -> dict[str, list[dict[str, Any]]]:
    base = directory or database_dir()
    return _load(str(base / f"{ecosystem}.json"), digest(base))


@lru_cache(maxsize=8)
def _load(path: str, _digest: str) -> dict[str, list[dict[str, Any]]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
