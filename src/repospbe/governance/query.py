"""Read-only governance evidence for the catalogue and reports (never raises on bad evidence).

Every value says whether it verifies; nothing here trusts what it reads.
"""
from __future__ import annotations

from pathlib import Path

from repospbe.governance import evidence as evs
from repospbe.governance import releases as rel
from repospbe.governance.assess import assess
from repospbe.governance.audit import verify
from repospbe.governance.gitrepo import Repo
from repospbe.governance.types import AuditEvent, Decision, Release
from repospbe.pipeline.record import PipelineRecord


def _repo(root: Path) -> Repo | None:
    repo = Repo(root)
    return repo if repo.run_raw("rev-parse", "--git-dir").returncode == 0 else None


def _mrs_touching(repo: Repo, app_key: str) -> list[evs.Evidence]:
    out = []
    for number in evs.numbers(repo):
        ev = evs.load(repo, number)
        if ev is None or ev.opening is None:
            continue
        data = ev.opening.data
        src = str(data.get("sumber_sha", ""))
        tgt = str(data.get("target_sha", ""))
        if src and tgt and repo.resolve(src) == src and repo.resolve(tgt) == tgt and any(
                p.startswith(f"registry/apps/{app_key}/") for p in repo.changed(tgt, src)):
            out.append(ev)
    return out


def pipeline_records(root: Path, app_key: str) -> list[PipelineRecord]:
    """Intact pipeline records of the merge requests that changed ``app_key``."""
    repo = _repo(root)
    if repo is None:
        return []
    out = []
    for ev in _mrs_touching(repo, app_key):
        for stored in ev.records.values():
            record = stored.record()
            if record is not None and stored.intact:
                out.append(record)
    return out


def decisions(root: Path, app_key: str) -> list[Decision]:
    """Decisions on merge requests that changed ``app_key``, judged at the state they were made for."""
    repo = _repo(root)
    if repo is None:
        return []
    out = []
    for ev in _mrs_touching(repo, app_key):
        for name, signed in ev.decisions:
            d = signed.data
            src, tgt = str(d.get("sumber_sha", "")), str(d.get("target_sha", ""))
            if repo.resolve(src) != src or repo.resolve(tgt) != tgt:
                verdict = None
            else:
                verdict = next((x for x in assess(repo, ev, src, tgt).decisions if x.name == name), None)
            out.append(Decision(
                mr=ev.number, reviewer=str(d.get("reviewer", "")), decision=str(d.get("keputusan", "")),
                reason=str(d.get("alasan", "")), time=str(d.get("waktu", "")),
                verified=bool(verdict and verdict.signature_ok), source=src,
                pipeline=str(d.get("pipeline", "")), counted=bool(verdict and not verdict.problem),
                problem=verdict.problem if verdict else "tanda-tangan",
            ))
    return out


def releases(root: Path, app_key: str) -> list[Release]:
    repo = _repo(root)
    if repo is None:
        return []
    out = []
    for item in rel.load_all(repo):
        if item.app != app_key:
            continue
        d = item.signed.data
        out.append(Release(
            app=item.app, version=str(d.get("versi", "")), commit=str(d.get("commit", "")),
            time=str(d.get("waktu", "")), who=str(d.get("oleh", "")), verified=rel.signature_ok(repo, item),
            env=item.env, merge_commit=str((d.get("bukti") or {}).get("gabung", "")),
            plan_checksum=str(d.get("rencana", "")),
        ))
    return out


def audit_events(root: Path) -> list[AuditEvent]:
    """The events of ``audit verify`` over main (empty when there is no main)."""
    repo = _repo(root)
    if repo is None or repo.resolve("refs/heads/main") is None:
        return []
    return verify(repo).events
