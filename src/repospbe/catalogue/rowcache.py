"""The per-app rows of the index pages, kept between catalogue builds.

The apps list and the compliance matrix hold one row (and, for the matrix, one phone card) per
app: at 5,000 apps making them again cost more than anything else an incremental build still
made for an unchanged app. A row is a function of the app as collected, its OPD's name and the
generator's code: all of it is in the app's inputs key (``inputs``: the files of its directory,
the registry-wide basis, the app's view written out whole). So each row is kept with the
inputs key it was made from and taken again only for the same app with the same key; any other
app, key or kind of row is made again. An app without an inputs key is always made.

The rows are a file in the build's private directory (``findcache.DIR``, 0700; the file 0600):
a format line, then one line per app (``app TAB inputs key TAB {kind: html} as JSON``), the JSON
parsed only for an app whose key matches, and written back as it was read when all its rows were
reused (an unchanged app costs neither a parse nor a dump). Verified, not trusted: the manifest
records the file's digest (an edited, replaced or linked file, and nothing of it is used); a
line of another shape, and nothing of the file is used; rows that are not strings are made again.
Written beside the last one (``PENDING``), put in place with the other caches once the new site
is complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from repospbe.writefile import write_atomic

DIR = ".temuan-katalog"  # findcache.DIR (not imported: site_model, which holds a RowCache, stays light)
FILE = "baris.json"
PENDING = "baris.json.baru"
FORMAT = "repospbe-katalog-baris/1"
MAX_BYTES = 256 * 1024 * 1024
_DIGEST = re.compile(r"^[0-9a-f]{64}$")


def _no_key(_app: str) -> str | None:
    return None


class RowCache:
    """app -> its inputs key and {kind of row: its HTML}: the last build's (``old``: one line per app,
    parsed only when the app's key matches) and this one's (``new``)."""

    def __init__(self, old: dict[str, tuple[str, str]] | None = None) -> None:
        self.old = old or {}
        self.new: dict[str, tuple[str, dict[str, str]]] = {}
        self.made: set[str] = set()  # apps with a row made in this build (their line is written anew)
        self._parsed: dict[str, dict[str, Any]] = {}
        self.key_of: Callable[[str], str | None] = _no_key  # app -> its inputs key (``Inputs.of``)
        self.hits = 0

    @classmethod
    def open(cls, out: Path, recorded: str | None) -> RowCache:
        """The rows left in ``out`` when their file's digest is ``recorded`` (the manifest's), else none."""
        path = out / DIR / FILE
        if not recorded:
            return cls()
        try:
            if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_BYTES:
                return cls()
            raw = path.read_bytes()
            if hashlib.sha256(raw).hexdigest() != recorded:
                return cls()
            lines = raw.decode("utf-8").split("\n")
        except (OSError, ValueError):
            return cls()
        if lines[0] != FORMAT or lines[-1] != "":
            return cls()
        old: dict[str, tuple[str, str]] = {}
        for line in lines[1:-1]:
            parts = line.split("\t", 2)
            if len(parts) != 3:
                return cls()
            old[parts[0]] = (parts[1], parts[2])
        return cls(old)

    def row(self, kind: str, app: str, make: Callable[[], str]) -> str:
        """The ``kind`` row of ``app``: the last build's when made from the same inputs key, else ``make()``."""
        key = self.key_of(app)
        if key is None or not _DIGEST.match(key) or "\t" in app or "\n" in app:
            return make()
        html = self._last(app, key).get(kind)
        if isinstance(html, str):
            self.hits += 1
        else:
            html = make()
            self.made.add(app)
        self.new.setdefault(app, (key, {}))[1][kind] = html
        return html

    def _last(self, app: str, key: str) -> dict[str, Any]:
        """The last build's rows of ``app`` when they were made from ``key`` (else none)."""
        if app not in self._parsed:
            entry, rows = self.old.get(app), None
            if entry is not None and entry[0] == key:
                try:
                    rows = json.loads(entry[1])
                except ValueError:
                    rows = None
            self._parsed[app] = rows if isinstance(rows, dict) else {}
        return self._parsed[app]

    def save(self, out: Path) -> str:
        """Write this build's rows (``PENDING``) and forget them; returns the file's digest. An
        app whose every row was the last build's keeps its line as it was read."""
        folder = out / DIR
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            folder.unlink()
        folder.mkdir(mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)
        lines = [FORMAT]
        for app, (key, rows) in sorted(self.new.items()):
            same = app not in self.made and self._parsed.get(app, {}).keys() == rows.keys()
            text = self.old[app][1] if same else json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
            lines.append(f"{app}\t{key}\t{text}")
        raw = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
        write_atomic(folder / PENDING, raw, mode=0o600)
        self.old, self.new, self.made, self._parsed = {}, {}, set(), {}
        return hashlib.sha256(raw).hexdigest()

    @staticmethod
    def commit(out: Path) -> None:
        """The rows written by ``save`` replace the last ones (the build is complete)."""
        pending = out / DIR / PENDING
        if pending.is_file():
            pending.replace(out / DIR / FILE)
