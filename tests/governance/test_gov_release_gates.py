"""Release gates (seed 6.2.5.2): a release needs an admitted status, complete documents, a green
pipeline record for exactly the pinned source commit, a deploy command and a known environment.

The example app si-antrean (pinned source bundle, full documents) goes through a real merge
request: a real CI-runner pipeline (registry checks + source tests and scans), real signed
approvals and a verified merge; the merged registry is built once and copied per test."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from repospbe.errors import InputError, PolicyError
from repospbe.governance import releases as rel
from repospbe.governance.deploy import HOOK_ENV, apply, plan
from repospbe.governance.release_gates import ENVIRONMENTS
from tests.governance.conftest import Gov, make_gov
from tests.helpers.cli import run_cli
from tests.helpers.git import REPO_ROOT, git

APP = "diskominfo/si-antrean"
APP_DIR = f"registry/apps/{APP}"
SOURCE = "registry/sources/diskominfo/si-antrean.bundle"
SUBDOMAIN = "registry/subdomains/si-antrean.yaml"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def merged_template(tmp_path_factory: pytest.TempPathFactory, keyring: dict[str, Path]) -> Path:
    """A governed registry where si-antrean arrived through a verified merge (MR !1)."""
    gov = make_gov(tmp_path_factory.mktemp("gates") / "reg", keyring)
    git(gov.root, "checkout", "-q", "-b", "app")
    for rel_path in (APP_DIR, SOURCE, SUBDOMAIN):
        src, dest = REPO_ROOT / rel_path, gov.root / rel_path
        dest.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dest)
    record = gov.root / APP_DIR / "app.yaml"  # the portal app it integrates with is not in this registry
    record.write_text(record.read_text(encoding="utf-8").split("integrasi:")[0], encoding="utf-8")
    git(gov.root, "add", "-A")
    git(gov.root, "commit", "-qm", "si-antrean", email="dev@opd.example")
    git(gov.root, "checkout", "-q", "main")
    n = gov.open("app", title="Aplikasi si-antrean")
    gov.approve(n, "rahmat")
    gov.approve(n, "siti")
    gov.merge(n)
    return gov.root


@pytest.fixture
def merged(merged_template: Path, tmp_path: Path, keyring: dict[str, Path]) -> Gov:
    root = tmp_path / "reg"
    shutil.copytree(merged_template, root, symlinks=True)
    return Gov(root, keyring)


@pytest.fixture
def hook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A deploy command that really deploys: it writes what it got into a file."""
    target = tmp_path / "terpasang.txt"
    script = tmp_path / "pasang.sh"
    script.write_text(f'#!/bin/sh\necho "$REPOSPBE_APP $REPOSPBE_ENV $REPOSPBE_COMMIT" >> {target}\n')
    script.chmod(0o755)
    monkeypatch.setenv(HOOK_ENV, str(script))
    return target


def _cli_plan(capsys: pytest.CaptureFixture[str], gov: Gov, *args: str) -> tuple[int, dict[str, object], str]:
    res = run_cli(capsys, "deploy", APP, "--registry", str(gov.root), "--format", "json", *args)
    body = json.loads(res.out) if res.out.strip() else {}
    return res.code, body, res.err


def _merge_change(gov: Gov, branch: str, files: dict[str, str | None]) -> None:
    """A second merge request changing the app's files (None deletes), approved and merged."""
    git(gov.root, "checkout", "-q", "-b", branch)
    for rel_path, text in files.items():
        if text is None:
            git(gov.root, "rm", "-q", rel_path)
        else:
            gov.write(rel_path, text)
    git(gov.root, "add", "-A")
    git(gov.root, "commit", "-qm", branch, email="dev@opd.example")
    git(gov.root, "checkout", "-q", "main")
    n = gov.open(branch, title=branch)
    gov.approve(n, "rahmat")
    gov.approve(n, "siti")
    gov.merge(n)


def test_green_release_passes_every_gate_and_really_deploys(
    merged: Gov, hook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, body, err = _cli_plan(capsys, merged)
    assert code == 0, err
    gates = {g["id"]: g for g in body["rencana"]["gerbang"]}  # type: ignore[index, union-attr]
    assert [(i, g["lulus"]) for i, g in gates.items()] == [
        ("status", True),
        ("dokumen", True),
        ("pipeline", True),
        ("perintah", True),
    ]
    digest = gates["pipeline"]["param"]["digest"]
    assert digest in merged.repo.run("log", "-1", "--format=%B", merged.main())  # the merge's Repospbe-Pipeline
    text = run_cli(capsys, "deploy", APP, "--registry", str(merged.root))
    assert text.code == 0 and f"[OK] pipeline: rekaman pipeline {digest}" in text.out
    assert "sumber 17fe748021cc" in text.out and "Terapkan dengan:" in text.out
    res = run_cli(
        capsys,
        "deploy",
        APP,
        "--registry",
        str(merged.root),
        "--terapkan",
        str(body["checksum"]),
        "--kunci",
        str(merged.keys["agus"]),
    )
    assert res.code == 0, res.err
    assert hook.read_text() == f"{APP} produksi {merged.main()}\n"
    [release] = rel.load_all(merged.repo)
    assert release.path == f"rilis/{APP}/produksi/0001.json" and rel.signature_ok(merged.repo, release)
    assert [g["param"].get("digest") for g in release.signed.data["gerbang"] if g["id"] == "pipeline"] == [digest]


def test_status_that_the_environment_does_not_admit_is_refused(
    merged: Gov, hook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = (merged.root / APP_DIR / "app.yaml").read_text(encoding="utf-8")
    _merge_change(merged, "usulan", {f"{APP_DIR}/app.yaml": record.replace("status: produksi", "status: usulan")})
    for env in ("produksi", "uji"):
        code, body, err = _cli_plan(capsys, merged, "--env", env)
        assert code == 1 and "adalah usulan" in err and f"lingkungan {env} hanya menerima status" in err
        assert [g["id"] for g in body["rencana"]["gerbang"] if not g["lulus"]] == ["status"]  # type: ignore[index]
    text = run_cli(capsys, "deploy", APP, "--registry", str(merged.root))
    assert "[XX] status:" in text.out and "RILIS DITOLAK: 1 gerbang" in text.out and "Terapkan dengan" not in text.out
    p = plan(merged.repo, APP, "produksi")
    with pytest.raises(PolicyError) as exc:
        apply(merged.repo, p, p.checksum, merged.keys["agus"])
    assert exc.value.key == "deploy.gate.status" and not hook.exists()
    assert rel.load_all(merged.repo) == []
    assert set(ENVIRONMENTS["produksi"]) == {"produksi"}


def test_incomplete_documents_are_refused(merged: Gov, hook: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The document rules are judged as they stand at the released commit: here they changed after
    the app's merge (the app's last change is still that verified merge) and now require a manual
    section the app's manual lacks."""
    rules = (merged.root / "checks/documents.yaml").read_text(encoding="utf-8")
    extra = "      - judul: Pemeliharaan Data\n        min_kata: 10\n\n  bast:\n"
    merged.write("checks/documents.yaml", rules.replace("\n  bast:\n", "\n" + extra, 1))
    git(merged.root, "commit", "-qam", "aturan dokumen: manual wajib memuat Pemeliharaan Data")
    code, body, err = _cli_plan(capsys, merged)
    assert code == 1 and "Dokumen aplikasi diskominfo/si-antrean untuk statusnya belum lengkap" in err
    assert "doc.section-missing registry/apps/diskominfo/si-antrean/manual.md" in err
    assert [g["id"] for g in body["rencana"]["gerbang"] if not g["lulus"]] == ["dokumen"]  # type: ignore[index]
    p = plan(merged.repo, APP, "produksi")
    with pytest.raises(PolicyError) as exc:
        apply(merged.repo, p, p.checksum, merged.keys["agus"])
    assert exc.value.key == "deploy.gate.documents" and exc.value.params["count"] == "1"
    assert rel.load_all(merged.repo) == [] and not hook.exists()


def test_pipeline_record_missing_failed_or_for_another_source_is_refused(merged: Gov) -> None:
    from repospbe.governance.release_gates import _bound_records

    merge = merged.main()
    [(digest, record)] = _bound_records(merged.repo, merge)
    pinned = next(a.source_commit for a in record.apps if a.key == APP)
    other = replace(record, apps=tuple(replace(a, source_commit="a" * 40) for a in record.apps))
    failed = replace(record, status="failed")
    without = replace(record, apps=tuple(a for a in record.apps if a.key != APP))
    untested = replace(
        record,
        apps=tuple(
            replace(a, checks=tuple(replace(c, status="skipped") if c.name == "app-tests" else c for c in a.checks))
            for a in record.apps
        ),
    )
    no_tests = replace(
        record, apps=tuple(replace(a, checks=tuple(c for c in a.checks if c.name != "app-tests")) for a in record.apps)
    )
    cases = [
        ([(digest, record)], "deploy.gate.pipeline-ok"),
        ([], "deploy.gate.pipeline-missing"),
        ([(digest, without)], "deploy.gate.pipeline-missing"),
        ([(digest, failed)], "deploy.gate.pipeline-failed"),
        ([(digest, other)], "deploy.gate.pipeline-other-source"),
        ([(digest, untested)], "deploy.gate.untested"),  # skipped tests are no test result
        ([(digest, no_tests)], "deploy.gate.untested"),
    ]
    for bound, key in cases:
        assert _pipeline_gate_key(APP, pinned, merge, bound) == key


def _pipeline_gate_key(app: str, pinned: str, merge: str, bound: list[tuple[str, object]]) -> str:
    from repospbe.governance.release_gates import judge_pipeline

    return str(judge_pipeline(app, pinned, merge, bound)["pesan"])  # type: ignore[arg-type]


def test_app_without_pinned_source_has_no_test_results_to_release(
    gov: Gov, hook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.governance.test_gov_deploy import APP as UJI
    from tests.governance.test_gov_deploy import APP_YAML, MANUAL

    gov.commit_on("app", {UJI: APP_YAML, UJI.replace("app.yaml", "manual.md"): MANUAL})
    n = gov.open("app", title="Aplikasi si-uji")
    gov.approve(n, "rahmat")
    gov.approve(n, "siti")
    gov.merge(n)
    res = run_cli(capsys, "deploy", "diskominfo/si-uji", "--registry", str(gov.root))
    assert res.code == 1 and "tidak menyematkan kode sumber (sumber.commit)" in res.err
    assert "[XX] pipeline:" in res.out and rel.load_all(gov.repo) == [] and not hook.exists()


def test_release_without_a_deploy_command_is_refused(
    merged: Gov, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(HOOK_ENV, raising=False)
    code, body, err = _cli_plan(capsys, merged)
    assert code == 1 and "Tidak ada perintah deploy (rilis.perintah" in err
    res = run_cli(
        capsys,
        "deploy",
        APP,
        "--registry",
        str(merged.root),
        "--terapkan",
        str(body["checksum"]),
        "--kunci",
        str(merged.keys["agus"]),
        "--lang",
        "en",
    )
    assert res.code == 1 and "No deploy command configured" in res.err
    assert rel.load_all(merged.repo) == [] and merged.repo.resolve(rel.RELEASE_REF) is None


def test_unknown_environment_is_refused_with_a_suggestion(
    merged: Gov, hook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    res = run_cli(capsys, "deploy", APP, "--registry", str(merged.root), "--env", "production")
    assert res.code == 2 and "Lingkungan production tidak dikenal" in res.err and "--env produksi" in res.err
    with pytest.raises(InputError) as exc:
        plan(merged.repo, APP, "staging")
    assert exc.value.key == "deploy.unknown-env"
    assert rel.load_all(merged.repo) == [] and not hook.exists()
