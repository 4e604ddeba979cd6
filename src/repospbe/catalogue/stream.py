"""Generated sources written to disk as they are produced, never all held in memory.

``StreamSources`` has the interface of ``SiteSources`` (the page generators do not
know the difference) but writes each page into ``docs/``, each fragment into
``fragments/`` and each export into ``exports/`` at once, keeping only a digest per
file. A page's digest covers its Markdown and its fragments: the rendered page is a
function of that digest and the site configuration alone (app pages stay out of the
navigation and link to nothing through Markdown), which is what the incremental
build keys on (``reuse``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from repospbe.catalogue.exportcache import ExportCache, digest
from repospbe.catalogue.site_model import SiteSources


def write(path: Path, text: str) -> str:
    """Write ``text`` to ``path`` unless it already holds exactly that (a rebuild rewrites
    little: reading a file back costs less than replacing it); returns its digest (``digest``:
    of the bytes encoded once here)."""
    data = text.encode("utf-8")
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return digest(data)
    except OSError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return digest(data)


class _DiskDict(dict[str, str]):
    """A ``dict`` whose assignments go to files under ``base``; it keeps their digests."""

    def __init__(self, base: Path, written: set[str]) -> None:
        super().__init__()
        self.base, self.written = base, written

    def __setitem__(self, rel: str, text: str) -> None:
        self.written.add(rel)
        super().__setitem__(rel, write(self.base / rel, text))


class StreamSources(SiteSources):
    """``SiteSources`` written to ``docs``/``fragments``/``exports`` as produced."""

    def __init__(
        self,
        docs: Path,
        fragments: Path,
        exports: Path,
        known: dict[str, str] | None = None,
        cache: ExportCache | None = None,
        known_inputs: dict[str, str] | None = None,
    ) -> None:
        """``known``: app page -> key of the page in the last build (``skip``); ``cache``: the
        last build's exports (``exportcache``); ``known_inputs``: app page -> its inputs key in
        the last build (``skip_inputs``)."""
        super().__init__()
        self.known, self.known_inputs = known or {}, known_inputs or {}
        self.input_keys: dict[str, str] = {}  # app page -> digest of its inputs (``inputs``)
        self.cache = cache or ExportCache(None, None)
        self.export_dir = exports
        self.keys: dict[str, str] = {}  # app page -> digest of its material (what the manifest records)
        self.skipped: set[str] = set()
        self.docs, self.fragment_dir = docs, fragments
        self.written: set[str] = set()  # under docs/
        self.static = _DiskDict(docs, self.written)
        self.after_build = _DiskDict(exports, set())
        self.defer = False  # unchanged exports promised now, their files taken by ``settle_exports``

    def add(self, rel: str, text: str) -> None:
        self.written.add(rel)
        self.pages[rel] = write(self.docs / rel, text)  # the page's text is on disk

    @property
    def digests(self) -> dict[str, str]:
        """page -> digest of its Markdown and its fragments."""
        return {
            rel: digest("\n".join([d] + [f"{i}={f}" for i, f in sorted(self.fragments.get(rel, {}).items())]))
            for rel, d in self.pages.items()
        }

    def page_keys(self) -> dict[str, str]:
        """page -> what the manifest keys it by: an app page's material (``skip``), any other
        page's Markdown and fragments (``digests``)."""
        return {**{p: d for p, d in self.digests.items() if p not in self.keys}, **self.keys}

    def export(self, rel: str, data: Any, dump: Callable[[Any], str], inputs: str | None = None) -> None:
        text = self.cache.put(self.export_dir / rel, rel, data, dump, inputs)
        if text is None:  # the last site's file, unchanged
            dict.__setitem__(self.after_build, rel, self.cache.known[rel][1])
        else:
            self.after_build[rel] = text

    def reuse_export(self, rel: str, inputs: str) -> bool:
        take = self.cache.promise if self.defer else self.cache.take_inputs
        if not take(self.export_dir / rel, rel, inputs):
            return False
        dict.__setitem__(self.after_build, rel, self.cache.known[rel][1])
        return True

    def settle_exports(self) -> list[str]:
        """Take the promised exports' files; returns those that must be made after all."""
        return self.cache.settle()

    def skip_inputs(self, page: str, inputs: str) -> bool:
        """Whether ``page``'s inputs are those of the last build's page (then its material key is
        the last one too: the same inputs make the same material)."""
        key = self.input_keys[page] = digest(inputs)
        if self.known_inputs.get(page) != key or page not in self.known:
            return False
        self.keys[page] = self.known[page]
        self.skipped.add(page)
        self.pages[page] = ""
        return True

    def skip(self, page: str, material: str) -> bool:
        key = self.keys[page] = digest(material)
        if self.known.get(page) != key:
            return False
        self.skipped.add(page)
        self.pages[page] = ""
        return True

    def fragment(self, page: str, ident: str, html: str) -> str:
        written = write(fragment_path(self.fragment_dir, page, ident), html)
        marker = super().fragment(page, ident, "")
        self.fragments[page][ident] = written
        return marker

    def fragment_files(self) -> set[str]:
        return {
            fragment_path(self.fragment_dir, page, i).relative_to(self.fragment_dir).as_posix()
            for page, idents in self.fragments.items()
            for i in idents
        }

    def fragment_index(self) -> dict[str, list[str]]:
        """page -> the idents of its fragments (what the MkDocs plugin reads back)."""
        return {page: sorted(idents) for page, idents in self.fragments.items()}


def fragment_path(base: Path, page: str, ident: str) -> Path:
    return base / f"{page.removesuffix('.md')}.{ident}.html"


def prune(base: Path, keep: set[str], keep_pages: frozenset[str] = frozenset()) -> None:
    """Remove every file under ``base`` not named in ``keep`` nor a fragment of a page in
    ``keep_pages`` (``fragment_path``: ``<page without .md>.<ident>.html``), left by an earlier build."""
    if not base.is_dir() or base.is_symlink():
        return
    for rel, path in list(_regular_files(str(base), "")):
        if rel not in keep and not (keep_pages and _fragment_page(rel) in keep_pages):
            os.unlink(path)


def _fragment_page(rel: str) -> str:
    """The page whose fragment ``rel`` would be (its name less ``.<ident>.html``)."""
    parts = rel.rsplit(".", 2)
    return parts[0] + ".md" if len(parts) == 3 and parts[2] == "html" else ""


def walk_files(base: Path) -> Iterator[tuple[str, Path]]:
    """Every regular file under ``base`` as (posix relative path, path), sorted as paths sort
    (by component); links are neither listed nor followed."""
    if not base.is_dir() or base.is_symlink():
        return
    found = sorted(_regular_files(str(base), ""), key=lambda item: item[0].split("/"))
    for rel, full in found:
        yield rel, Path(full)


def _regular_files(top: str, prefix: str) -> Iterator[tuple[str, str]]:
    """(relative path, path) of the regular files under ``top`` (the directory entries' types:
    no ``stat`` per file)."""
    with os.scandir(top) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _regular_files(entry.path, f"{prefix}{entry.name}/")
            elif entry.is_file(follow_symlinks=False):
                yield f"{prefix}{entry.name}", entry.path


def only_plain(top: str) -> bool:
    """Whether everything under ``top`` is a directory or a regular file (no link, FIFO, socket)."""
    with os.scandir(top) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if not only_plain(entry.path):
                    return False
            elif not entry.is_file(follow_symlinks=False):
                return False
    return True
