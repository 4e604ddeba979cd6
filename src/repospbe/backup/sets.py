"""Finding the sets in a backup root and the chain each one stands on."""

from __future__ import annotations

from pathlib import Path

from repospbe.backup.manifest import MANIFEST, Manifest, read_manifest
from repospbe.errors import InputError


def list_sets(root: Path) -> list[Path]:
    """Set directories under ``root`` (or ``root`` itself when it is a set), oldest first."""
    if (root / MANIFEST).is_file():
        return [root]
    if not root.is_dir():
        raise InputError("backup.not-found", dir=str(root))
    sets = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".") and (p / MANIFEST).is_file())
    if not sets:
        raise InputError("backup.not-found", dir=str(root))
    return sets


def chain_of(set_dir: Path) -> list[tuple[Path, Manifest]]:
    """``set_dir`` and its ancestors back to a full set, oldest first.

    Raises InputError naming the first missing link."""
    chain: list[tuple[Path, Manifest]] = []
    current: Path | None = set_dir
    while current is not None:
        manifest, _ = read_manifest(current)
        chain.append((current, manifest))
        if manifest.kind == "full":
            break
        parent = current.parent / manifest.previous
        if not (parent / MANIFEST).is_file():
            raise InputError("backup.chain-gap.msg", set=current.name, previous=manifest.previous)
        current = parent
    return list(reversed(chain))
