"""List every file under registry/ without following links; flag what has no place."""

from __future__ import annotations

import operator
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from repospbe.findings import Finding, Severity
from repospbe.registry.paths import REGISTRY_DIR, SLUG_RE, SUBDOMAIN_FILE_RE, kind_of

MAX_DEPTH = 6
_APPS = f"{REGISTRY_DIR}/apps/"
_SOURCES = f"{REGISTRY_DIR}/sources/"
Item = tuple[str, str] | Finding
_NAME = operator.attrgetter("name")


def walk(root: Path, peek: Callable[[str], bool] | None = None) -> Iterator[Item]:
    """Yield ``(rel, kind)`` for each file with a place, a Finding for anything else.

    Entries come in sorted order per directory; the file type comes from the
    directory entry itself (no ``stat``, never following a link). ``peek(rel)`` true for
    an app directory (``registry/apps/<opd>/<app>``): only its ``app.yaml`` is looked at
    (one ``lstat``; named when it is a regular file) and nothing else in it is listed: a
    check of a selection names every app but reads only the selected ones. ``peek(rel)`` true
    for an OPD's source directory (``registry/sources/<opd>``): it is not listed at all."""
    top = root / REGISTRY_DIR
    if top.is_symlink():  # registry/ itself may not lead elsewhere either
        yield Finding.make("layout.symlink-escape", Severity.HIGH, path=REGISTRY_DIR, target=os.readlink(top))
        return
    inside = str(top.resolve()) + os.sep
    stack: list[tuple[str, str, int]] = [(str(top), REGISTRY_DIR, 0)]
    while stack:
        path, rel, depth = stack.pop()
        if depth == 3 and peek is not None and rel.startswith(_APPS) and peek(rel):
            if _is_file(path + "/app.yaml"):
                yield rel + "/app.yaml", "app"
            continue
        if depth == 2 and peek is not None and rel.startswith(_SOURCES) and peek(rel):
            continue  # an OPD's source bundles, none of them selected: nothing reads them
        out: list[Item] = []
        subdirs = _list_dir(path, rel, depth, inside, out)
        yield from out
        stack.extend(reversed(subdirs))


def _is_file(path: str) -> bool:
    """A regular file, never through a link."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _list_dir(path: str, rel: str, depth: int, inside: str, out: list[Item]) -> list[tuple[str, str, int]]:
    """Append this directory's files and findings to ``out``; return its subdirectories."""
    if depth > MAX_DEPTH:
        out.append(Finding.make("layout.too-deep", Severity.HIGH, path=rel))
        return []
    try:
        with os.scandir(path) as it:
            entries = sorted(it, key=_NAME)
    except OSError as exc:
        out.append(Finding.make("file.unreadable", Severity.HIGH, path=rel, error=exc.strerror or str(exc)))
        return []
    subdirs: list[tuple[str, str, int]] = []
    needs_slug = _needs_slug(rel)
    for entry in entries:
        child = f"{rel}/{entry.name}"
        try:
            if entry.is_file(follow_symlinks=False):  # most entries: a regular file (never a link)
                out.append(_file(child, entry.name))
            elif entry.is_symlink():
                out.append(_symlink(entry, child, inside))
            elif entry.is_dir(follow_symlinks=False):
                if needs_slug and not SLUG_RE.match(entry.name):
                    out.append(Finding.make("layout.bad-slug", Severity.HIGH, path=child, name=entry.name))
                else:
                    subdirs.append((entry.path, child, depth + 1))
            else:
                out.append(Finding.make("layout.special-file", Severity.HIGH, path=child))
        except OSError as exc:
            out.append(Finding.make("file.unreadable", Severity.HIGH, path=child, error=exc.strerror or str(exc)))
    return subdirs


def _file(rel: str, name: str) -> Item:
    kind = kind_of(rel)
    if kind is None:
        return Finding.make("layout.unexpected", Severity.HIGH, path=rel)
    if kind == "opd" and not SLUG_RE.match(name[:-5]):
        return Finding.make("layout.bad-slug", Severity.HIGH, path=rel, name=name[:-5])
    if kind == "subdomain" and not SUBDOMAIN_FILE_RE.match(name[:-5]):
        return Finding.make("layout.bad-slug", Severity.HIGH, path=rel, name=name[:-5])
    return rel, kind


def _needs_slug(rel: str) -> bool:
    """Directories directly under registry/apps/ and registry/apps/<opd>/ (and sources/) are slugs."""
    parts = rel.split("/")
    return len(parts) in (2, 3) and parts[1] in ("apps", "sources")


def _symlink(entry: os.DirEntry[str], rel: str, inside: str) -> Finding:
    target = os.path.realpath(entry.path)
    key = "layout.symlink" if target.startswith(inside) else "layout.symlink-escape"
    return Finding.make(key, Severity.HIGH, path=rel, target=os.readlink(entry.path))
