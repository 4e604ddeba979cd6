"""The parts of ``audit verify`` that depend on a checkpoint: which one to trust, and what still
has to be read after it (the evidence chains that moved since, the merges they record).

Fail closed: a newest checkpoint that does not hold (``checkpoint.judge``) is a breach and the
run verifies everything; an evidence chain that a checkpoint recorded and that is now gone or
no longer descends from the recorded tip is a breach. A full run judges every checkpoint and
compares each one's count and digest with the line it has just verified itself.
"""

from __future__ import annotations

from pathlib import Path

from repospbe.errors import PolicyError
from repospbe.governance import audit_memory as memory
from repospbe.governance import checkpoint as cps
from repospbe.governance import evidence as evs
from repospbe.governance.appendonly import DELETED, MERGE, walk
from repospbe.governance.audit_repo import AuditRepo
from repospbe.governance.audit_report import AuditReport
from repospbe.governance.evidence import Signed
from repospbe.governance.gitrepo import Repo
from repospbe.states import MRState

KIND = "titik-periksa"


def trusted_start(repo: Repo, report: AuditReport, when: str) -> cps.Checkpoint | None:
    """The checkpoint this run may start from; None to verify everything.

    The newest checkpoint of the branch must hold (``checkpoint.judge``: signature, reviewer,
    branch, position on the first-parent line, commit count), else it is a breach. It is started
    from only when this clone has re-derived its claims (``audit_memory``); otherwise the run
    starts from the newest older checkpoint confirmed here (or the genesis), says so, and compares
    the newer ones with its own line as it passes them (``cross_check``)."""
    found = [cp for cp in cps.load_all(repo) if cp.data.get("branch") == report.branch]
    if not found:
        return None
    newest = found[-1]
    problem = cps.judge(repo, newest, report.branch, report.tip, report.genesis)
    if problem:
        _invalid(report, when, newest, problem)
        return None
    known = memory.load(repo)
    if memory.key_of(newest) in known:
        return newest
    # (one at or before the newest's commit, so that the newest is compared when the line passes it)
    older = (cp for cp in reversed(found[:-1]) if memory.key_of(cp) in known and cp.commits <= newest.commits)
    start = next((cp for cp in older if not _judge(repo, report, cp)), None)
    params = {"seq": str(newest.seq), "commit": newest.commit[:12], "auditor": str(newest.data.get("auditor", ""))}
    if start is None:
        report.event(when, KIND, subject_of(newest), "audit.checkpoint.unconfirmed-full", True, **params)
    else:
        report.event(
            when, KIND, subject_of(newest), "audit.checkpoint.unconfirmed-since", True, start=str(start.seq), **params
        )
    return start


def _judge(repo: Repo, report: AuditReport, cp: cps.Checkpoint) -> str:
    return cps.judge(repo, cp, report.branch, report.tip, report.genesis)


def start_from(repo: Repo, report: AuditReport, cp: cps.Checkpoint, new: int) -> None:
    """Begin the line after ``cp``: its digest and counts, and the event that says so in words."""
    data = cp.data
    report.start = cp
    report.line_digest, report.line_events = cp.digest, cp.events
    report.line_commits = cp.commits
    report.earlier = frozenset(repo.first_parent_chain(cp.commit, report.genesis or None))
    report.event(
        str(data.get("waktu", "")),
        KIND,
        subject_of(cp),
        "audit.checkpoint.trusted",
        True,
        seq=str(cp.seq),
        commit=cp.commit[:12],
        auditor=str(data.get("auditor", "")),
        when=str(data.get("waktu", "")),
        count=str(new),
    )


def subject_of(cp: cps.Checkpoint) -> str:
    return f"{cps.CHECKPOINT_REF}#{cp.seq}"


def _invalid(report: AuditReport, when: str, cp: cps.Checkpoint, problem: str) -> None:
    report.violation(
        when, KIND, subject_of(cp), f"audit.checkpoint.{problem}", seq=str(cp.seq), commit=cp.commit[:12] or "-"
    )


def cross_check(repo: Repo, report: AuditReport, when: str) -> None:
    """Every checkpoint of this branch on the line this run verified must hold and agree with it.

    A full run compares them all; a run from a trusted checkpoint those at or after its commit.
    Each that agrees (and the one started from) is remembered as confirmed in this clone once
    the run ends without a breach (``confirm``)."""
    reported = {e.subject for e in report.breaches if e.kind == KIND}
    start = report.start
    for cp in cps.load_all(repo):
        # the newest may have been refused before this run began; other branches have their own runs
        if subject_of(cp) in reported or cp.data.get("branch") != report.branch:
            continue
        if start is not None and (cp.seq == start.seq or (cp.commit in report.earlier and cp.commit != start.commit)):
            continue  # the start itself, or before it: verified when the start was confirmed, not re-derived now
        problem = _judge(repo, report, cp) or _claims(repo, report, cp)
        if problem:
            _invalid(report, when, cp, problem)
        else:
            report.confirmed.append(memory.key_of(cp))


def _claims(repo: Repo, report: AuditReport, cp: cps.Checkpoint) -> str:
    """'' when ``cp``'s count, events and report digest are those of the line just verified at its
    commit, and every evidence chain tip it recorded lies on the chain this run read; else the reason."""
    start = report.start
    if cp.commit == report.genesis:
        state: tuple[str, int, int] | None = (cps.line_start(report.genesis), 0, 0)
    elif start is not None and cp.commit == start.commit:
        state = (start.digest, start.events, start.commits)
    else:
        state = report.line_state.get(cp.commit)
    if state != (cp.digest, cp.events, cp.commits):
        return "digest"
    for ref, old in cp.chains.items():
        tip = report.chain_tips.get(ref)
        if tip is None or (tip != old and not repo.is_ancestor(old, tip)):
            return "rantai"
    return ""


def confirm(repo: Repo, report: AuditReport) -> None:
    """A run without a breach: remember the checkpoints it re-derived (and the one it started from)."""
    if report.breaches:
        return
    keys = list(report.confirmed) + ([memory.key_of(report.start)] if report.start is not None else [])
    memory.remember(repo, keys)


def moved_chains(report: AuditReport, cp: cps.Checkpoint) -> dict[str, str]:
    """The evidence chains this run read that are new or moved since ``cp``."""
    return {ref: tip for ref, tip in report.chain_tips.items() if cp.chains.get(ref) != tip}


def evidence_since(repo: Repo, report: AuditReport, cp: cps.Checkpoint, when: str) -> None:
    """Evidence chains after ``cp``: recorded ones still there and only extended; new commits only add."""
    moved = moved_chains(report, cp)
    for ref, old in sorted(cp.chains.items()):
        tip = report.chain_tips.get(ref)
        if tip is None:
            report.violation(when, "bukti-diubah", ref, "audit.checkpoint.chain-missing", ref=ref, commit=old[:12])
        elif tip != old and not repo.is_ancestor(old, tip):
            report.violation(when, "bukti-diubah", ref, "audit.checkpoint.chain-rewritten", ref=ref, commit=old[:12])
    extended = {ref: tip for ref, tip in moved.items() if ref not in cp.chains or repo.is_ancestor(cp.chains[ref], tip)}
    old_tips = tuple(cp.chains[ref] for ref in extended if ref in cp.chains)
    if not extended or not isinstance(repo, AuditRepo):
        return
    if not repo.preload_chains(list(extended.values()), exclude=old_tips).changes:
        return
    for ref, tip in extended.items():
        for change in walk(repo, tip, cp.chains.get(ref)).changes:
            check_id = {MERGE: "audit.evidence-merge", DELETED: "audit.evidence-deleted"}.get(
                change.kind, "audit.evidence-modified"
            )
            report.violation(
                repo.committed(change.commit),
                "bukti-diubah",
                ref,
                check_id,
                commit=change.commit[:12],
                file=change.path or "-",
            )


def recorded_merges(repo: Repo, report: AuditReport, numbers: list[int]) -> None:
    """Every merge the evidence of ``numbers`` says happened must still be on the branch (rewrite detection)."""
    for number in numbers:
        tip = repo.resolve(evs.mr_ref(number))
        status = Signed(repo.blob(tip, "status.json") or b"", b"").data if tip else {}
        if status.get("status") != MRState.MERGED or status.get("target") != report.branch:
            continue
        merged = str(status.get("commit", ""))
        if merged in report.verified_merges or merged in report.earlier:  # on the branch's first-parent line
            continue
        if not (repo.resolve(merged) == merged and repo.is_ancestor(merged, report.tip)):
            report.add(
                str(status.get("waktu", "")),
                "riwayat",
                merged,
                f"MR !{number} tercatat digabung tetapi tidak ada di {report.branch}",
                False,
            )


def moved_numbers(report: AuditReport, cp: cps.Checkpoint) -> list[int]:
    """Merge requests whose evidence is new or moved since ``cp``."""
    tails = [ref[len(evs.MR_PREFIX) :] for ref in moved_chains(report, cp) if ref.startswith(evs.MR_PREFIX)]
    return sorted(int(tail) for tail in tails if tail.isdigit())


def write(repo: Repo, report: AuditReport, key: Path) -> cps.Checkpoint:
    """Sign and store a checkpoint at the end of ``report`` (refused while it holds a breach)."""
    if report.breaches:
        raise PolicyError("audit.checkpoint.breaches", count=len(report.breaches))
    auditor = cps.signer_of(repo, report.tip, key)
    seq = max((c.seq for c in cps.load_all(repo)), default=0) + 1
    line = (report.branch, report.tip, report.genesis, report.line_commits, report.line_events, report.line_digest)
    raw = cps.payload(line, report.chain_tips, auditor, seq)
    cps.store(repo, key, seq, raw)
    written = cps.Checkpoint(seq, raw, b"")
    memory.remember(repo, [memory.key_of(written)])  # this run derived it
    return written
