"""Assess a whole registry (or some apps), now or as it stood at a git ref."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from repospbe import stamp
from repospbe.engine import run_checks
from repospbe.errors import InputError
from repospbe.findings import Finding
from repospbe.git.snapshot import commit_time, registry_at
from repospbe.governance import query
from repospbe.governance.types import AuditEvent, Decision, Release
from repospbe.maturity.evidence import AppEvidence, findings_by_app, gather
from repospbe.maturity.ladder import AppLevel, place
from repospbe.maturity.rules import Ladder, load_ladder
from repospbe.pipeline.record import PipelineRecord
from repospbe.registry import load_registry
from repospbe.registry.model import Registry


def assess_registry(
    root: Path,
    keys: list[str] | None = None,
    today: date | None = None,
    cutoff: datetime | None = None,
    rules_root: Path | None = None,
) -> list[AppLevel]:
    """Levels of ``keys`` (default: every app) in ``root``.

    ``cutoff`` (an aware time) drops evidence newer than it, for a past period."""
    reg = load_registry(root)
    selected = sorted(reg.apps) if not keys else keys
    missing = [k for k in selected if k not in reg.apps]
    if missing:
        raise InputError("maturity.unknown-app", app=", ".join(missing))
    repo_root = rules_root or root
    with query.snapshot(repo_root):  # the governance refs read once for every app
        return assess_loaded(reg, run_checks(reg), repo_root, selected, today, cutoff, query.audit_events(repo_root))


Known = dict[str, tuple[tuple[PipelineRecord, ...], tuple[Release, ...], tuple[Decision, ...]]]


def assess_loaded(
    reg: Registry,
    findings: list[Finding],
    repo_root: Path,
    keys: list[str],
    today: date | None = None,
    cutoff: datetime | None = None,
    audit: list[AuditEvent] | None = None,
    known: Known | None = None,
    ladder: Ladder | None = None,
) -> list[AppLevel]:
    """Levels of ``keys`` from an already loaded and checked registry (the catalogue's way);
    ``known`` carries governance evidence already read (pipelines, releases, decisions per app);
    ``ladder``: ``load_ladder(repo_root)`` when the caller has it."""
    today = today or datetime.now(UTC).date()
    ladder = ladder or load_ladder(repo_root)
    by_app = findings_by_app(findings)
    problems = [e for e in audit or [] if not e.ok]  # what ``gather`` keeps of the audit: once, not per app
    levels = []
    for key in keys:
        read = known.get(key) if known is not None else None
        ev = gather(reg, key, by_app.get(key, []), problems, today, with_git=False, governance=read)
        if read is None:
            ev = _with_git_evidence(ev, repo_root, cutoff)
        levels.append(place(ev, ladder))
    return levels


def _with_git_evidence(ev: AppEvidence, repo_root: Path, cutoff: datetime | None) -> AppEvidence:
    def keep(time: str) -> bool:
        return cutoff is None or _at_or_before(time, cutoff)

    return replace(
        ev,
        pipelines=tuple(p for p in query.pipeline_records(repo_root, ev.key) if keep(p.finished)),
        releases=tuple(r for r in query.releases(repo_root, ev.key) if keep(r.time)),
        decisions=tuple(d for d in query.decisions(repo_root, ev.key) if keep(d.time)),
    )


def _at_or_before(time: str, cutoff: datetime) -> bool:
    """Evidence stamped ``time`` existed by ``cutoff``; a stamp that can not be read is not
    evidence of that period (compared as times: a commit's offset is not a string order)."""
    try:
        return stamp.parse(time) <= cutoff
    except InputError:
        return False


def assess_at(root: Path, ref: str, keys: list[str] | None = None, today: date | None = None) -> list[AppLevel]:
    """Levels as the registry stood at git ``ref`` (evidence up to that commit's time)."""
    cutoff = _since(root, ref)
    with registry_at(root, ref) as snap:
        reg = load_registry(snap)
        present = [k for k in (keys or sorted(reg.apps)) if k in reg.apps]
        if not present:
            return []
        return assess_registry(snap, present, today, cutoff=cutoff, rules_root=root)


def _since(root: Path, ref: str) -> datetime:
    """The time of ``ref`` (a ``--since`` ref); a ref that is not a commit is an InputError."""
    try:
        return commit_time(root, ref)
    except InputError as exc:
        raise InputError("maturity.bad-since", ref=ref, error=exc.params.get("error", "")) from exc
