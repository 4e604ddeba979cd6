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


def digest(directory: Path | None = None) -> str:
    """Identity of the imported database ("" when none): ``meta.json`` (source sha256, import
    time; written last by every import) and each file's size and mtime. The scan cache binds
    to it; the (possibly large) ecosystem files are not read for it."""
    base = directory or database_dir()
    try:
        h = hashlib.sha256((base / META).read_bytes())
    except OSError:
        return ""
    for name in (f"{e}.json" for e in ECOSYSTEMS):
        try:
            st = (base / name).stat()
        except OSError:
            continue
        h.update(f"{name}:{st.st_size}:{st.st_mtime_ns}".encode())
    h.update(_code_digest().encode())
    return h.hexdigest()


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """The matching code itself (outside ``repospbe/scanners``, whose code the scan cache already binds)."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()


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
