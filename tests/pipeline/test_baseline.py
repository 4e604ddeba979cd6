"""Merge-request mode: findings the target already had do not block; new ones and
ownership violations do."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from repospbe.findings import Severity
from repospbe.pipeline.run import run_pipeline
from tests.helpers.cli import run_cli
from tests.helpers.git import commit_all, git, rev_parse, write_files


def _commit(root: Path, rel: str, text: str) -> str:
    """Commit a change to ``rel``; the commit before it (the base of the change)."""
    base = rev_parse(root)
    write_files(root, {rel: text})
    commit_all(root, "ubah")
    return base


def test_policy_change_passes_despite_old_gaps_of_other_apps(registry_copy: Path) -> None:
    rules = registry_copy / "checks" / "documents.yaml"
    base = _commit(registry_copy, "checks/documents.yaml", rules.read_text() + "\n# catatan peninjau\n")
    record, findings = run_pipeline(registry_copy, base, scan_sources=False)
    old = [f for f in findings if f.check_id == "doc.missing"]
    assert old and all(f.severity is Severity.INFO and dict(f.params)["baseline"] for f in old)
    assert record.status == "passed"


def test_a_new_gap_still_blocks(registry_copy: Path) -> None:
    base = git(registry_copy, "rev-parse", "HEAD").strip()
    (registry_copy / "registry/apps/diskominfo/si-antrean/manual.md").unlink()
    git(registry_copy, "commit", "-qam", "hapus manual")
    record, findings = run_pipeline(registry_copy, base, scan_sources=False)
    new = [f for f in findings if f.check_id.startswith("doc.") and "si-antrean" in f.path]
    assert new and new[0].severity is not Severity.INFO
    assert record.status == "failed"


def test_pipeline_run_with_opener_reports_ownership(
    registry_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = tmp_path / "orang"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    kak = registry_copy / "registry/apps/bkd/simakda/kak.md"
    base = _commit(registry_copy, "registry/apps/bkd/simakda/kak.md", "# KAK\n")
    assert kak.is_file()
    res = run_cli(
        capsys,
        "pipeline",
        "run",
        "--registry",
        str(registry_copy),
        "--changed-since",
        base,
        "--opener",
        str(key.with_suffix(".pub")),
        "--format",
        "json",
        "--cache-dir",
        str(tmp_path / "c"),
    )
    assert res.code == 1
    assert "owner.unknown-opener" in res.out
    bad = run_cli(capsys, "pipeline", "run", "--registry", str(registry_copy), "--opener", str(key))
    assert bad.code == 2
