"""Policy over source findings: the blocking threshold and approved waivers.

A waiver (``registry/apps/<opd>/<app>/waivers.yaml``, schema
``checks/schemas/waivers.schema.json``) names a finding by check id
(``temuan``, optionally limited to one ``berkas``) or by fingerprint
(``sidik``), with a reason, who approved it and an expiry date. Waived findings
leave the list; an expired waiver waives nothing, and an expired waiver or one
that matches nothing is itself a finding. An unreadable waivers file blocks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from repospbe.errors import InputError
from repospbe.findings import Finding, Severity
from repospbe.yamlio import Loaded, load_file, locate

SCHEMA = "checks/schemas/waivers.schema.json"


@dataclass(frozen=True)
class Waiver:
    index: int
    check: str
    fingerprint: str
    path: str
    reason: str
    approved_by: str
    expires: str
    line: int


def load_waivers(root: Path, rel: str, schema_root: Path | None = None) -> tuple[list[Waiver], list[Finding]]:
    """Waivers of one file on disk (absent file: none) and findings for what is wrong in it."""
    path = root / rel
    if not path.exists():
        return [], []
    schema = json.loads(((schema_root or root) / SCHEMA).read_text(encoding="utf-8"))
    return parse_waivers(load_file(path, rel), rel, schema)


def parse_waivers(loaded: Loaded | None, rel: str, schema: dict[str, Any]) -> tuple[list[Waiver], list[Finding]]:
    """Waivers of one parsed file (None: no file, no waivers) checked against ``schema``."""
    if loaded is None:
        return [], []
    if loaded.data is None:
        return [], list(loaded.findings) or [Finding.make("waiver.invalid", Severity.HIGH, path=rel, detail="kosong")]
    import jsonschema  # on first use: 0.15 s of start-up a scan without waivers does not need

    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(loaded.data), key=lambda e: list(e.path))
    if errors:
        return [], [
            Finding.make(
                "waiver.invalid",
                Severity.HIGH,
                path=rel,
                line=locate(loaded.text, list(e.absolute_path))[0],
                detail=e.message[:200],
            )
            for e in errors
        ]
    out = []
    for i, item in enumerate(loaded.data["pengecualian"]):
        out.append(
            Waiver(
                i,
                item.get("temuan", ""),
                item.get("sidik", ""),
                item.get("berkas", ""),
                item["alasan"],
                item["disetujui_oleh"],
                item["berlaku_sampai"],
                locate(loaded.text, ["pengecualian", i])[0],
            )
        )
    return out, []


def _matches(waiver: Waiver, finding: Finding) -> bool:
    if waiver.fingerprint and waiver.fingerprint != finding.fingerprint:
        return False
    if waiver.check and waiver.check != finding.check_id:
        return False
    return not waiver.path or waiver.path == finding.path


def apply_waivers(
    findings: dict[str, list[Finding]],
    waivers: list[Waiver],
    rel: str,
    today: date,
) -> tuple[dict[str, list[Finding]], list[Finding]]:
    """(findings per scanner with waived ones removed, findings about the waivers)."""
    used: set[int] = set()
    kept: dict[str, list[Finding]] = {}
    live = [w for w in waivers if w.expires >= today.isoformat()]
    for scanner, items in findings.items():
        kept[scanner] = []
        for finding in items:
            match = next((w for w in live if _matches(w, finding)), None)
            if match is None:
                kept[scanner].append(finding)
            else:
                used.add(match.index)
    out: list[Finding] = []
    for w in waivers:
        label = w.check or w.fingerprint
        if w.expires < today.isoformat():
            out.append(
                Finding.make("waiver.expired", Severity.MEDIUM, path=rel, line=w.line, target=label, expires=w.expires)
            )
        elif w.index not in used:
            out.append(Finding.make("waiver.unused", Severity.MEDIUM, path=rel, line=w.line, target=label))
        else:
            out.append(
                Finding.make(
                    "waiver.applied",
                    Severity.INFO,
                    path=rel,
                    line=w.line,
                    target=label,
                    approver=w.approved_by,
                    expires=w.expires,
                )
            )
    return kept, out


def parse_threshold(name: str) -> Severity:
    """The lowest severity that blocks, from ``--fail-on`` (critical|high|medium|low, any case)."""
    try:
        return Severity(name.lower())
    except ValueError:
        raise InputError("scan.bad-threshold", value=name, allowed="critical, high, medium, low") from None
