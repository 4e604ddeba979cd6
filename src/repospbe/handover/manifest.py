"""The handover manifest: every file's path, size and sha256, totals, the archive's sha256."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from repospbe.handover.extract import Extraction

MANIFEST_FORMAT = 1
MAX_DROPPED_LISTED = 200


@dataclass(frozen=True)
class Delivery:
    """Who delivered what, under which contract, as which version."""

    app_key: str
    vendor: str
    contract: str
    version: str
    date: str
    archive_name: str
    archive_kind: str
    archive_size: int
    archive_sha256: str


def sha256_file(path: Path, chunk: int = 1024 * 1024) -> tuple[str, int]:
    """sha256 and size of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def listing_sha256(extraction: Extraction) -> str:
    """For a directory delivery (no archive): sha256 over the sorted file list."""
    digest = hashlib.sha256()
    for m in extraction.members:
        digest.update(f"{m.mode} {m.size} {m.sha256} {m.path}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def build(delivery: Delivery, extraction: Extraction, source: dict[str, str]) -> dict[str, Any]:
    return {
        "format": MANIFEST_FORMAT,
        "aplikasi": delivery.app_key,
        "versi": delivery.version,
        "vendor": delivery.vendor,
        "kontrak": delivery.contract,
        "tanggal": delivery.date,
        "arsip": {
            "nama": delivery.archive_name,
            "jenis": delivery.archive_kind,
            "ukuran": delivery.archive_size,
            "sha256": delivery.archive_sha256,
        },
        "sumber": source,
        **({"folder_induk_dilepas": extraction.stripped} if extraction.stripped else {}),
        "total": {"berkas": extraction.files, "bita": sum(m.size for m in extraction.members)},
        "dibuang": {
            "jumlah": len(extraction.dropped),
            "contoh": list(extraction.dropped[:MAX_DROPPED_LISTED]),
            "alasan": "isi .git milik vendor (hooks, config) dan folder __MACOSX tidak pernah diimpor",
        },
        "berkas": [{"path": m.path, "ukuran": m.size, "sha256": m.sha256, "mode": m.mode} for m in extraction.members],
    }


def dumps(manifest: dict[str, Any]) -> str:
    return json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
