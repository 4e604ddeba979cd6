"""Read-only governance evidence for the catalogue and reports (never raises on bad evidence).

Every value says whether it verifies; nothing here trusts what it reads.

The catalogue, the summary and the maturity ladder ask about every app of a registry. Each
question used to list the merge-request refs and resolve the release ref again: three git
processes per app, a minute at 5,000 apps. Within ``snapshot(root)`` those are read once, and
each merge request's evidence and decisions are judged once, whichever app asks. Only readers
use it: nothing written to the repository inside a snapshot is seen there.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from repospbe.governance import certsig
from repospbe.governance import evidence as evs
from repospbe.governance import releases as rel
from repospbe.governance.assess import assess
from repospbe.governance.audit import verify
from repospbe.governance.evidence import Signed
from repospbe.governance.gitrepo import Repo
from repospbe.governance.rules import Rules
from repospbe.governance.standing import INVALID, Standing, merged_subject
from repospbe.governance.types import AuditEvent, Decision, Release, SignedDecision
from repospbe.pipeline.record import PipelineRecord
from repospbe.registry.paths import app_key


def _repo(root: Path) -> Repo | None:
    return Repo(root) if _is_repo(str(root)) else None


@lru_cache(maxsize=32)
def _is_repo(root: str) -> bool:
    """Asked once per root and process (the catalogue queries every app of a registry)."""
    return Repo(Path(root)).run_raw("rev-parse", "--git-dir").returncode == 0


@dataclass
class _Held:
    """What a snapshot read once: the merge-request refs, the release ref, and what was made of them."""

    refs: tuple[tuple[str, str], ...]
    release_tip: str
    by_app: dict[str, list[evs.Evidence]] | None = None
    judged: dict[int, list[SignedDecision]] = field(default_factory=dict)
    releases: dict[str, list[tuple[rel.StoredRelease, bool]]] | None = None


_HELD: dict[str, _Held] = {}


def _held_key(path: Path) -> str:
    return _real(str(path))


@lru_cache(maxsize=64)
def _real(path: str) -> str:
    """The real path of a registry root (asked once per app and question: resolved once)."""
    return os.path.realpath(path)


@contextmanager
def snapshot(root: Path) -> Iterator[None]:
    """Within: the governance refs of ``root`` are read once (see the module's docstring)."""
    key, repo = _held_key(root), _repo(root)
    if repo is None or key in _HELD:
        yield
        return
    _HELD[key] = _Held(tuple(sorted(repo.refs(evs.MR_PREFIX).items())), repo.resolve(rel.RELEASE_REF) or "")
    try:
        yield
    finally:
        del _HELD[key]


def _mrs_touching(repo: Repo, app_key: str) -> list[evs.Evidence]:
    held = _HELD.get(_held_key(repo.path))
    if held is None:
        refs = tuple(sorted(repo.refs(evs.MR_PREFIX).items()))
        return [ev for ev, apps in _index(str(repo.path), refs) if app_key in apps]
    if held.by_app is None:
        held.by_app = defaultdict(list)
        for ev, apps in _index(str(repo.path), held.refs):
            for app in apps:
                held.by_app[app].append(ev)
    return list(held.by_app.get(app_key, ()))


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
    """Decisions on merge requests that changed ``app_key``, each with its effective status
    (``repospbe.governance.standing.effective_status``) judged where the merge request ended:
    at the commits it was merged from, else at its live branch tips, else where its last decision was made."""
    return [s.decision for s in signed_decisions(root, app_key)]


def signed_decisions(root: Path, app_key: str) -> list[SignedDecision]:
    """``decisions`` with the signed bytes, signature, allowed_signers and namespace of each (evidence pack)."""
    repo = _repo(root)
    if repo is None:
        return []
    out = [item for ev in _mrs_touching(repo, app_key) for item in _judged(repo, ev)]
    return sorted(out, key=lambda s: (int(s.decision.mr), s.decision.time))


def _judged(repo: Repo, ev: evs.Evidence) -> list[SignedDecision]:
    """``_judge``, once per merge request within a snapshot."""
    held = _HELD.get(_held_key(repo.path))
    if held is None:
        return _judge(repo, ev)
    if ev.number not in held.judged:
        held.judged[ev.number] = _judge(repo, ev)
    return held.judged[ev.number]


def _subject(repo: Repo, ev: evs.Evidence) -> tuple[str, str] | None:
    merged = merged_subject(repo, ev)
    if merged is not None:
        return merged
    opening = ev.opening.data if ev.opening else {}
    live = (
        repo.resolve(f"refs/heads/{opening.get('sumber', '')}"),
        repo.resolve(f"refs/heads/{opening.get('target', '')}"),
    )
    candidates = [live] + [
        (str(s.data.get("sumber_sha", "")), str(s.data.get("target_sha", ""))) for _, s in reversed(ev.decisions)
    ]
    candidates.append((str(opening.get("sumber_sha", "")), str(opening.get("target_sha", ""))))
    for src, tgt in candidates:
        if src and tgt and repo.resolve(src) == src and repo.resolve(tgt) == tgt:
            return src, tgt
    return None


def _judge(repo: Repo, ev: evs.Evidence) -> list[SignedDecision]:
    subject = _subject(repo, ev)
    a = assess(repo, ev, *subject) if subject else None
    signers, ns = (a.rules.allowed_signers(), a.rules.ns("keputusan")) if a else ("", "")
    out = []
    for i, (name, signed) in enumerate(ev.decisions):
        d = signed.data
        verdict, st = (a.decisions[i], a.standings[i]) if a else (None, Standing(INVALID, "tanda-tangan"))
        decision = Decision(
            mr=str(ev.number),
            reviewer=str(d.get("reviewer", "")),
            decision=str(d.get("keputusan", "")),
            reason=str(d.get("alasan", "")),
            time=str(d.get("waktu", "")),
            verified=bool(verdict and verdict.signature_ok),
            source=str(d.get("sumber_sha", "")),
            pipeline=str(d.get("pipeline", "")),
            counted=st.counted,
            problem=st.problem,
            status=st.status,
            superseded_by=st.superseded_by,
            certificate=bool(a and _certificate_ok(a.rules, str(d.get("reviewer", "")), signed)),
        )
        out.append(SignedDecision(decision, name, signed.raw, signed.sig, signers, ns))
    return out


def _certificate_ok(rules: Rules, rid: str, signed: Signed) -> bool:
    """The decision carries a certificate signature that validates and names reviewer ``rid``."""
    reviewer = rules.reviewer(rid)
    return bool(signed.cms) and reviewer is not None and not certsig.certificate_problem(rules, reviewer, signed)


def releases(root: Path, app_key: str) -> list[Release]:
    repo = _repo(root)
    if repo is None:
        return []
    out = []
    for item, verified in _releases_of(repo, app_key):
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


def _releases_of(repo: Repo, app_key: str) -> list[tuple[rel.StoredRelease, bool]]:
    held = _HELD.get(_held_key(repo.path))
    if held is None:
        return [r for r in _releases(str(repo.path), repo.resolve(rel.RELEASE_REF) or "") if r[0].app == app_key]
    if held.releases is None:
        held.releases = defaultdict(list)
        for item in _releases(str(repo.path), held.release_tip):
            held.releases[item[0].app].append(item)
    return list(held.releases.get(app_key, ()))


@lru_cache(maxsize=4)
def _releases(root: str, tip: str) -> tuple[tuple[rel.StoredRelease, bool], ...]:
    repo = Repo(Path(root))
    return tuple((item, rel.signature_ok(repo, item)) for item in rel.load_all(repo)) if tip else ()


def audit_events(root: Path) -> list[AuditEvent]:
    """The events of ``audit verify`` over main (empty when there is no main): as it runs by default,
    from the newest signed checkpoint this clone has confirmed (whose line held no breach: its
    event says so), otherwise in full. The cost follows the merges since that checkpoint."""
    repo = _repo(root)
    if repo is None or repo.resolve("refs/heads/main") is None:
        return []
    return sorted(verify(repo, checkpoints=True).events, key=lambda e: e.time)
