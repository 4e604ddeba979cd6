"""The local runner and the generated GitLab child pipeline run the same stages and checks
for the same change (both read pipelines/stages.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from repospbe.git.util import changed_paths
from repospbe.gitlabci.child import child_pipeline
from repospbe.pipeline.run import run_pipeline
from repospbe.pipeline.stages import load_stages, stage_checks
from repospbe.selection import changed_apps
from tests.helpers.git import git


def _app_with_source(root: Path, tmp: Path) -> str:
    src = tmp / "src"
    src.mkdir()
    git(src, "init", "-q", "-b", "main")
    (src / "hitung.py").write_text(
        '"""Hitung."""\n\n\ndef tambah(a: int, b: int) -> int:\n    """Jumlah a dan b."""\n    return a + b\n'
    )
    (src / "LICENSE").write_text("Apache License 2.0\nCopyright Pemerintah Kota Pontianak\n")
    git(src, "add", "-A")
    git(src, "commit", "-qm", "awal")
    commit = git(src, "rev-parse", "HEAD").strip()
    bundle = root / "registry" / "sources" / "diskominfo" / "uji-setara.bundle"
    bundle.parent.mkdir(parents=True, exist_ok=True)
    git(src, "bundle", "create", "-q", str(bundle), "main")
    base = git(root, "rev-parse", "HEAD").strip()
    rec = root / "registry" / "apps" / "diskominfo" / "uji-setara" / "app.yaml"
    rec.parent.mkdir(parents=True)
    rec.write_text(
        "id: uji-setara\nnama: Uji Setara\nopd: diskominfo\njenis: khusus\nfungsi: [uji]\n"
        "status: pengembangan\ndeskripsi: Aplikasi uji kesetaraan tahap\nlisensi: Apache-2.0\n"
        "hak_cipta: Pemerintah Kota Pontianak\nperintah_uji: python -c \"print('ok')\"\n"
        f"sumber: {{repo: registry/sources/diskominfo/uji-setara.bundle, commit: {commit}}}\n"
    )
    git(root, "add", "-A")
    git(root, "commit", "-qm", "aplikasi uji")
    return base


@pytest.mark.slow
def test_local_runner_and_child_pipeline_run_the_same_checks(registry_copy: Path, tmp_path: Path) -> None:
    base = _app_with_source(registry_copy, tmp_path)
    stages = load_stages(registry_copy)
    record, _ = run_pipeline(registry_copy, base, cache_dir=tmp_path / "cache")
    local = {(a.key, c.name) for a in record.apps for c in a.checks}

    apps = changed_apps(registry_copy, changed_paths(registry_copy, base))
    child = child_pipeline(stages, apps)
    generated = set()
    for name, job in child.items():
        if isinstance(job, dict) and "script" in job and ":" in name:
            stage_id, app = name.split(":", 1)
            assert f"--stage {stage_id}" in job["script"][0]
            generated |= {(app, check) for check in stage_checks(stages, stage_id)}
    assert apps == ["diskominfo/uji-setara"]
    # every scan job (local or child) also materialises the source and applies waivers
    framework = {(app, name) for app in apps for name in ("source", "waivers")}
    assert local - framework == generated
    assert {c for _, c in local - framework} == set(stage_checks(stages))


def test_unknown_stage_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.helpers.cli import run_cli

    (tmp_path / "a.py").write_text("x = 1\n")
    res = run_cli(capsys, "scan", "--path", str(tmp_path), "--stage", "tidak-ada")
    assert res.code == 2 and "tidak-ada" in res.err


def test_stage_file_naming_an_unknown_check_is_refused(registry_copy: Path) -> None:
    from repospbe.errors import InputError
    from repospbe.pipeline.app import declared_checks

    (registry_copy / "pipelines").mkdir()
    (registry_copy / "pipelines" / "stages.yaml").write_text(
        yaml.safe_dump(
            {
                "stages": [
                    {"id": "scan", "nama": "x", "name": "x", "scope": "app", "checks": ["semgrep", "selalu-lulus"]}
                ]
            }
        )
    )
    with pytest.raises(InputError):
        declared_checks(registry_copy)


@pytest.mark.parametrize(
    "edit",
    [
        "registry/reviewers.yaml",
        "registry/apps/diskominfo/si-antrean/app.yaml",
        "checks/documents.yaml",
        "registry/opd/bkd.yaml",
    ],
)
def test_pipeline_run_and_generate_select_the_same_apps(registry_copy: Path, tmp_path: Path, edit: str) -> None:
    from repospbe.cli import Globals, use_globals
    from repospbe.cli.source import generate
    from repospbe.pipeline.run import apps_to_scan

    base = git(registry_copy, "rev-parse", "HEAD").strip()
    with (registry_copy / edit).open("a") as fh:
        fh.write("\n# diubah\n")
    git(registry_copy, "commit", "-qam", "ubah")
    out = tmp_path / "child.yml"
    with use_globals(Globals(registry=registry_copy)):
        assert generate(changed_since=base, output_file=out) == 0
    doc = yaml.safe_load(out.read_text())
    generated = sorted({k.split(":", 1)[1] for k in doc if ":" in k})
    assert generated == sorted(apps_to_scan(registry_copy, changed_paths(registry_copy, base)))
    if edit.startswith("checks/"):
        assert "diskominfo/si-antrean" in generated  # policy changes rescan every pinned app


@pytest.mark.slow
def test_registry_only_run_judges_the_registry_as_the_full_run(
    registry_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What `validate` runs (--registry-only) gives the registry the verdict of the full local run."""
    import json

    from tests.helpers.cli import run_cli

    base = git(registry_copy, "rev-parse", "HEAD").strip()
    with (registry_copy / "registry/reviewers.yaml").open("a") as fh:
        fh.write("\n# diubah\n")
    git(registry_copy, "commit", "-qam", "ubah")
    records = {}
    for name, extra in (("full", ()), ("registry-only", ("--registry-only",))):
        out = tmp_path / name
        res = run_cli(
            capsys, "pipeline", "run", "--changed-since", base, "--output-dir", str(out),
            "--registry", str(registry_copy), *extra,
        )  # fmt: skip
        records[name] = (res.code, json.loads((out / "pipeline-record.json").read_text()))
    (full_code, full), (only_code, only) = records["full"], records["registry-only"]
    assert only_code == full_code == 0
    assert only["registry_checks"] == full["registry_checks"] and only["status"] == full["status"]
    assert only["apps"] == []
