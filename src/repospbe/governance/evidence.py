"""Merge-request evidence kept in git: openings, pipeline records, decisions, state.

Each merge request N is an append-only commit chain at ``refs/repospbe/mr/N``:

    pembukaan.json + pembukaan.sig          the signed opening
        and/or .p7s (+ .ocsp)               signed with the opener's electronic certificate
    pipeline/<digest>/rekaman.json          a pipeline record (canonical JSON)
    pipeline/<digest>/tanda-<principal>.sig a signature over it (runner or reviewer)
    pipeline/<digest>/laporan/<name>        its reports (hashes are in the record)
    keputusan/<seq>-<reviewer>.json + .sig  signed decisions (setuju / tolak)
        + .p7s (+ .ocsp)                    a certificate's CMS signature (and stored OCSP response)
    status.json                             merged / closed (informational)

Payloads are canonical JSON; a signature covers the exact stored bytes. The chain is
append-only by content (``appendonly``): decisions are read from every commit of the
chain, so a decision a later commit deleted or rewrote still counts as it was signed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from repospbe.canonical import canonical_json, json_object
from repospbe.errors import InputError
from repospbe.governance.appendonly import walk
from repospbe.governance.gitrepo import Repo
from repospbe.pipeline.record import PipelineRecord, sha256_bytes

MR_PREFIX = "refs/repospbe/mr/"
_DECISION_RE = re.compile(r"^keputusan/(\d{4})-([a-z0-9-]+)\.json$")
_PIPE_RE = re.compile(r"^pipeline/([0-9a-f]{64})/rekaman\.json$")


def mr_ref(number: int) -> str:
    return f"{MR_PREFIX}{number}"


@dataclass(frozen=True)
class Signed:
    """Stored bytes and the signatures beside them (b'' when absent): SSH (``.sig``), and a
    certificate's detached CMS signature (``.p7s``) with an optional stored OCSP response (``.ocsp``)."""

    raw: bytes
    sig: bytes
    cms: bytes = b""
    ocsp: bytes = b""

    @property
    def data(self) -> dict[str, Any]:
        return json_object(self.raw)

    @property
    def digest(self) -> str:
        return sha256_bytes(self.raw)


@dataclass(frozen=True)
class StoredRecord:
    """A pipeline record as stored: its name (claimed digest), bytes and signatures."""

    name: str
    raw: bytes
    signatures: dict[str, bytes]
    reports: dict[str, bytes] = field(default_factory=dict)

    @property
    def digest(self) -> str:
        return sha256_bytes(self.raw)

    def record(self) -> PipelineRecord | None:
        try:
            return PipelineRecord.from_dict(json.loads(self.raw.decode("utf-8")))
        except (UnicodeDecodeError, ValueError, KeyError, TypeError, InputError):  # InputError: unknown state
            return None

    @property
    def intact(self) -> bool:
        """The bytes are the canonical form of a record whose digest is its name."""
        rec = self.record()
        return rec is not None and rec.canonical() == self.raw and self.digest == self.name


@dataclass(frozen=True)
class Evidence:
    """Everything stored for one merge request at one evidence commit."""

    number: int
    commit: str
    opening: Signed | None
    records: dict[str, StoredRecord]
    decisions: tuple[tuple[str, Signed], ...]  # (file name, decision)
    status: dict[str, Any]


def load(repo: Repo, number: int, commit: str | None = None) -> Evidence | None:
    """The evidence of merge request ``number`` (at ``commit``, default the ref's tip)."""
    commit = commit or repo.resolve(mr_ref(number))
    if commit is None:
        return None
    ids = repo.blob_ids(commit)
    files = set(ids)

    def get(rel: str) -> bytes:
        return (repo.blob(commit, rel) or b"") if rel in files else b""

    opening = _signed("pembukaan.json", get) if "pembukaan.json" in files else None
    records: dict[str, StoredRecord] = {}
    decisions: dict[str, Signed] = {}
    for rel in sorted(files):
        if m := _PIPE_RE.match(rel):
            records[m.group(1)] = _record(m.group(1), files, get)
        elif _DECISION_RE.match(rel):
            decisions[rel] = _signed(rel, get)
    status = Signed(get("status.json"), b"").data
    return Evidence(number, commit, opening, records, _with_history(repo, commit, ids, decisions), status)


def _with_history(
    repo: Repo, commit: str, ids: dict[str, str], tip: dict[str, Signed]
) -> tuple[tuple[str, Signed], ...]:
    """Every decision any commit of the chain ever added, plus the tip's (each version once).

    Where one name has several versions (a rewrite the audit reports), the first-added
    version is placed last, so the decision as it was first signed is the one in force.
    Only versions that are not the tip's are read again (an untouched chain costs one walk)."""
    versions: dict[str, list[tuple[str, str]]] = {}  # name -> [(blob id, commit that added it)]
    for item in walk(repo, commit).added:
        if _DECISION_RE.match(item.path) and item.blob not in (b for b, _ in versions.get(item.path, [])):
            versions.setdefault(item.path, []).append((item.blob, item.commit))
    for name in tip:  # files that came in through a merge commit have no "added" entry
        if ids[name] not in (b for b, _ in versions.get(name, [])):
            versions.setdefault(name, []).append((ids[name], commit))
    out: list[tuple[str, Signed]] = []
    for name in sorted(versions):
        first, *later = versions[name]
        for blob, added_in in [*later, first]:
            if ids.get(name) == blob:
                out.append((name, tip[name]))
            else:
                raw = repo.object_blob(blob) or b""
                out.append((name, _signed(name, lambda rel, c=added_in: repo.blob(c, rel) or b"", raw)))
    return tuple(out)


def _signed(rel: str, get: Any, raw: bytes | None = None) -> Signed:
    """The decision (or opening) ``rel`` and every signature file beside it (read with ``get``)."""
    stem = rel[:-5]
    return Signed(get(rel) if raw is None else raw, get(stem + ".sig"), get(stem + ".p7s"), get(stem + ".ocsp"))


def _record(name: str, files: set[str], get: Any) -> StoredRecord:
    base = f"pipeline/{name}/"
    sigs = {
        rel[len(base) + 6 : -4]: get(rel) for rel in files if rel.startswith(base + "tanda-") and rel.endswith(".sig")
    }
    reports = {rel[len(base) + 8 :]: get(rel) for rel in files if rel.startswith(base + "laporan/")}
    return StoredRecord(name, get(base + "rekaman.json"), sigs, reports)


def numbers(repo: Repo) -> list[int]:
    out = []
    for ref in repo.refs(MR_PREFIX):
        tail = ref[len(MR_PREFIX) :]
        if tail.isdigit():
            out.append(int(tail))
    return sorted(out)


def record_files(record: PipelineRecord, signer: str, sig: bytes | None, reports: dict[str, bytes]) -> dict[str, bytes]:
    digest = record.digest()
    files = {f"pipeline/{digest}/rekaman.json": record.canonical()}
    if sig is not None:
        files[f"pipeline/{digest}/tanda-{signer}.sig"] = sig
    for name, data in reports.items():
        files[f"pipeline/{digest}/laporan/{name}"] = data
    return files


def next_decision_name(ev: Evidence, reviewer: str) -> str:
    return f"keputusan/{len(ev.decisions) + 1:04d}-{reviewer}"


def payload(data: dict[str, Any]) -> bytes:
    return canonical_json(data)
