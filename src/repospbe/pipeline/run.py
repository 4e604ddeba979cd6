"""``repospbe pipeline run``: registry checks plus source checks of changed apps.

``run_pipeline`` is the library entry point (the governance code calls it); it
returns the pipeline record and every finding, and writes the reports and the
record when ``output_dir`` is given.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from repospbe.checks import REGISTRY_CHECKS
from repospbe.engine import run_checks
from repospbe.findings import Finding, Severity
from repospbe.gitutil import changed_paths, git
from repospbe.pipeline.record import CheckStatus, PipelineRecord
from repospbe.registry import load_registry
from repospbe.selection import expand

_LOAD_GROUP = "load"


def run_pipeline(
    root: Path,
    changed_since: str | None = None,
    *,
    output_dir: Path | None = None,
    threshold: Severity = Severity.HIGH,
) -> tuple[PipelineRecord, list[Finding]]:
    """Run the registry checks (of what changed since ``changed_since``)."""
    started = _now()
    selection = None
    if changed_since:
        selection = expand(root, changed_paths(root, changed_since))
    findings = run_checks(load_registry(root, selection))
    statuses = registry_statuses(findings, threshold)
    blocking = any(f.blocks(threshold) for f in findings)
    record = PipelineRecord(
        registry_commit=_rev(root, "HEAD"), registry_tree=_rev(root, "HEAD^{tree}"),
        status="failed" if blocking else "passed", started=started, finished=_now(),
        base_commit=_rev(root, changed_since) if changed_since else "",
        registry_checks=statuses,
    )
    return record, findings


def registry_statuses(findings: list[Finding], threshold: Severity) -> tuple[CheckStatus, ...]:
    """One status per registry check group (``schema``, ``ref``, ... and ``load``)."""
    groups = [_LOAD_GROUP, *REGISTRY_CHECKS]
    out = []
    for name in groups:
        mine = [f for f in findings if _group(f.check_id) == name]
        crashed = any(f.check_id == "check.crashed" and dict(f.params).get("check") == name for f in findings)
        blocking = sum(1 for f in mine if f.blocks(threshold))
        status = "error" if crashed else ("failed" if blocking else "passed")
        out.append(CheckStatus(name=name, status=status, findings=len(mine), blocking=blocking))
    return tuple(out)


def _group(check_id: str) -> str:
    head = check_id.split(".", 1)[0]
    return head if head in REGISTRY_CHECKS else _LOAD_GROUP


def _rev(root: Path, ref: str) -> str:
    try:
        return git(root, "rev-parse", "--verify", "--quiet", ref).strip()
    except Exception:  # noqa: BLE001 - not a git checkout: no commit to bind to
        return ""


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
