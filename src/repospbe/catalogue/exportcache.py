"""Exports reused by the digest of their data: an app's YAML exports are dumped again only
when their data changed.

Dumping YAML is most of the cost of the exports (two files per app). An export's file is
a function of its data alone (mapping order included) and of the dumper (this package's
code and PyYAML: the site-wide digest of ``reuse``). The data is keyed by its canonical
JSON, and only data made of mappings with string keys, lists, strings, integers, floats,
booleans and None has a key: anything else (a date, a tuple) is dumped every time. The
last site's file is taken (a second name for it, no copy) only when the manifest records
that key for it and the file still has the digest recorded (known by its status when that is
provably unchanged: ``statkey``); otherwise it is dumped. An app's exports may instead be keyed
by the app's inputs (``inputs``: ``take``), so that their data is not even made when unchanged.
A build that renders in a second process promises such exports first (``promise``: only the
manifest is asked) and takes their files while MkDocs renders (``settle``); one that cannot be
taken then is made by the caller.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from repospbe.catalogue.statkey import StatTrust

PLAIN = (str, int, float, bool, type(None))


def digest(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def canonical(data: Any) -> str | None:
    """The data's key (JSON keeping mapping order and types), or None when it holds anything
    JSON would not tell apart from something else."""
    if not is_plain(data):
        return None
    return digest(json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=True))


def is_plain(data: Any) -> bool:
    """Made of what JSON gives back: mappings with string keys, lists, strings, numbers, booleans, None."""
    if type(data) in PLAIN:
        return True
    if type(data) is dict:
        return all(type(k) is str and is_plain(v) for k, v in data.items())
    if type(data) is list:
        return all(is_plain(v) for v in data)
    return False


class ExportCache:
    """What the last build's manifest says of its exports: rel -> (data key, file digest, ...)."""

    def __init__(self, site: Path | None, known: dict[str, list[str]] | None, since: int = 0) -> None:
        """``known``: rel -> [data key, digest of the file, its status, inputs key or ""] (the last
        manifest's); ``since``: when those statuses were taken (``statkey.probe``)."""
        self.site, self.known, self.trust = site, known or {}, StatTrust(since)
        self.keys: dict[str, list[str]] = {}  # rel -> [data key, inputs key], for the next manifest
        self.taken = 0
        self.paths = Paths()
        self.pending: list[tuple[Path, str]] = []  # promised: (target, rel), taken by ``settle``

    def put(
        self, target: Path, rel: str, data: Any, dump: Callable[[Any], str], inputs: str | None = None
    ) -> str | None:
        """Put the export ``rel`` of ``data`` at ``target``, from the last site when unchanged;
        returns its text when it had to be dumped (the caller writes it), None when taken.
        ``inputs``: its inputs key (``take_inputs`` found it changed), recorded for the next build."""
        key = canonical(data)
        if key is not None or inputs:
            self.keys[rel] = [key or "", inputs or ""]
        if key is not None and self._take(target, rel, 0, key):
            return None
        return dump(data)

    def take_inputs(self, target: Path, rel: str, inputs: str) -> bool:
        """Take the last site's ``rel`` as ``target`` when the manifest recorded the same inputs key
        for it (its data key is then the last one too)."""
        if not self._take(target, rel, 3, inputs):
            return False
        self.keys[rel] = [self.known[rel][0], inputs]
        return True

    def promise(self, target: Path, rel: str, inputs: str) -> bool:
        """``take_inputs`` with the file taken later (``settle``): only the manifest is asked now."""
        last = self.known.get(rel)
        if self.site is None or last is None or last[3] != inputs:
            return False
        self.pending.append((target, rel))
        self.keys[rel] = [last[0], inputs]
        return True

    def settle(self) -> list[str]:
        """Take the promised files; returns those that could not be taken (the caller makes them)."""
        pending, self.pending = self.pending, []
        return [rel for target, rel in pending if not self._take(target, rel, 3, self.keys[rel][1])]

    def _take(self, target: Path, rel: str, field: int, key: str) -> bool:
        """Take the last site's ``rel`` when field ``field`` of its entry is ``key`` and the file is
        still the one the manifest recorded."""
        last = self.known.get(rel)
        if self.site is None or last is None or last[field] != key:
            return False
        source = self.site / rel
        try:
            if not self.trust.same(source, last[2]) and digest(source.read_bytes()) != last[1]:
                return False
            self.paths.parent_of(target)
        except OSError:
            return False
        if not link_own(self.site, rel, target, self.paths):
            return False
        self.taken += 1
        return True


class Paths:
    """Directories made and real paths resolved during one build (each asked of the file system
    once: thousands of pages and exports share a few thousand directories). Never kept across
    builds: a directory may be replaced by a link between them."""

    def __init__(self) -> None:
        self.made: set[str] = set()
        self.real: dict[str, str] = {}

    def parent_of(self, target: Path) -> None:
        """Make ``target``'s directory (and its parents) unless this build already has."""
        parent = os.path.dirname(target)
        if parent not in self.made:
            if not os.path.isdir(parent):
                os.makedirs(parent, exist_ok=True)
            self.made.add(parent)

    def realpath(self, path: str) -> str:
        """``os.path.realpath(path)`` of an absolute, normalised path: from its parent's (itself
        remembered) and one ``lstat`` of the last component when that is no link."""
        known = self.real.get(path)
        if known is None:
            parent, name = os.path.split(path)
            if parent == path or not name or name in (".", ".."):
                known = os.path.realpath(path)
            elif stat.S_ISLNK(os.lstat(path).st_mode):
                known = os.path.realpath(path)
            else:
                known = os.path.join(self.realpath(parent), name)
            self.real[path] = known
        return known


def link_own(site: Path, rel: str, target: Path, paths: Paths | None = None) -> bool:
    """Give ``site/rel`` the second name ``target`` (no copy; ``site`` stays whole) when it is a
    regular file of ``site`` itself, no link to or from anywhere else (the new site must not share
    a file that something outside it can change); False otherwise or where the file system has
    no hard links (the caller writes a copy). The real path of its directory is resolved (once per
    build with ``paths``); the file itself must be no link (``lstat``)."""
    paths = paths or Paths()
    source = os.path.join(site, rel)
    try:
        real_dir = paths.realpath(os.path.dirname(source))
        if os.path.join(real_dir, os.path.basename(source)) != os.path.join(paths.realpath(str(site)), *rel.split("/")):
            return False
        info = os.lstat(source)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
            return False
        os.link(source, target, follow_symlinks=False)
    except OSError:
        return False
    return True
