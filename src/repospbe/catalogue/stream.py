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

import hashlib
from collections.abc import Iterator
from pathlib import Path

from repospbe.catalogue.site_model import SiteSources


def digest(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


class _DiskDict(dict[str, str]):
    """A ``dict`` whose assignments go to files under ``base``; it keeps their digests."""

    def __init__(self, base: Path) -> None:
        super().__init__()
        self.base = base

    def __setitem__(self, rel: str, text: str) -> None:
        write(self.base / rel, text)
        super().__setitem__(rel, digest(text))


class StreamSources(SiteSources):
    """``SiteSources`` written to ``docs``/``fragments``/``exports`` as produced."""

    def __init__(self, docs: Path, fragments: Path, exports: Path) -> None:
        super().__init__()
        self.docs, self.fragment_dir = docs, fragments
        self.static = _DiskDict(docs)
        self.after_build = _DiskDict(exports)

    def add(self, rel: str, text: str) -> None:
        write(self.docs / rel, text)
        self.pages[rel] = digest(text)  # the page's text is on disk

    @property
    def digests(self) -> dict[str, str]:
        """page -> digest of its Markdown and its fragments."""
        return {
            rel: digest("\n".join([d] + [f"{i}={f}" for i, f in sorted(self.fragments.get(rel, {}).items())]))
            for rel, d in self.pages.items()
        }

    def fragment(self, page: str, ident: str, html: str) -> str:
        write(fragment_path(self.fragment_dir, page, ident), html)
        marker = super().fragment(page, ident, "")
        self.fragments[page][ident] = digest(html)
        return marker

    def fragment_index(self) -> dict[str, list[str]]:
        """page -> the idents of its fragments (what the MkDocs plugin reads back)."""
        return {page: sorted(idents) for page, idents in self.fragments.items()}


def fragment_path(base: Path, page: str, ident: str) -> Path:
    return base / page / f"{ident}.html"


def walk_files(base: Path) -> Iterator[tuple[str, Path]]:
    """Every regular file under ``base`` as (posix relative path, path), sorted."""
    if not base.is_dir():
        return
    for path in sorted(base.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(base).as_posix(), path
