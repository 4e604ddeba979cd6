"""Merge-request mode: what the change adds, not what the target already had.

A finding whose fingerprint already exists on the target is reported as ``info``
(it is still listed, with its original severity in ``baseline``) and does not
block: a change to the rules or to the reviewers must be able to pass while
other apps still have their old, real gaps. A finding the change introduces
blocks as usual. Fingerprints ignore line numbers, so moved lines stay matched.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from repospbe.engine import run_checks
from repospbe.findings import Finding, Severity
from repospbe.git.snapshot import registry_at
from repospbe.registry import load_registry
from repospbe.registry.paths import app_key

_CONTEXT = (
    "checks",
    "registry/instance.yaml",
    "registry/reviewers.yaml",
    "registry/allowed_signers",
    "registry/runners",
    "registry/opd",
    "registry/subdomains",
    "registry/dns",
    "registry/apps/*/*/app.yaml",
)


def target_findings(root: Path, base: str, selection: frozenset[str] | None) -> set[str]:
    """Fingerprints of the registry findings at ``base`` over the same selection.

    With a selection, only the selected apps' files and the registry-wide context (policy,
    OPDs, subdomains, every app record) are extracted: never the other apps' documents."""
    parts: tuple[str, ...] = ("registry", "checks")
    if selection is not None:
        apps = {f"registry/apps/{k}" for p in selection if (k := app_key(p))}
        parts = (*_CONTEXT, *sorted(apps))
    with registry_at(root, base, parts) as snap:
        return {f.fingerprint for f in run_checks(load_registry(snap, selection))}


def mark_preexisting(findings: list[Finding], known: set[str]) -> list[Finding]:
    out = []
    for f in findings:
        if f.fingerprint in known and f.severity is not Severity.INFO:
            f = replace(f, severity=Severity.INFO, params=(*f.params, ("baseline", f.severity.value)))
        out.append(f)
    return out
