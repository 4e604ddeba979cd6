"""The backup manifest: canonical JSON, its digest, and reading it back."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from repospbe.canonical import canonical_json
from repospbe.errors import InputError
from repospbe.pipeline.record import sha256_bytes

FORMAT = "repospbe-backup/1"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.sig"
NAMESPACE = "repospbe-backup"


@dataclass(frozen=True)
class RepoEntry:
    """One repository in a set: where it restores to and what its bundle holds."""

    name: str
    role: str  # "registry" | "source" | "external"
    restore_path: str
    refs: dict[str, str]
    bundle: str = ""
    sha256: str = ""
    size: int = 0
    prerequisites: tuple[str, ...] = ()
    origin: str = ""


@dataclass(frozen=True)
class Manifest:
    kind: str  # "full" | "incremental"
    created: str
    tool_version: str
    registry_main: str
    repos: tuple[RepoEntry, ...]
    previous: str = ""  # set name of the previous set (incremental)
    previous_sha256: str = ""  # sha256 of the previous manifest.json
    format: str = field(default=FORMAT)

    def to_bytes(self) -> bytes:
        data = asdict(self)
        return canonical_json(data) + b"\n"

    def repo(self, name: str) -> RepoEntry | None:
        return next((r for r in self.repos if r.name == name), None)


def read_manifest(set_dir: Path) -> tuple[Manifest, bytes]:
    """The manifest of ``set_dir`` and its raw bytes (for digests and signatures)."""
    path = set_dir / MANIFEST
    try:
        raw = path.read_bytes()
        data: dict[str, Any] = json.loads(raw)
    except (OSError, ValueError) as exc:
        raise InputError("backup.manifest-unreadable", file=str(path), error=str(exc)) from None
    if data.get("format") != FORMAT:
        raise InputError("backup.manifest-unreadable", file=str(path), error="format")
    repos = tuple(RepoEntry(**{**r, "prerequisites": tuple(r.get("prerequisites", ()))}) for r in data["repos"])
    return Manifest(**{**data, "repos": repos}), raw


def digest_of(set_dir: Path) -> str:
    return sha256_bytes((set_dir / MANIFEST).read_bytes())
