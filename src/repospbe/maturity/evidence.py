"""Everything the ladder looks at for one app, gathered once (plain, frozen values)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from repospbe.findings import Finding
from repospbe.governance import query
from repospbe.governance.types import AuditEvent, Decision, Release
from repospbe.pdfsig.documents import verified
from repospbe.pipeline.record import PipelineRecord
from repospbe.registry.model import Registry
from repospbe.registry.paths import app_key
from repospbe.yamlio import load_file


@dataclass(frozen=True)
class AppEvidence:
    key: str
    record: dict[str, Any]
    findings: tuple[Finding, ...]
    pipelines: tuple[PipelineRecord, ...]
    releases: tuple[Release, ...]
    decisions: tuple[Decision, ...]
    waivers: tuple[dict[str, Any], ...]
    audit_problems: tuple[AuditEvent, ...]
    pemda: str
    today: date
    # Verified certificate signatures (PSrE/BSrE) of this app: its signed PDF documents whose every
    # signature counts (repospbe.pdfsig) and its in-force decisions signed with a certificate that
    # validates (governance.query); the ``transaksi`` level's electronic-certificate criterion.
    certificates: tuple[str, ...] = ()

    @property
    def jenis(self) -> str:
        return str(self.record.get("jenis", ""))


def findings_by_app(findings: list[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in findings:
        key = app_key(f.path)
        if key:
            out.setdefault(key, []).append(f)
    return out


Governance = tuple[tuple[PipelineRecord, ...], tuple[Release, ...], tuple[Decision, ...]]


def gather(
    reg: Registry,
    key: str,
    app_findings: list[Finding],
    audit: list[AuditEvent],
    today: date,
    with_git: bool = True,
    governance: Governance | None = None,
) -> AppEvidence:
    """``governance``: the app's pipeline records, releases and decisions when the caller has read them
    (then ``with_git`` does not matter); ``audit``: the events, of which the failed ones are kept."""
    app = reg.apps.get(key)
    record = app.data if app is not None and isinstance(app.data, dict) else {}
    root = reg.root
    if governance is not None:
        pipelines, releases, decisions = governance
    elif with_git:
        pipelines = tuple(query.pipeline_records(root, key))
        releases = tuple(query.releases(root, key))
        decisions = tuple(query.decisions(root, key))
    else:
        pipelines, releases, decisions = (), (), ()
    return AppEvidence(
        key=key,
        record=record,
        findings=tuple(app_findings),
        pipelines=pipelines,
        releases=releases,
        decisions=decisions,
        waivers=_waivers(root, key),
        audit_problems=tuple(e for e in audit if not e.ok) if audit else (),
        pemda=reg.pemda,
        today=today,
        certificates=(
            *(doc.path for doc in verified(reg, key)),
            *(f"MR !{d.mr}: {d.reviewer}" for d in decisions if d.certificate and d.counted),
        ),
    )


def _waivers(root: Path, key: str) -> tuple[dict[str, Any], ...]:
    name = f"{os.fspath(root)}/registry/apps/{key}/waivers.yaml"
    if not os.path.isfile(name):  # one stat, no path objects: asked for every app
        return ()
    path = Path(name)
    data = load_file(path, str(path)).data
    items = data.get("waivers", data.get("pengecualian", [])) if isinstance(data, dict) else data
    return tuple(i for i in (items or []) if isinstance(i, dict))
