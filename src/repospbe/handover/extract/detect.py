"""What kind of delivery a path is, from its content (never from its name)."""

from __future__ import annotations

from pathlib import Path

from repospbe.errors import InputError

BUNDLE_HEADERS = (b"# v2 git bundle\n", b"# v3 git bundle\n")


def detect_kind(path: Path) -> str:
    """``direktori``, ``zip``, ``tar``, ``tar.gz``, ``tar.xz``, ``tar.bz2`` or ``bundle``."""
    if path.is_symlink():
        raise InputError("handover.input-symlink", file=str(path))
    if path.is_dir():
        return "direktori"
    if not path.is_file():
        raise InputError("handover.input-missing", file=str(path))
    with path.open("rb") as fh:
        head = fh.read(512)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head.startswith(b"\x1f\x8b"):
        return "tar.gz"
    if head.startswith(b"\xfd7zXZ\x00"):
        return "tar.xz"
    if head.startswith(b"BZh"):
        return "tar.bz2"
    if head.startswith(BUNDLE_HEADERS):
        return "bundle"
    if len(head) >= 262 and head[257:262] == b"ustar":
        return "tar"
    raise InputError("handover.unknown-format", file=str(path))
