"""Run the merge-request pipeline on an exact commit (or merge result) in a scratch worktree.

The pipeline itself is ``repospbe.pipeline.run.run_pipeline`` when present; until
that lands, ``_registry_pipeline`` builds the same kind of record from the registry
checks alone (same signature, same record type).
"""
from __future__ import annotations

import json
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from repospbe.engine import check_registry, exit_code
from repospbe.findings import Finding
from repospbe.gitutil import changed_paths
from repospbe.governance.gitrepo import EVIDENCE_IDENT, Repo
from repospbe.pipeline.record import CheckStatus, PipelineRecord, sha256_bytes
from repospbe.selection import expand

FINDINGS_REPORT = "temuan.json"
PipelineFn = Callable[..., tuple[PipelineRecord, list[Finding]]]


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _registry_pipeline(root: Path, changed_since: str | None = None, *, output_dir: Path | None = None,
                       **_: Any) -> tuple[PipelineRecord, list[Finding]]:
    """Registry checks only, as a pipeline record (adapter until the source pipeline lands)."""
    started = _now()
    repo = Repo(root)
    selection = expand(root, changed_paths(root, changed_since)) if changed_since else None
    findings = check_registry(root, selection)
    status = "failed" if exit_code(findings) else "passed"
    report = json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=1).encode("utf-8")
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
        (output_dir / FINDINGS_REPORT).write_bytes(report)
    blocking = sum(1 for f in findings if f.blocks())
    record = PipelineRecord(
        registry_commit=repo.must_resolve("HEAD"), registry_tree=repo.tree_of("HEAD"),
        status=status, started=started, finished=_now(), base_commit=changed_since or "",
        registry_checks=(CheckStatus("registry", status, len(findings), blocking),),
        reports=((FINDINGS_REPORT, sha256_bytes(report)),), runner="repospbe-lokal",
    )
    return record, findings


def pipeline_fn() -> PipelineFn:
    return _registry_pipeline


def run_on(repo: Repo, commit: str, base: str) -> tuple[PipelineRecord, list[Finding], dict[str, bytes]]:
    """Check out ``commit`` in a scratch worktree and run the pipeline against ``base``."""
    tmp = Path(tempfile.mkdtemp(prefix="repospbe-pipa-"))
    work = tmp / "w"
    repo.run("worktree", "add", "--detach", "--quiet", str(work), commit)
    try:
        out = tmp / "laporan"
        record, findings = pipeline_fn()(work, base, output_dir=out)
        reports = {name: (out / name).read_bytes() for name, _ in record.reports if (out / name).is_file()}
        return record, findings, reports
    finally:
        repo.run("worktree", "remove", "--force", str(work), check=False)
        shutil.rmtree(tmp, ignore_errors=True)
        repo.run("worktree", "prune", check=False)


def merge_commit_for(repo: Repo, tree: str, target: str, source: str) -> str:
    """A deterministic scratch commit holding the merge result (for ``uji_pada: hasil-gabung``)."""
    env = {**EVIDENCE_IDENT, "GIT_AUTHOR_DATE": "2000-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2000-01-01T00:00:00Z"}
    return repo.commit_tree(tree, [target, source], "repospbe: hasil gabung sementara\n", env=env)
