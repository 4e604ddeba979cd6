"""The hand-written guides copied beside the generated pages of the catalogue."""

from __future__ import annotations

import shutil
from pathlib import Path

from repospbe.catalogue.generate import GUIDES_HOME
from repospbe.catalogue.stream import StreamSources
from repospbe.errors import InputError

RESERVED_DIRS = ("opd/", "aplikasi/", "ekspor/", "grafik/")


def guide_files(src: Path) -> list[tuple[str, Path]]:
    """The hand-written guides (regular files only) as (page, file); ``index.md`` becomes the guides' home."""
    if not src.is_dir():
        return []
    found = []
    for path in sorted(src.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        rel = path.relative_to(src).as_posix()
        if rel != "index.md" and rel == GUIDES_HOME:
            raise InputError("catalogue.guide-conflict", file=str(path), page=rel)
        found.append((GUIDES_HOME if rel == "index.md" else rel, path))
    return found


def copy_guides(guides: list[tuple[str, Path]], docs: Path, sources: StreamSources, assets: tuple[str, ...]) -> None:
    """Copy the guides beside the generated pages; one that would replace a generated page is refused."""
    reserved = set(sources.pages) | set(sources.static) | set(sources.after_build) | set(assets)
    for dest, path in guides:
        if dest in reserved or dest.startswith(RESERVED_DIRS):
            raise InputError("catalogue.guide-conflict", file=str(path), page=dest)
        target = docs / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_symlink():
            target.unlink()
        shutil.copyfile(path, target)
        sources.written.add(dest)
