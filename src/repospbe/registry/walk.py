"""List every file under registry/ without following links; flag what has no place."""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any, Iterator

from repospbe.findings import Finding, Severity
from repospbe.registry.paths import REGISTRY_DIR, SLUG_RE, kind_of

MAX_DEPTH = 6


def _finding(key: str, rel: str, **params: Any) -> Finding:
    return Finding.make(key, Severity.HIGH, f"{key}.msg", path=rel, hint=f"{key}.hint", **params)


def walk(root: Path) -> Iterator[tuple[str, str] | Finding]:
    """Yield ``(rel, kind)`` for each file with a place, a Finding for anything else."""
    top = root / REGISTRY_DIR
    if top.is_symlink():  # registry/ itself may not lead elsewhere either
        yield _finding("layout.symlink-escape", REGISTRY_DIR, target=os.readlink(top))
        return
    yield from _walk_dir(root, top, REGISTRY_DIR, 0)


def _walk_dir(root: Path, path: Path, rel: str, depth: int) -> Iterator[tuple[str, str] | Finding]:
    if depth > MAX_DEPTH:
        yield _finding("layout.too-deep", rel)
        return
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as exc:
        yield _finding("file.unreadable", rel, error=exc.strerror or str(exc))
        return
    for entry in entries:
        yield from _entry(root, entry, f"{rel}/{entry.name}", depth)


def _entry(root: Path, entry: os.DirEntry[str], rel: str, depth: int) -> Iterator[tuple[str, str] | Finding]:
    if entry.is_symlink():
        yield _symlink(root, entry, rel)
        return
    mode = entry.stat(follow_symlinks=False).st_mode
    if stat.S_ISDIR(mode):
        if _needs_slug(rel) and not SLUG_RE.match(entry.name):
            yield _finding("layout.bad-slug", rel, name=entry.name)
            return
        yield from _walk_dir(root, Path(entry.path), rel, depth + 1)
    elif not stat.S_ISREG(mode):
        yield _finding("layout.special-file", rel)
    else:
        kind = kind_of(rel)
        if kind is None:
            yield _finding("layout.unexpected", rel)
        elif kind in ("opd", "subdomain") and not SLUG_RE.match(entry.name[:-5]):
            yield _finding("layout.bad-slug", rel, name=entry.name[:-5])
        else:
            yield rel, kind


def _needs_slug(rel: str) -> bool:
    parts = rel.split("/")
    return len(parts) in (3, 4) and parts[1] in ("apps", "sources")


def _symlink(root: Path, entry: os.DirEntry[str], rel: str) -> Finding:
    target = os.path.realpath(entry.path)
    inside = target.startswith(str(root.resolve() / REGISTRY_DIR) + os.sep)
    key = "layout.symlink" if inside else "layout.symlink-escape"
    return _finding(key, rel, target=os.readlink(entry.path))
