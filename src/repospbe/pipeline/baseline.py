"""Merge-request mode: what the change adds, not what the target already had.

A finding whose fingerprint already exists on the target is reported as ``info``
(it is still listed, with its original severity in ``baseline``) and does not
block: a change to the rules or to the reviewers must be able to pass while
other apps still have their old, real gaps. A finding the change introduces
blocks as usual. Fingerprints ignore line numbers, so moved lines stay matched.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from repospbe.engine import run_checks
from repospbe.findings import Finding, Severity
from repospbe.git.batch import BatchReader
from repospbe.git.runner import run_git
from repospbe.git.snapshot import registry_at
from repospbe.registry import load_registry
from repospbe.registry.model import Registry
from repospbe.registry.paths import app_key

# An app record among NUL-separated paths (where a path starts): group 1 is its ``opd/app`` key.
_APP_RECORD = re.compile(r"registry/apps/([^/\0]+/[^/\0]+)/app\.yaml(?=\0|$)")
_CONTEXT = (
    "checks",
    "registry/instance.yaml",
    "registry/reviewers.yaml",
    "registry/allowed_signers",
    "registry/runners",
    "registry/opd",
    "registry/subdomains",
    "registry/dns",
)


def target_findings(root: Path, base: str, selection: frozenset[str] | None) -> set[str]:
    """Fingerprints of the registry findings at ``base`` over the same selection.

    With a selection, only the selected apps' files and the registry-wide context (policy,
    OPDs, subdomains) are extracted; the other apps are named from the listing at ``base``
    and, where a check reads one, read from the git objects at ``base``."""
    if selection is None:
        with registry_at(root, base, ("registry", "checks")) as snap:
            return {f.fingerprint for f in run_checks(load_registry(snap, selection))}
    apps = {f"registry/apps/{k}" for p in selection if (k := app_key(p))}
    with registry_at(root, base, (*_CONTEXT, *sorted(apps))) as snap:
        reg = load_registry(snap, selection)
        _other_apps(reg, root, base)
        return {f.fingerprint for f in run_checks(reg)}


def _other_apps(reg: Registry, root: Path, base: str) -> None:
    """Name every app record at ``base`` without extracting the unselected ones; a check that
    reads one (``Registry.unselected``) gets it from the objects of ``base`` through one
    ``git cat-file --batch``, never from the work tree (which a job before ours may have written)."""
    commit = run_git(root, "rev-parse", "--verify", "--end-of-options", f"{base}^{{commit}}").text.strip()
    listed = run_git(root, "ls-tree", "-r", "-z", "--name-only", commit, "--", "registry/apps", check=False)
    text = listed.stdout.decode("utf-8", "surrogateescape")
    found = {m[1]: m[0] for m in _APP_RECORD.finditer(text) if m.start() == 0 or text[m.start() - 1] == "\0"}
    merged = {**found, **reg.app_names}
    reg.app_names.clear()
    reg.app_names.update((key, merged[key]) for key in sorted(merged, key=lambda k: k.split("/")))
    reader = BatchReader(root)

    def read(rel: str) -> bytes | None:
        if "\n" in rel or "\r" in rel:
            return None
        found = reader.read(f"{commit}:{rel}")
        return found[1] if found is not None and found[0] == "blob" else None

    reg.unselected = read


def mark_preexisting(findings: list[Finding], known: set[str]) -> list[Finding]:
    out = []
    for f in findings:
        if f.fingerprint in known and f.severity is not Severity.INFO:
            f = replace(f, severity=Severity.INFO, params=(*f.params, ("baseline", f.severity.value)))
        out.append(f)
    return out
