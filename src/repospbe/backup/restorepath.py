"""Where a repository of a backup set may be restored: inside the target, nowhere else.

A manifest's ``restore_path`` is data, even when its signature is valid. It is checked
twice: as text before anything is written (relative, no ``..``, no absolute or drive
path), and as a resolved path just before its repository is created (a link that an
earlier restored work tree brought along can not lead outside either)."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from repospbe.errors import InputError


def check_text(restore_path: str) -> tuple[str, ...]:
    """The components of ``restore_path`` (``()`` for ``.``), or InputError."""
    if not restore_path or "\0" in restore_path or "\\" in restore_path:
        raise InputError("backup.restore-invalid", entry=restore_path)
    pure = PurePosixPath(restore_path)
    if pure.is_absolute() or restore_path.startswith("~") or restore_path[1:2] == ":":  # ~user, C:
        raise InputError("backup.restore-absolute", entry=restore_path)
    if ".." in pure.parts:
        raise InputError("backup.restore-parent", entry=restore_path)
    return tuple(p for p in pure.parts if p != ".")


def resolve_inside(target: Path, parts: tuple[str, ...], restore_path: str) -> Path:
    """The resolved place of ``parts`` under ``target``; refused when it (or a link on the
    way) leads outside ``target``, or when something is already there."""
    top = target.resolve()
    place = top.joinpath(*parts)
    resolved = place.resolve()
    if not resolved.is_relative_to(top):
        raise InputError("backup.restore-link", entry=restore_path, target=str(target))
    if parts and resolved.exists() and (not resolved.is_dir() or any(resolved.iterdir())):
        raise InputError("backup.restore-occupied", entry=restore_path, target=str(target))
    return resolved
