"""Run the merge-request pipeline on an exact commit (or merge result) in a scratch worktree.

The pipeline is ``repospbe.pipeline.run.run_pipeline`` (registry checks plus source
checks of the changed apps). Its source cache lives in the repository's git
directory so re-runs over an unchanged source tree stay cheap.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from repospbe.findings import Finding
from repospbe.governance.gitrepo import EVIDENCE_IDENT, Repo
from repospbe.pipeline.record import PipelineRecord
from repospbe.pipeline.run import run_pipeline

MAX_REPORT_BYTES = 5 * 1024 * 1024


def run_on(repo: Repo, commit: str, base: str) -> tuple[PipelineRecord, list[Finding], dict[str, bytes]]:
    """Check out ``commit`` in a scratch worktree and run the pipeline against ``base``."""
    tmp = Path(tempfile.mkdtemp(prefix="repospbe-pipa-"))
    work = tmp / "w"
    repo.run("worktree", "add", "--detach", "--quiet", str(work), commit)
    try:
        out = tmp / "laporan"
        cache = Path(repo.run("rev-parse", "--path-format=absolute", "--git-common-dir").strip()) / "repospbe-cache"
        record, findings = run_pipeline(work, base, output_dir=out, cache_dir=cache)
        reports = {name: (out / name).read_bytes() for name, _ in record.reports
                   if "/" not in name and (out / name).is_file() and (out / name).stat().st_size <= MAX_REPORT_BYTES}
        return record, findings, reports
    finally:
        repo.run("worktree", "remove", "--force", str(work), check=False)
        shutil.rmtree(tmp, ignore_errors=True)
        repo.run("worktree", "prune", check=False)


def merge_commit_for(repo: Repo, tree: str, target: str, source: str) -> str:
    """A deterministic scratch commit holding the merge result (for ``uji_pada: hasil-gabung``)."""
    env = {**EVIDENCE_IDENT, "GIT_AUTHOR_DATE": "2000-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2000-01-01T00:00:00Z"}
    return repo.commit_tree(tree, [target, source], "repospbe: hasil gabung sementara\n", env=env)
