"""Run the merge-request pipeline on an exact commit (or merge result) in a scratch worktree.

The pipeline is ``repospbe.pipeline.run.run_pipeline`` (registry checks plus source
checks of the changed apps). The worktree and the source cache live in the user's
cache directory, never under a ``.git`` directory: scanners such as semgrep skip
``.git`` paths, which would make a scan silently empty.
"""
from __future__ import annotations

import fcntl
import hashlib
import shutil
import tempfile
from pathlib import Path

from repospbe.errors import InputError
from repospbe.findings import Finding
from repospbe.governance.gitrepo import EVIDENCE_IDENT, Repo
from repospbe.pipeline.record import PipelineRecord
from repospbe.pipeline.run import run_pipeline
from repospbe.source import default_cache_dir

MAX_REPORT_BYTES = 5 * 1024 * 1024


def run_on(repo: Repo, commit: str, base: str, opener_key: str | None = None,
           ) -> tuple[PipelineRecord, list[Finding], dict[str, bytes]]:
    """Run the pipeline on ``commit`` (against ``base``) in the repository's pipeline worktree.

    The worktree persists in the git directory and is moved with ``reset --hard`` + ``clean``,
    so a run costs what changed, not the size of the registry; runs are serialised by a lock."""
    common = Path(repo.run("rev-parse", "--path-format=absolute", "--git-common-dir").strip())
    cache = default_cache_dir(None)
    work = cache / "pipeline-wt" / hashlib.sha256(str(common).encode()).hexdigest()[:16]
    if ".git" in work.parts or ".git" in cache.parts:
        raise InputError("pipeline.cache-in-git", dir=str(work))
    work.parent.mkdir(parents=True, exist_ok=True)
    with open(work.parent / f"{work.name}.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _checkout(repo, work, commit)
        out = Path(tempfile.mkdtemp(prefix="repospbe-laporan-"))
        try:
            record, findings = run_pipeline(work, base, output_dir=out, cache_dir=cache, opener_key=opener_key)
            reports = {name: (out / name).read_bytes() for name, _ in record.reports
                       if "/" not in name and (out / name).is_file() and (out / name).stat().st_size <= MAX_REPORT_BYTES}
        finally:
            shutil.rmtree(out, ignore_errors=True)
    return record, findings, reports


def _checkout(repo: Repo, work: Path, commit: str) -> None:
    wt = Repo(work)
    if (work / ".git").is_file() and wt.run_raw("rev-parse", "--git-dir").returncode == 0:
        wt.run("reset", "--quiet", "--hard", commit)
        wt.run("clean", "-ffdxq")
        if wt.run("rev-parse", "HEAD").strip() == commit and not wt.run("status", "--porcelain").strip():
            return
    shutil.rmtree(work, ignore_errors=True)
    repo.run("worktree", "prune")
    repo.run("worktree", "add", "--detach", "--quiet", str(work), commit)


def merge_commit_for(repo: Repo, tree: str, target: str, source: str) -> str:
    """A deterministic scratch commit holding the merge result (for ``uji_pada: hasil-gabung``)."""
    env = {**EVIDENCE_IDENT, "GIT_AUTHOR_DATE": "2000-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2000-01-01T00:00:00Z"}
    return repo.commit_tree(tree, [target, source], "repospbe: hasil gabung sementara\n", env=env)
