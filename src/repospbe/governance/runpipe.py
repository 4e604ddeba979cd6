"""Run the merge-request pipeline on an exact commit (or merge result) in a scratch worktree.

The pipeline is ``repospbe.pipeline.run.run_pipeline`` (registry checks plus source
checks of the changed apps) with ``commit``: every policy input (app records, waivers,
rules, stages, instance settings) is read from the git objects of that commit, never
from the worktree, which app code could have touched. The worktree is reused between
runs (a run costs what changed), but only after it is verified to be ours and clean:
its ``.git`` link points at this repository's own worktree entry, HEAD is the commit,
and ``git status --porcelain --ignored`` is empty; otherwise it is removed and added
afresh. The worktree and the source cache live in the user's private cache directory,
never under a ``.git`` directory (scanners such as semgrep skip ``.git`` paths, which
would make a scan silently empty). Every git call goes through ``repospbe.git.runner``.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from repospbe.errors import InputError
from repospbe.findings import Finding
from repospbe.git import runner
from repospbe.governance.gitrepo import EVIDENCE_IDENT, Repo
from repospbe.pipeline.record import PipelineRecord
from repospbe.pipeline.run import run_pipeline
from repospbe.private import private_dir
from repospbe.source import default_cache_dir

MAX_REPORT_BYTES = 5 * 1024 * 1024


def run_on(
    repo: Repo,
    commit: str,
    base: str,
    opener_key: str | None = None,
) -> tuple[PipelineRecord, list[Finding], dict[str, bytes]]:
    """Run the pipeline on ``commit`` (against ``base``) in the repository's pipeline worktree.

    Runs are serialised by a lock; the verdict is read from ``commit``'s objects."""
    common = Path(
        runner.git_text(repo.path, "rev-parse", "--path-format=absolute", "--git-common-dir", hostile=True).strip()
    )
    commit = runner.run_git(
        repo.path, "rev-parse", "--verify", "--end-of-options", f"{commit}^{{commit}}", hostile=True
    ).text.strip()
    cache = default_cache_dir(None)
    work = cache / "pipeline-wt" / hashlib.sha256(str(common).encode()).hexdigest()[:16]
    if ".git" in work.parts or ".git" in cache.parts:
        raise InputError("pipeline.cache-in-git", dir=str(work))
    private_dir(cache)
    private_dir(work.parent, recreate=True)
    with open(work.parent / f"{work.name}.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        checkout(repo.path, common, work, commit)
        out = Path(tempfile.mkdtemp(prefix="repospbe-laporan-"))
        try:
            record, findings = run_pipeline(
                work, base, output_dir=out, cache_dir=cache, opener_key=opener_key, commit=commit
            )
            reports = {
                name: (out / name).read_bytes()
                for name, _ in record.reports
                if "/" not in name and (out / name).is_file() and (out / name).stat().st_size <= MAX_REPORT_BYTES
            }
        finally:
            shutil.rmtree(out, ignore_errors=True)
    return record, findings, reports


def checkout(repo_path: Path, common: Path, work: Path, commit: str) -> None:
    """``work`` as a clean detached checkout of ``commit``: reused when verified, else made afresh."""
    if _ours(common, work):
        runner.run_git(work, "reset", "--quiet", "--hard", commit, hostile=True)
        runner.run_git(work, "clean", "-ffdxq", hostile=True)
        if is_clean(work, commit):
            return
    _discard(work)
    runner.run_git(repo_path, "worktree", "prune", hostile=True)
    runner.run_git(repo_path, "worktree", "add", "--detach", "--quiet", str(work), commit, hostile=True)
    if not _ours(common, work) or not is_clean(work, commit):
        raise InputError("pipeline.worktree-dirty", dir=str(work))


def is_clean(work: Path, commit: str) -> bool:
    """HEAD is ``commit`` and nothing differs, nothing is untracked, nothing ignored lies around."""
    head = runner.run_git(work, "rev-parse", "--verify", "HEAD", check=False, hostile=True)
    if not head.ok or head.text.strip() != commit:
        return False
    status = runner.run_git(
        work, "status", "--porcelain", "--ignored", "--untracked-files=all", check=False, hostile=True
    )
    return status.ok and not status.stdout.strip()


def _ours(common: Path, work: Path) -> bool:
    """``work/.git`` is a plain file naming this repository's own entry for ``work``."""
    link = work / ".git"
    if link.is_symlink() or not link.is_file():
        return False
    text = link.read_text(encoding="utf-8", errors="replace").strip()
    if not text.startswith("gitdir:"):
        return False
    admin = Path(text[len("gitdir:") :].strip())
    if admin.parent != common / "worktrees" or not admin.is_dir():
        return False
    back = admin / "gitdir"
    try:
        pointed = Path(back.read_text(encoding="utf-8").strip())
    except OSError:
        return False
    found = runner.run_git(work, "rev-parse", "--path-format=absolute", "--git-common-dir", check=False, hostile=True)
    return pointed == link and found.ok and Path(found.text.strip()) == common


def _discard(work: Path) -> None:
    if work.is_symlink() or work.is_file():
        work.unlink()
    elif work.exists():
        for dirpath, dirnames, _files in os.walk(work):
            for name in dirnames:
                full = os.path.join(dirpath, name)
                if not os.path.islink(full):
                    os.chmod(full, 0o700)
        shutil.rmtree(work)


def merge_commit_for(repo: Repo, tree: str, target: str, source: str) -> str:
    """A deterministic scratch commit holding the merge result (for ``uji_pada: hasil-gabung``)."""
    env = {**EVIDENCE_IDENT, "GIT_AUTHOR_DATE": "2000-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2000-01-01T00:00:00Z"}
    return repo.commit_tree(tree, [target, source], "repospbe: hasil gabung sementara\n", env=env)
