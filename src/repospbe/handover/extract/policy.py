"""Limits, the refusal error and the result of an extraction."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from repospbe.errors import InputError

MiB = 1024 * 1024
GiB = 1024 * MiB


@dataclass(frozen=True)
class Limits:
    """What a delivery may contain. Over any limit, the whole ingest is refused."""

    max_files: int = 50_000
    max_total_bytes: int = 4 * GiB
    max_file_bytes: int = 2 * GiB
    max_ratio: float = 100.0
    ratio_floor: int = 1 * MiB
    max_path_bytes: int = 1024
    max_depth: int = 48
    max_link_bytes: int = 4096


def shown(name: str) -> str:
    """A name safe to print: control characters escaped, length capped."""
    return name.encode("unicode_escape", "backslashreplace").decode("ascii")[:200]


class ExtractRefused(InputError):
    """The delivery breaks a safety rule; nothing of it is kept (exit 2)."""

    def __init__(self, reason: str, name: str = "", **params: object) -> None:
        extra = {k: shown(str(v)) if isinstance(v, str) else v for k, v in params.items()}
        super().__init__(f"handover.refused.{reason}", name=shown(name), **extra)
        self.reason = reason


@dataclass(frozen=True)
class Member:
    """One imported file: clean path, size, sha256 and git mode (100644/100755/120000)."""

    path: str
    size: int
    sha256: str
    mode: str
    link: str = ""


@dataclass(frozen=True)
class Extraction:
    """What landed in ``root`` (symlinks are recorded only, never created on disk)."""

    root: Path
    members: tuple[Member, ...]
    dropped: tuple[str, ...]
    total_bytes: int
    stripped: str = ""  # the single top-level directory removed from every path (see extract.prefix)

    @property
    def files(self) -> int:
        return len(self.members)
