"""The pipeline record: what ran, on which exact commits, with what result.

A record is the evidence later approvals and releases bind to: its canonical
JSON (sorted keys, no insignificant whitespace, UTF-8) is hashed with sha256,
and that digest is what a reviewer signs (issue: governance). Any change to any
field changes the digest. Signatures are stored beside the record, never in it.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

from repospbe.canonical import canonical_json
from repospbe.states import Isolation, Status

RECORD_VERSION = 1


@dataclass(frozen=True)
class CheckStatus:
    """Outcome of one check (registry check group or source scanner)."""

    name: str
    status: Status
    findings: int = 0
    blocking: int = 0
    detail: str = ""


@dataclass(frozen=True)
class AppRun:
    """Source checks of one app at one pinned commit."""

    key: str
    source_repo: str = ""
    source_commit: str = ""
    source_tree: str = ""
    checks: tuple[CheckStatus, ...] = ()
    reports: tuple[tuple[str, str], ...] = ()  # (report file name, sha256)
    isolation: Isolation = Isolation.NONE  # where app tests ran (NONE: they did not run)


@dataclass(frozen=True)
class PipelineRecord:
    """One pipeline run over one registry commit."""

    registry_commit: str
    registry_tree: str
    status: Status
    started: str
    finished: str
    base_commit: str = ""
    registry_checks: tuple[CheckStatus, ...] = ()
    apps: tuple[AppRun, ...] = ()
    tools: tuple[tuple[str, str], ...] = ()
    reports: tuple[tuple[str, str], ...] = ()
    runner: str = ""
    version: int = field(default=RECORD_VERSION)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def canonical(self) -> bytes:
        return canonical_json(self.to_dict())

    def digest(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()

    @staticmethod
    def from_dict(data: dict[str, Any]) -> PipelineRecord:
        def checks(items: list[dict[str, Any]]) -> tuple[CheckStatus, ...]:
            return tuple(CheckStatus(**{**c, "status": Status.parse(c.get("status"), "check")}) for c in items)

        apps = tuple(
            AppRun(
                key=a["key"],
                source_repo=a.get("source_repo", ""),
                source_commit=a.get("source_commit", ""),
                source_tree=a.get("source_tree", ""),
                checks=checks(a.get("checks", [])),
                reports=tuple((str(n), str(d)) for n, d in a.get("reports", [])),
                isolation=Isolation.parse(a.get("isolation", ""), "isolation"),
            )
            for a in data.get("apps", [])
        )
        return PipelineRecord(
            registry_commit=data["registry_commit"],
            registry_tree=data["registry_tree"],
            status=Status.parse(data["status"], "status"),
            started=data["started"],
            finished=data["finished"],
            base_commit=data.get("base_commit", ""),
            registry_checks=checks(data.get("registry_checks", [])),
            apps=apps,
            tools=tuple((str(n), str(v)) for n, v in data.get("tools", [])),
            reports=tuple((str(n), str(d)) for n, d in data.get("reports", [])),
            runner=data.get("runner", ""),
            version=int(data.get("version", RECORD_VERSION)),
        )


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
