"""The first-party files of a tree, named one by one for the tools.

semgrep applies its own default ignore list when the project has no
``.semgrepignore`` (``vendor/``, ``tests/``, ``dist/``, ``build/``, ``*.min.js``, ...),
silently dropping, for instance, Laravel's ``resources/views/vendor/`` (the app's own
views) and every test directory. Named files are not filtered, so we decide what is
first-party (``repospbe.scanners.thirdparty``) and pass exactly those files, in
batches that keep each command line well below the system's limit.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from repospbe.scanners.base import ThirdParty

ARGV_BUDGET = 400_000  # bytes of file names per tool run


def first_party_files(root: Path, exclusions: ThirdParty) -> list[str]:
    """Regular files (no links, no ``.git``) not excluded as third-party, sorted."""
    out: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        base = Path(dirpath).relative_to(root).as_posix()
        prefix = "" if base == "." else base + "/"
        dirnames[:] = sorted(d for d in dirnames if d != ".git" and not exclusions.excluded(prefix + d))
        for name in sorted(filenames):
            rel = prefix + name
            full = Path(dirpath) / name
            if exclusions.excluded(rel) or full.is_symlink() or not full.is_file():
                continue
            out.append(rel)
    return out


def split_by_size(root: Path, files: list[str], limit: int) -> tuple[list[str], list[str]]:
    """(files of at most ``limit`` bytes, larger files). semgrep applies its own
    ``--max-target-bytes`` only to files it finds, not to files it is given by name."""
    small: list[str] = []
    large: list[str] = []
    for rel in files:
        (large if limit > 0 and (root / rel).stat().st_size > limit else small).append(rel)
    return small, large


def batches(files: list[str], budget: int = ARGV_BUDGET) -> Iterator[list[str]]:
    """``files`` as ``./``-prefixed arguments (never read as options), in size-bounded batches."""
    batch: list[str] = []
    size = 0
    for rel in files:
        arg = "./" + rel
        if batch and size + len(arg) + 1 > budget:
            yield batch
            batch, size = [], 0
        batch.append(arg)
        size += len(arg) + 1
    if batch:
        yield batch
