"""``audit verify``: walk main's history and re-check every change, merge and release.

Breaches: a commit on main that did not come through a verified merge; a merge
whose evidence does not verify now (signatures, policy at its target, merge
tree); history rewritten (genesis or a recorded merge no longer on main); a
release without verifiable evidence; an evidence chain whose history deletes, modifies
or merges evidence (append-only by content: every commit of the chain is read, not only
the tip); any ``refs/replace/*`` present (every read ignores replacement objects: the
runner sets ``GIT_NO_REPLACE_OBJECTS=1``, so a replaced ``reviewers.yaml`` changes nothing).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from repospbe import stamp
from repospbe.errors import PolicyError
from repospbe.governance import audit_since as since_cp
from repospbe.governance import evidence as evs
from repospbe.governance import releases as rel
from repospbe.governance.appendonly import DELETED, EVIDENCE_PREFIX, MERGE, chains, walk
from repospbe.governance.appendonly import GENESIS_REF as GENESIS_REF
from repospbe.governance.assess import Assessment, assess
from repospbe.governance.audit_repo import AuditRepo
from repospbe.governance.audit_report import AuditReport as AuditReport
from repospbe.governance.checkpoint import line_start
from repospbe.governance.gitrepo import Repo
from repospbe.governance.trailers import TRAILER_DUPLICATE, parse_trailers, trailer_problem
from repospbe.i18n import t as msg
from repospbe.registry.paths import app_key

REPLACE_PREFIX = "refs/replace/"
WORKERS = 2 * (os.cpu_count() or 1)
MergeVerdict = tuple[int, str, Assessment | None]  # (MR number, problem or '', assessment of a verified merge)


def commit_time(repo: Repo, commit: str) -> str:
    """Committer time in UTC, ``YYYY-MM-DDTHH:MM:SSZ`` (the format of every other record)."""
    if isinstance(repo, AuditRepo):
        return repo.committed(commit)
    seconds = int(repo.run("log", "-1", "--format=%ct", commit).strip() or 0)
    return stamp.format(datetime.fromtimestamp(seconds, UTC))


def verify_merge(repo: Repo, commit: str) -> tuple[int, str]:
    """(MR number, problem) for a merge commit on main; problem '' when it verifies."""
    number, problem, _ = verify_merge_assessed(repo, commit)
    return number, problem


def verify_merge_assessed(repo: Repo, commit: str) -> MergeVerdict:
    """``verify_merge`` with the assessment of a verified merge (None unless it verifies)."""
    t = parse_trailers(repo.message(commit))
    parents = repo.parents(commit)
    try:
        number = int(t.get("Repospbe-MR", [""])[0])
    except ValueError:
        return 0, "langsung", None
    if problem := trailer_problem(t):
        return number, problem, None
    if len(parents) != 2 or t.get("Repospbe-Target") != [parents[0]] or t.get("Repospbe-Sumber") != [parents[1]]:
        return number, "trailer", None
    bukti = t.get("Repospbe-Bukti", [""])[0]
    if repo.resolve(bukti) != bukti:
        return number, "bukti-hilang", None
    tip = repo.resolve(evs.mr_ref(number))
    if tip is None or not repo.is_ancestor(bukti, tip):
        return number, "bukti-ditulis-ulang", None
    ev = evs.load(repo, number, bukti)
    if ev is None:
        return number, "bukti-hilang", None
    a = assess(repo, ev, parents[1], parents[0])
    if a.problems:
        return number, "kebijakan: " + "; ".join(_in_words(k, params) for k, params in a.problems), None
    if repo.tree_of(commit) != a.merged_tree:
        return number, "isi-gabungan", None
    claimed = sorted(t.get("Repospbe-Disetujui", []))
    if claimed != sorted(f"{d.reviewer} {d.sig_digest}" for d in a.approvals):
        return number, "trailer-persetujuan", None
    return number, "", a


def _in_words(key: str, params: dict[str, Any]) -> str:
    """A policy problem as the audit line states it: its words, then its code (``... (approvals)``)."""
    return f"{msg(key, 'id', **params)} ({key.rsplit('.', 1)[-1]})"


def verify(repo: Repo, branch: str = "main", since: str | None = None, *, checkpoints: bool = False) -> AuditReport:
    """The audit of ``branch`` (objects read through one batch reader: ``audit_repo``).

    With ``checkpoints`` (what ``audit verify`` does unless ``--penuh``), the line is verified only
    after the newest checkpoint that holds (``audit_since``); otherwise, or when none holds, in full,
    and every checkpoint is compared with the line. ``since`` skips checkpoints altogether."""
    with AuditRepo(repo) as fast:
        fast.preload_refs(EVIDENCE_PREFIX)
        return _verify(fast, branch, since, checkpoints and since is None)


def _verify(repo: AuditRepo, branch: str, since: str | None, use_checkpoint: bool) -> AuditReport:
    tip = repo.must_resolve(f"refs/heads/{branch}")
    genesis = repo.must_resolve(since) if since else repo.resolve(GENESIS_REF)
    report = AuditReport(branch, tip, genesis or "")
    if genesis and not repo.is_ancestor(genesis, tip):
        report.add(commit_time(repo, tip), "riwayat", branch, f"genesis {genesis[:12]} bukan leluhur {tip[:12]}", False)
        genesis = None
    chain = repo.first_parent_chain(tip, genesis)
    if genesis is None and chain:
        report.genesis = chain[0]
        report.add(commit_time(repo, chain[0]), "genesis", chain[0], "awal riwayat", True)
        chain = chain[1:]
    else:
        report.add(commit_time(repo, genesis or tip), "genesis", genesis or tip, "awal riwayat", True)
    report.line_digest, report.chain_tips = line_start(report.genesis), chains(repo)
    start = since_cp.trusted_start(repo, report, commit_time(repo, tip)) if use_checkpoint else None
    if start is not None:
        chain = repo.first_parent_chain(tip, start.commit)
        since_cp.start_from(repo, report, start, len(chain))
        repo.preload_chains(list(since_cp.moved_chains(report, start).values()), tuple(start.chains.values()))
    else:
        repo.preload_chains(list(report.chain_tips.values()))
    _check_line(repo, report, chain)
    if start is not None:
        since_cp.recorded_merges(repo, report, since_cp.moved_numbers(report, start))
    else:
        _check_recorded_merges(repo, report)
    _check_releases(repo, report)
    if start is not None:
        since_cp.evidence_since(repo, report, start, commit_time(repo, tip))
    else:
        _check_evidence_chains(repo, report)
    if since is None:
        since_cp.cross_check(repo, report, commit_time(repo, tip))
    _check_replace_refs(repo, report)
    if since is None:
        since_cp.confirm(repo, report)
    return report


def _check_line(repo: Repo, report: AuditReport, chain: list[str]) -> None:
    """Every commit of the first-parent line, in order, each folded into the running digest."""
    verdicts = verify_merges(repo, chain)
    for commit in chain:
        before = len(report.events)
        _check_commit(repo, report, commit, verdicts[commit])
        report.step(commit, report.events[before:])


def verify_merges(repo: Repo, commits: list[str]) -> dict[str, MergeVerdict]:
    """``verify_merge_assessed`` of each commit, several at a time (most of the time is spent
    waiting for git processes; each verdict depends only on its own commit)."""
    if len(commits) < 2:
        return {c: verify_merge_assessed(repo, c) for c in commits}
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return dict(zip(commits, pool.map(lambda c: verify_merge_assessed(repo, c), commits), strict=True))


def _check_commit(repo: Repo, report: AuditReport, commit: str, verdict: MergeVerdict | None = None) -> None:
    when = commit_time(repo, commit)
    number, problem, a = verdict or verify_merge_assessed(repo, commit)
    if problem == "langsung" or number == 0:
        paths = repo.changed(repo.parents(commit)[0], commit) if repo.parents(commit) else []
        report.add(when, "perubahan-langsung", commit, ", ".join(paths[:5]) or "-", False)
    elif problem == TRAILER_DUPLICATE:
        report.violation(when, "gabung", commit, "audit.trailer-duplicate", mr=str(number))
    elif problem:
        report.add(when, "gabung", commit, f"MR !{number}: {problem}", False)
    elif a is not None:
        report.verified_merges[commit] = number
        _merge_events(repo, report, when, commit, a)


def _merge_events(repo: Repo, report: AuditReport, when: str, commit: str, a: Assessment) -> None:
    """A verified merge: one row per approval in force, then the merge with the apps it changed and who approved."""
    apps = sorted({k for p in repo.changed(a.target, a.source) if (k := app_key(p))})
    approvers = sorted(d.reviewer for d in a.approvals)
    for d in sorted(a.approvals, key=lambda x: (x.time, x.reviewer)):
        report.event(
            d.time,
            "persetujuan",
            f"MR !{a.number}",
            "audit.approval-ok",
            True,
            mr=str(a.number),
            reviewer=d.reviewer,
            pipeline=d.pipeline[:12] or "-",
            sig=d.sig_digest[:12] or "-",
        )
    report.event(
        when,
        "gabung",
        commit,
        "audit.merge-ok",
        True,
        mr=str(a.number),
        apps=", ".join(apps) or "-",
        approvers=", ".join(approvers) or "-",
    )


def _check_recorded_merges(repo: Repo, report: AuditReport) -> None:
    """Every merge the evidence says happened must still be on the branch (rewrite detection)."""
    since_cp.recorded_merges(repo, report, evs.numbers(repo))


def _check_releases(repo: Repo, report: AuditReport) -> None:
    for item in rel.load_all(repo):
        data = item.signed.data
        commit, merge_commit = str(data.get("commit", "")), str((data.get("bukti") or {}).get("gabung", ""))
        version, who = str(data.get("versi", "?")), str(data.get("oleh", "?"))
        subject = f"{item.app}@{version} ({item.env})"
        problem = ""
        if not rel.signature_ok(repo, item):
            problem = "tanda-tangan"
        elif not repo.is_ancestor(commit, report.tip):
            problem = "bukan-di-main"
        elif not _verified_merge(report, merge_commit) or not repo.is_ancestor(merge_commit, commit):
            problem = "tanpa-bukti"
        elif repo.object_at(commit, f"registry/apps/{item.app}") != data.get("pohon_app"):
            problem = "isi-berbeda"
        params = {"app": item.app, "version": version, "env": item.env, "who": who, "commit": commit[:12]}
        check_id = f"audit.release.{problem}" if problem else "audit.release-ok"
        report.event(str(data.get("waktu", "")), "rilis", subject, check_id, not problem, **params)


def _verified_merge(report: AuditReport, commit: str) -> bool:
    """Verified by this run, or on the line before the checkpoint it trusted (verified when that was made)."""
    return commit in report.verified_merges or (commit in report.earlier and commit != report.genesis)


def _check_evidence_chains(repo: Repo, report: AuditReport) -> None:
    """Every commit of every evidence chain may only add files (a deleted rejection is a breach).

    One ``git log`` over every chain first; only when it finds a forbidden change is each chain
    walked on its own, to name the chain in the breach."""
    tips = chains(repo)
    known = repo.chain_history if isinstance(repo, AuditRepo) else None
    if not tips or (known is not None and not known.changes):
        return
    for ref, tip in tips.items():
        for change in walk(repo, tip).changes:
            check_id = (
                "audit.evidence-merge"
                if change.kind == MERGE
                else "audit.evidence-deleted"
                if change.kind == DELETED
                else "audit.evidence-modified"
            )
            report.violation(
                commit_time(repo, change.commit),
                "bukti-diubah",
                ref,
                check_id,
                commit=change.commit[:12],
                file=change.path or "-",
            )


def _check_replace_refs(repo: Repo, report: AuditReport) -> None:
    """Replacement refs are never obeyed, but their presence is reported (someone tried)."""
    for ref, target in sorted(repo.refs(REPLACE_PREFIX).items()):
        report.violation(
            commit_time(repo, report.tip), "ref-pengganti", ref, "audit.replace-ref", ref=ref, target=target[:12]
        )


def set_genesis(repo: Repo, commit: str) -> str:
    """Anchor the audit at ``commit`` (once only: PolicyError when an anchor exists); its sha."""
    sha = repo.must_resolve(commit)
    existing = repo.resolve(GENESIS_REF)
    if existing is not None or not repo.cas(GENESIS_REF, sha, None):
        raise PolicyError("audit.genesis-exists", commit=existing or "?")
    return sha
