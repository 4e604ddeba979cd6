"""``mr merge``: re-verify everything against the current target, then move it with CAS.

The merge commit's tree is ``git merge-tree --write-tree <target> <source>``; its
message carries the evidence as trailers so it travels with history and
``audit verify`` can re-check it offline. Trailers are read from the final paragraph
only, and only when every line of it is a trailer: text a title or body smuggles in
elsewhere is never evidence, and a single-valued trailer given twice is a violation.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from repospbe.canonical import canonical_json
from repospbe.errors import PolicyError
from repospbe.git.lock import repo_lock
from repospbe.governance import evidence as evs
from repospbe.governance.assess import Assessment
from repospbe.governance.gitrepo import Repo
from repospbe.governance.mr import current, now
from repospbe.governance.trailers import TRAILER_DUPLICATE, one_line, parse_trailers, trailer_problem
from repospbe.governance.wording import MergeBlocked
from repospbe.states import MRState

__all__ = [
    "MergeResult",
    "TRAILER_DUPLICATE",
    "merge",
    "merge_lock",
    "merge_message",
    "parse_trailers",
    "trailer_problem",
    "trailers",
]


@dataclass(frozen=True)
class MergeResult:
    commit: str
    target_branch: str
    worktree_updated: bool


@contextmanager
def merge_lock(repo: Repo) -> Iterator[None]:
    """One merge at a time per repository (a serial merge train); CAS still guards the ref.

    The lock is the repository lock that ``backup create`` also takes while it reads the
    refs, so a backup sees the state before or after a merge, never half of it."""
    git_dir = Path(repo.run("rev-parse", "--path-format=absolute", "--git-common-dir").strip())
    with repo_lock(git_dir, timeout=600.0):
        yield


def trailers(a: Assessment, evidence_commit: str) -> list[tuple[str, str]]:
    out = [
        ("Repospbe-MR", str(a.number)),
        ("Repospbe-Bukti", evidence_commit),
        ("Repospbe-Sumber", a.source),
        ("Repospbe-Target", a.target),
        ("Repospbe-Patch-Id", a.patch_id or "-"),
    ]
    out += [("Repospbe-Pipeline", d) for d in sorted({x.pipeline for x in a.approvals})]
    out += [
        ("Repospbe-Disetujui", f"{d.reviewer} {d.sig_digest}") for d in sorted(a.approvals, key=lambda x: x.reviewer)
    ]
    return out


def merge_message(a: Assessment, evidence_commit: str) -> str:
    title = one_line(str(a.opening.get("judul", "")))
    return f"Gabung MR !{a.number}: {title}\n\n" + "".join(f"{k}: {v}\n" for k, v in trailers(a, evidence_commit))


def merge(repo: Repo, number: int, *, lock: bool = True) -> MergeResult:
    if lock:
        with merge_lock(repo):
            return _merge(repo, number)
    return _merge(repo, number)


def _merge(repo: Repo, number: int) -> MergeResult:
    lv, a = current(repo, number)
    if a.problems:
        raise MergeBlocked(number, a.problems)
    assert a.merged_tree is not None
    commit = repo.commit_tree(a.merged_tree, [a.target, a.source], merge_message(a, lv.evidence.commit))
    ref = f"refs/heads/{lv.target_branch}"
    if not repo.cas(ref, commit, a.target):
        raise PolicyError("mr.merge.raced", number=number, branch=lv.target_branch)
    status = canonical_json({"status": MRState.MERGED, "commit": commit, "target": lv.target_branch, "waktu": now()})
    repo.append(evs.mr_ref(number), {"status.json": status}, f"MR !{number}: digabung {commit[:12]}\n")
    return MergeResult(commit, lv.target_branch, _sync_worktree(repo, ref, a.target, commit))


def _sync_worktree(repo: Repo, ref: str, old: str, new: str) -> bool:
    """If ``ref`` is checked out here and clean, move index and files along (fast-forward)."""
    if repo.run("rev-parse", "--is-bare-repository").strip() == "true":
        return False
    head = repo.run_raw("symbolic-ref", "-q", "HEAD").stdout.decode().strip()
    if head != ref:
        return False
    proc = repo.run_raw("read-tree", "-u", "-m", old, new)
    return proc.returncode == 0
