"""Shipped and generated GitLab CI files validate against GitLab's CI schema; stages agree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from repospbe.pipeline.stages import load_stages
from tests.helpers.cli import run_cli
from tests.helpers.git import REPO_ROOT, git

SCHEMA_CMD = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.gitlab-ci"]


def validate(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SCHEMA_CMD, *map(str, files)], capture_output=True, text=True)


def test_every_shipped_gitlab_file_validates() -> None:
    files = sorted((REPO_ROOT / "pipelines" / "gitlab").glob("*.yml"))
    assert {f.name for f in files} >= {"registry.yml", "app.yml", "backup.yml"}
    proc = validate(*files)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_schema_validator_rejects_a_broken_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("job:\n  stage: test\n  script: 42\n  when: kadang\n")
    assert validate(bad).returncode != 0


def test_registry_pipeline_stages_are_the_declared_stages() -> None:
    parent = yaml.safe_load((REPO_ROOT / "pipelines" / "gitlab" / "registry.yml").read_text())
    assert parent["stages"] == [s.id for s in load_stages(REPO_ROOT)]


def test_no_tool_or_image_is_unpinned() -> None:
    for f in (REPO_ROOT / "pipelines" / "gitlab").glob("*.yml"):
        text = f.read_text()
        assert ":latest" not in text, f.name
    for name in ("registry.yml", "app.yml"):
        variables = yaml.safe_load((REPO_ROOT / "pipelines" / "gitlab" / name).read_text())["variables"]
        assert (
            variables["REPOSPBE_VERSION"].startswith("v") and "@${REPOSPBE_VERSION}" in variables["REPOSPBE_PIP_SPEC"]
        )
        assert "==" in variables["REPOSPBE_APP_TEST_REQUIREMENTS"]


def _changed_registry(registry_copy: Path, apps: list[str]) -> str:
    base = git(registry_copy, "rev-parse", "HEAD").strip()
    for key in apps:
        rec = registry_copy / "registry" / "apps" / key / "app.yaml"
        rec.parent.mkdir(parents=True, exist_ok=True)
        opd, app = key.split("/")
        # only apps with a pinned source get scan jobs (the rule `pipeline run` applies)
        rec.write_text(
            f"id: {app}\nnama: {app}\nopd: {opd}\njenis: khusus\nfungsi: [uji]\nstatus: usulan\n"
            f"deskripsi: Aplikasi uji\nsumber: {{repo: registry/sources/{key}.bundle, commit: {'a' * 40}}}\n"
        )
    git(registry_copy, "add", "-A")
    git(registry_copy, "commit", "-qm", "ubah")
    return base


def test_child_pipeline_has_one_job_per_changed_app_and_stage(
    registry_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = _changed_registry(registry_copy, ["diskominfo/uji-satu", "diskominfo/uji-dua"])
    out = tmp_path / "child.yml"
    res = run_cli(
        capsys, "pipeline", "generate", "--changed-since", base, "--output", str(out), "--registry", str(registry_copy)
    )
    assert res.code == 0, res.err
    doc = yaml.safe_load(out.read_text())
    jobs = sorted(k for k, v in doc.items() if isinstance(v, dict) and "stage" in v)
    assert jobs == [
        "scan:diskominfo/uji-dua",
        "scan:diskominfo/uji-satu",
        "test:diskominfo/uji-dua",
        "test:diskominfo/uji-satu",
    ]
    assert doc["scan:diskominfo/uji-satu"]["artifacts"]["reports"]["sast"].endswith("gl-sast-report.json")
    reports = doc["scan:diskominfo/uji-satu"]["artifacts"]["reports"]
    assert reports["dependency_scanning"].endswith("gl-dependency-scanning-report.json")
    assert validate(out).returncode == 0


def test_child_pipeline_without_changes_is_still_valid(
    registry_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "child.yml"
    res = run_cli(
        capsys,
        "pipeline",
        "generate",
        "--changed-since",
        "HEAD",
        "--output",
        str(out),
        "--registry",
        str(registry_copy),
    )
    assert res.code == 0
    doc = yaml.safe_load(out.read_text())
    assert "tidak-ada-aplikasi-berubah" in doc
    assert validate(out).returncode == 0


def test_pre_commit_hooks_file_names_our_commands() -> None:
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())
    ids = {h["id"]: h for h in hooks}
    assert ids["repospbe-check"]["entry"].startswith("repospbe check")
    assert ids["repospbe-scan"]["entry"].startswith("repospbe scan --path")
    assert all(h["language"] == "python" for h in hooks)
