"""Read-only governance evidence for the catalogue and reports (never raises on bad evidence).

Every value says whether it verifies; nothing here trusts what it reads.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from repospbe.governance import evidence as evs
from repospbe.governance import releases as rel
from repospbe.governance.assess import DecisionVerdict, assess
from repospbe.governance.audit import verify
from repospbe.governance.gitrepo import Repo
from repospbe.governance.types import AuditEvent, Decision, Release
from repospbe.pipeline.record import PipelineRecord
from repospbe.registry.paths import app_key


def _repo(root: Path) -> Repo | None:
    return Repo(root) if _is_repo(str(root)) else None


@lru_cache(maxsize=32)
def _is_repo(root: str) -> bool:
    """Asked once per root and process (the catalogue queries every app of a registry)."""
    return Repo(Path(root)).run_raw("rev-parse", "--git-dir").returncode == 0


def _mrs_touching(repo: Repo, app_key: str) -> list[evs.Evidence]:
    return [
        ev for ev, apps in _index(str(repo.path), tuple(sorted(repo.refs(evs.MR_PREFIX).items()))) if app_key in apps
    ]


@lru_cache(maxsize=4)
def _index(root: str, refs: tuple[tuple[str, str], ...]) -> tuple[tuple[evs.Evidence, frozenset[str]], ...]:
    """Every merge request's evidence with the apps it changes (cached per state of the refs)."""
    repo = Repo(Path(root))
    out = []
    for number in evs.numbers(repo):
        ev = evs.load(repo, number)
        if ev is None or ev.opening is None:
            continue
        src, tgt = str(ev.opening.data.get("sumber_sha", "")), str(ev.opening.data.get("target_sha", ""))
        if src and tgt and repo.resolve(src) == src and repo.resolve(tgt) == tgt:
            apps = frozenset(k for p in repo.changed(tgt, src) if (k := app_key(p)))
            out.append((ev, apps))
    return tuple(out)


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
    return sorted(out, key=lambda r: r.started)


def decisions(root: Path, app_key: str) -> list[Decision]:
    """Decisions on merge requests that changed ``app_key``, judged at the state they were made for."""
    repo = _repo(root)
    if repo is None:
        return []
    out = []
    for ev in _mrs_touching(repo, app_key):
        judged: dict[tuple[str, str], dict[str, DecisionVerdict]] = {}
        for name, signed in ev.decisions:
            d = signed.data
            src, tgt = str(d.get("sumber_sha", "")), str(d.get("target_sha", ""))
            if repo.resolve(src) != src or repo.resolve(tgt) != tgt:
                verdict = None
            else:
                if (src, tgt) not in judged:
                    judged[(src, tgt)] = {x.name: x for x in assess(repo, ev, src, tgt).decisions}
                verdict = judged[(src, tgt)].get(name)
            out.append(
                Decision(
                    mr=str(ev.number),
                    reviewer=str(d.get("reviewer", "")),
                    decision=str(d.get("keputusan", "")),
                    reason=str(d.get("alasan", "")),
                    time=str(d.get("waktu", "")),
                    verified=bool(verdict and verdict.signature_ok),
                    source=src,
                    pipeline=str(d.get("pipeline", "")),
                    counted=bool(verdict and not verdict.problem),
                    problem=verdict.problem if verdict else "tanda-tangan",
                )
            )
    return sorted(out, key=lambda d: (int(d.mr), d.time))


def releases(root: Path, app_key: str) -> list[Release]:
    repo = _repo(root)
    if repo is None:
        return []
    out = []
    for item, verified in _releases(str(repo.path), repo.resolve(rel.RELEASE_REF) or ""):
        if item.app != app_key:
            continue
        d = item.signed.data
        out.append(
            Release(
                app=item.app,
                version=str(d.get("versi", "")),
                commit=str(d.get("commit", "")),
                time=str(d.get("waktu", "")),
                who=str(d.get("oleh", "")),
                verified=verified,
                env=item.env,
                merge_commit=str((d.get("bukti") or {}).get("gabung", "")),
                plan_checksum=str(d.get("rencana", "")),
            )
        )
    return sorted(out, key=lambda r: r.time)


@lru_cache(maxsize=4)
def _releases(root: str, tip: str) -> tuple[tuple[rel.StoredRelease, bool], ...]:
    repo = Repo(Path(root))
    return tuple((item, rel.signature_ok(repo, item)) for item in rel.load_all(repo)) if tip else ()


def audit_events(root: Path) -> list[AuditEvent]:
    """The events of ``audit verify`` over main (empty when there is no main)."""
    repo = _repo(root)
    if repo is None or repo.resolve("refs/heads/main") is None:
        return []
    return sorted(verify(repo).events, key=lambda e: e.time)
