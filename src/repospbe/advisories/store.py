"""The local advisory database: imported once from an OSV file, read by the scanner.

``repospbe advisories import FILE`` reads an OSV per-ecosystem zip (one OSV JSON per
advisory, as published at ``osv-vulnerabilities.storage.googleapis.com/<ecosystem>/all.zip``)
or one OSV JSON (an object or a list), validates every advisory, and writes one compact file
per ecosystem plus ``meta.json`` (import time, source sha256) with ``write_atomic``. Nothing
here contacts the network: the administrator downloads the file.

The database lives on the machine that runs the scans, beside the source cache:
``$REPOSPBE_ADVISORIES_DIR``, else ``$XDG_DATA_HOME/repospbe/advisories``, else
``~/.local/share/repospbe/advisories``.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from repospbe import stamp
from repospbe.advisories import cvss
from repospbe.advisories.names import osv_name
from repospbe.errors import InputError
from repospbe.writefile import write_atomic

ECOSYSTEMS = ("npm", "Packagist", "PyPI", "Maven")
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_MEMBERS = 1_000_000  # OSV npm holds several hundred thousand (malicious-package reports included)
MAX_MEMBER_BYTES = 4 * 1024 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
META = "meta.json"
_EVENTS = ("introduced", "fixed", "last_affected")


def database_dir() -> Path:
    explicit = os.environ.get("REPOSPBE_ADVISORIES_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "repospbe" / "advisories"


@dataclass(frozen=True)
class ImportResult:
    advisories: dict[str, int]  # ecosystem -> advisories kept
    skipped: int  # advisories of other ecosystems
    sha256: str
    directory: Path


def _members(raw: bytes, name: str) -> Iterator[tuple[str, bytes]]:
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        yield name, raw
        return
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > MAX_MEMBERS:
            raise InputError("advisories.too-many-members", count=len(infos), limit=MAX_MEMBERS)
        if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
            raise InputError("advisories.too-large", limit=MAX_TOTAL_BYTES)
        for info in infos:
            if info.file_size > MAX_MEMBER_BYTES:
                raise InputError("advisories.member-too-large", member=info.filename, limit=MAX_MEMBER_BYTES)
            with zf.open(info) as handle:
                data = handle.read(MAX_MEMBER_BYTES + 1)  # the header's size is not trusted
            if len(data) > MAX_MEMBER_BYTES:
                raise InputError("advisories.member-too-large", member=info.filename, limit=MAX_MEMBER_BYTES)
            yield info.filename, data


def _parse(member: str, data: bytes) -> list[Any]:
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError("advisories.not-json", member=member, detail=str(exc)[:200]) from None
    return doc if isinstance(doc, list) else [doc]


def _range(member: str, rng: Any) -> dict[str, Any]:
    if not isinstance(rng, dict) or rng.get("type") not in ("ECOSYSTEM", "SEMVER", "GIT"):
        raise InputError("advisories.invalid", member=member, detail="ranges[].type")
    events = rng.get("events")
    if not isinstance(events, list) or not events:
        raise InputError("advisories.invalid", member=member, detail="ranges[].events")
    out: list[list[str]] = []
    for event in events:
        if not isinstance(event, dict) or len(event) != 1:
            raise InputError("advisories.invalid", member=member, detail="ranges[].events[]")
        ((kind, value),) = event.items()
        if kind in _EVENTS and isinstance(value, str) and value:
            out.append([kind, value])
        elif kind != "limit":
            raise InputError("advisories.invalid", member=member, detail=f"event {kind}")
    return {"type": rng["type"], "events": out}


def _advisory(member: str, doc: Any) -> list[tuple[str, str, dict[str, Any]]]:
    """(ecosystem, package, compact entry) for each affected package of one advisory."""
    if not isinstance(doc, dict) or not isinstance(doc.get("id"), str) or not doc["id"]:
        raise InputError("advisories.invalid", member=member, detail="id")
    if doc.get("withdrawn"):
        return []
    out = []
    for aff in doc.get("affected") or []:
        pkg = aff.get("package") if isinstance(aff, dict) else None
        if (
            not isinstance(pkg, dict)
            or not isinstance(pkg.get("ecosystem"), str)
            or not isinstance(pkg.get("name"), str)
        ):
            raise InputError("advisories.invalid", member=member, detail="affected[].package")
        versions = aff.get("versions") or []
        if not isinstance(versions, list) or not all(isinstance(v, str) for v in versions):
            raise InputError("advisories.invalid", member=member, detail="affected[].versions")
        ranges = [_range(member, r) for r in aff.get("ranges") or []]
        entry = {
            "id": doc["id"],
            "aliases": [a for a in doc.get("aliases") or [] if isinstance(a, str)][:20],
            "summary": str(doc.get("summary") or "")[:300],
            "severity": _severity(doc, aff),
            "ranges": [r for r in ranges if r["type"] != "GIT"],
            "versions": versions,
        }
        out.append((pkg["ecosystem"].split(":")[0], pkg["name"], entry))
    return out


def _severity(doc: dict[str, Any], aff: dict[str, Any]) -> str:
    for source in (aff.get("ecosystem_specific"), aff.get("database_specific"), doc.get("database_specific")):
        if isinstance(source, dict) and isinstance(source.get("severity"), str):
            return str(source["severity"]).upper()
    return cvss.severity_of(aff.get("severity")) or cvss.severity_of(doc.get("severity"))


def import_file(path: Path, directory: Path | None = None) -> ImportResult:
    """Validate every advisory of ``path``; write the database only when all are valid."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError("advisories.too-large", limit=MAX_FILE_BYTES)
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError("advisories.unreadable", file=str(path), detail=exc.strerror or str(exc)) from None
    db: dict[str, dict[str, list[dict[str, Any]]]] = {e: {} for e in ECOSYSTEMS}
    skipped = 0
    for member, data in _members(raw, path.name):
        for doc in _parse(member, data):
            for eco, name, entry in _advisory(member, doc):
                if eco in db:
                    db[eco].setdefault(osv_name(eco, name), []).append(entry)
                else:
                    skipped += 1
    target = directory or database_dir()
    digest = hashlib.sha256(raw).hexdigest()
    for eco, packages in db.items():
        write_atomic(target / f"{eco}.json", json.dumps(packages, sort_keys=True, separators=(",", ":")))
    meta = {"imported": stamp.now(), "source": path.name, "sha256": digest}
    write_atomic(target / META, json.dumps(meta, sort_keys=True, indent=2) + "\n")
    counts = {eco: sum(len(v) for v in packages.values()) for eco, packages in db.items()}
    return ImportResult(counts, skipped, digest, target)
