"""The shipped GitLab pipelines, run job by job with gitlab-ci-local (shell executor).

Scratch registry (bundled data + the shipped pipelines) with a local bare origin; the
pipeline source is set with the variables GitLab would set. gitlab-ci-local evaluates job
rules (``rules:if``, ``rules:changes`` against origin/main) but neither ``workflow:rules``
nor ``trigger: strategy: depend``: the child pipeline is run as its own pipeline, from the
file ``generate-child-pipeline`` wrote, and workflow rules are asserted separately.
Wall times of every run are appended to ``test-artifacts/gitlab-ci-local-times.jsonl``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.gitlabci.glcl import listed, require_glcl, run, scratch_repo
from tests.gitlabci.reports import assert_reports, job_reports, junit_counts
from tests.governance.conftest import keyring  # noqa: F401  (fixture)
from tests.governance.test_gov_release_gates import merged_template  # noqa: F401  (fixture)
from tests.helpers.cli import run_cli
from tests.helpers.git import REPO_ROOT, git

REGISTRY_CI = (
    "include:\n  - local: pipelines/gitlab/registry.yml\n  - local: pipelines/gitlab/dns.yml\n"
    "  - local: pipelines/gitlab/backup.yml\n"
)
APP = "registry/apps/diskominfo/si-antrean/app.yaml"
EXPANDED = Path(".gitlab-ci-local/expanded-gitlab-ci.yml")
IMAGE = {"REPOSPBE_IMAGE": "python:3.11.7-slim-bookworm"}


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    require_glcl()
    root = tmp_path / "registri"
    for part in ("registry", "checks", "pipelines"):
        shutil.copytree(REPO_ROOT / part, root / part)
    return scratch_repo(root, REGISTRY_CI, "registri")


def _change_app(root: Path) -> None:
    rec = root / APP
    text = rec.read_text()
    assert "sebuah Aplikasi Khusus." in text
    rec.write_text(text.replace("sebuah Aplikasi Khusus.", "sebuah Aplikasi Khusus (diperbarui)."))
    git(root, "commit", "-qam", "Perbarui deskripsi si-antrean")


def _assert_job_reports(root: Path, ci_file: Path, jobs: list[str]) -> dict[str, dict[str, object]]:
    return {job: assert_reports(job_reports(root, ci_file, job)) for job in jobs}


@pytest.mark.slow
def test_merge_request_changing_one_app(registry: Path) -> None:
    base = git(registry, "rev-parse", "HEAD").strip()
    git(registry, "switch", "-q", "-c", "perbarui-si-antrean")
    _change_app(registry)
    # the app's own test requirements (kebutuhan_uji), installed in its child test job only
    with (registry / APP).open("a") as fh:
        fh.write("kebutuhan_uji: [pytest, iniconfig]\n")
    git(registry, "commit", "-qam", "Kebutuhan uji si-antrean")
    mr = {
        "CI_PIPELINE_SOURCE": "merge_request_event",
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
        "CI_MERGE_REQUEST_IID": "1",
    }
    assert listed(registry, mr) == {
        "validate": "on_success",
        "generate-child-pipeline": "on_success",
        "scan-apps": "on_success",
        "approval-gate": "on_success",
    }

    parent = run(registry, "validate", "generate-child-pipeline", variables=mr, label="mr: parent")
    assert parent.results() == {"validate": "PASS", "generate-child-pipeline": "PASS"}, parent.output
    reports = _assert_job_reports(registry, registry / EXPANDED, ["validate"])["validate"]
    assert junit_counts(reports["junit"])[1] == 0  # type: ignore[arg-type]
    # validate runs the registry checks only: no app is tested or scanned twice in one MR pipeline
    record = json.loads((registry / "laporan/registri/pipeline-record.json").read_text())
    assert record["apps"] == [] and "pipeline run --registry-only" in parent.output
    assert not (registry / "laporan/registri/apps").exists()

    child_file = registry / "child-pipeline.yml"
    child = yaml.safe_load(child_file.read_text())
    jobs = sorted(k for k, v in child.items() if isinstance(v, dict) and "script" in v)
    assert jobs == ["scan:diskominfo/si-antrean", "test:diskominfo/si-antrean"]
    assert child["variables"]["REPOSPBE_ISOLATION"] == "ci-runner"

    res = run(registry, "--file", "child-pipeline.yml", variables={**mr, **IMAGE}, label="mr: child")
    assert res.results() == {"test:diskominfo/si-antrean": "PASS", "scan:diskominfo/si-antrean": "PASS"}, res.output
    installs = [ln for ln in res.output.splitlines() if "$ pip install --quiet --" in ln]
    assert len(installs) == 1 and installs[0].startswith("test:diskominfo/si-antrean")
    assert installs[0].endswith("pip install --quiet -- pytest iniconfig")
    assert "REPOSPBE_APP_TEST_REQUIREMENTS" not in res.output
    for kind in ("test", "scan"):  # each app stage ran once, in its own job, with its own record
        recs = list((registry / "laporan/diskominfo-si-antrean" / kind).rglob("pipeline-record.json"))
        assert len(recs) == 1, recs
    got = _assert_job_reports(registry, child_file, jobs)
    tests, bad = junit_counts(got["test:diskominfo/si-antrean"]["junit"])  # type: ignore[arg-type]
    assert tests >= 1 and bad == 0
    sast = got["scan:diskominfo/si-antrean"]["sast"]
    assert sast["scan"]["status"] == "success"  # type: ignore[index]


@pytest.mark.slow
def test_push_to_main_validates_and_generates(registry: Path) -> None:
    base = git(registry, "rev-parse", "HEAD").strip()
    _change_app(registry)
    push = {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BEFORE_SHA": base}
    assert listed(registry, push) == {
        "validate": "on_success",
        "generate-child-pipeline": "on_success",
        "scan-apps": "on_success",
    }
    res = run(registry, "validate", "generate-child-pipeline", variables=push, label="push main: parent")
    assert res.results() == {"validate": "PASS", "generate-child-pipeline": "PASS"}, res.output
    child = yaml.safe_load((registry / "child-pipeline.yml").read_text())
    assert "scan:diskominfo/si-antrean" in child


def test_web_and_schedule_pipelines_run_only_their_jobs(registry: Path) -> None:
    web_dns = {"CI_PIPELINE_SOURCE": "web", "REPOSPBE_DNS_CHECKSUM": "0" * 64}
    assert listed(registry, web_dns) == {"dns-plan": "on_success", "dns-apply": "manual"}
    web_deploy = {"CI_PIPELINE_SOURCE": "web", "REPOSPBE_DEPLOY_APP": "diskominfo/si-antrean"}
    assert listed(registry, web_deploy) == {"deploy": "manual"}
    schedule = {"CI_PIPELINE_SOURCE": "schedule", "REPOSPBE_JOB": "backup"}
    assert listed(registry, schedule) == {"repospbe-backup": "on_success"}


def test_one_definition_per_job_and_workflow_admits_every_source() -> None:
    names: dict[str, str] = {}
    for f in sorted((REPO_ROOT / "pipelines" / "gitlab").glob("*.yml")):
        if f.name == "app.yml":
            continue
        for job in yaml.safe_load(f.read_text()):
            assert job not in names or job in ("variables",), f"{job} in {names.get(job)} and {f.name}"
            names[job] = f.name
    wf = yaml.safe_load((REPO_ROOT / "pipelines/gitlab/registry.yml").read_text())["workflow"]["rules"]
    for source in ("merge_request_event", "push", "web", "schedule"):
        assert any(f'"{source}"' in r["if"] for r in wf), source
    deploy = yaml.safe_load((REPO_ROOT / "pipelines/gitlab/registry.yml").read_text())["deploy"]
    assert deploy["interruptible"] is False
    command = next(line for line in deploy["script"] if line.startswith("repospbe deploy"))
    assert '--terapkan "$REPOSPBE_DEPLOY_CHECKSUM"' in command and '--kunci "$REPOSPBE_DEPLOY_KEY"' in command
    backup = yaml.safe_load((REPO_ROOT / "pipelines/gitlab/backup.yml").read_text())["repospbe-backup"]
    assert not any("|| true" in line and "fetch" in line for line in backup["script"])
    assert "REPOSPBE_BACKUP_SIGNERS" in " ".join(backup["script"])


@pytest.mark.slow
def test_app_yml_in_a_new_app_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    require_glcl()
    reg = tmp_path / "registri"
    for part in ("registry", "checks", "pipelines", "templates"):
        shutil.copytree(REPO_ROOT / part, reg / part)
    git(reg, "init", "-q", "-b", "main")
    git(reg, "add", "-A")
    git(reg, "commit", "-qm", "awal")
    out = run_cli(
        capsys,
        "new",
        "app",
        "--nama",
        "Uji Pipeline",
        "--opd",
        "diskominfo",
        "--registry",
        str(reg),
        "--deskripsi",
        "Aplikasi uji pipeline",
        "--fungsi",
        "layanan-publik",
    )
    assert out.code == 0, out.out + out.err
    app = tmp_path / "uji-pipeline"
    ci = (app / ".gitlab-ci.yml").read_text()
    shutil.copy(REPO_ROOT / "pipelines/gitlab/app.yml", app / "repospbe-app.yml")
    # gitlab-ci-local cannot fetch `include: project:` from a GitLab; the same file, included locally.
    local_ci = (
        ci.split("include:")[0]
        + "include:\n  - local: repospbe-app.yml\n"
        + ci.split("file: /pipelines/gitlab/app.yml\n")[1]
    )
    scratch_repo(app, local_ci, "uji-pipeline")
    res = run(app, variables={"CI_PIPELINE_SOURCE": "merge_request_event", **IMAGE}, label="app repository")
    assert res.results() == {"repospbe-test": "PASS", "repospbe-scan": "PASS"}, res.output
    got = _assert_job_reports(app, app / EXPANDED, ["repospbe-test", "repospbe-scan"])
    tests, bad = junit_counts(got["repospbe-test"]["junit"])  # type: ignore[arg-type]
    assert tests >= 1 and bad == 0
    assert not (app / "laporan" / "scan" / "laporan").exists()


@pytest.mark.slow
def test_web_pipeline_applies_the_reviewed_dns_plan(
    registry: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state, zone = tmp_path / "dns" / "state.json", tmp_path / "dns" / "zona.db"
    plan = run_cli(capsys, "dns", "plan", "--state", str(state), "--registry", str(registry))
    checksum = plan.out.split("sha256: ", 1)[1].split()[0]
    web = {
        "CI_PIPELINE_SOURCE": "web",
        "REPOSPBE_DNS_CHECKSUM": checksum,
        "REPOSPBE_DNS_STATE": str(state),
        "REPOSPBE_DNS_ZONE": str(zone),
    }
    res = run(registry, "--manual", "dns-apply", variables=web, label="web: dns")
    assert res.results() == {"dns-plan": "PASS", "dns-apply": "PASS"}, res.output
    assert checksum in (registry / "dns-plan.txt").read_text()
    assert zone.is_file() and state.is_file()
    moved = run(
        registry,
        "--manual",
        "dns-apply",
        variables={**web, "REPOSPBE_DNS_CHECKSUM": "0" * 64},
        label="web: dns, wrong checksum",
    )
    assert moved.results()["dns-apply"] == "FAIL"


@pytest.mark.slow
def test_schedule_pipeline_backs_up_every_ref_signed_by_an_operator(registry: Path, tmp_path: Path) -> None:
    key = tmp_path / "operator"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "operator", "-f", str(key)], check=True)
    signers = tmp_path / "backup_signers"
    signers.write_text("operator " + " ".join(key.with_suffix(".pub").read_text().split()[:2]) + "\n")
    # evidence that exists only on the origin must reach the backup
    origin = registry.parent / "registri-origin.git"
    head = git(origin, "rev-parse", "main").strip()
    git(origin, "update-ref", "refs/repospbe/mr/1/bukti", head)
    out = tmp_path / "cadangan"
    schedule = {
        "CI_PIPELINE_SOURCE": "schedule",
        "REPOSPBE_JOB": "backup",
        "REPOSPBE_BACKUP_KEY": str(key),
        "REPOSPBE_BACKUP_SIGNERS": str(signers),
        "REPOSPBE_BACKUP_DIR": str(out),
    }
    res = run(registry, variables=schedule, label="schedule: backup")
    assert res.results() == {"repospbe-backup": "PASS"}, res.output
    assert git(registry, "rev-parse", "refs/repospbe/mr/1/bukti").strip() == head
    bundles = list(out.glob("*-full/**/*.bundle"))
    assert bundles and any("refs/repospbe/mr/1/bukti" in git(registry, "bundle", "list-heads", str(b)) for b in bundles)
    bad = run(
        registry,
        variables={**schedule, "REPOSPBE_BACKUP_SIGNERS": str(registry / "registry/allowed_signers")},
        label="schedule: backup, reviewers' signers",
    )
    assert bad.results() == {"repospbe-backup": "FAIL"}


@pytest.mark.slow
def test_approval_gate_after_two_signed_approvals(tmp_path: Path, keyring: dict[str, Path]) -> None:
    from tests.governance.conftest import make_gov

    require_glcl()
    gov = make_gov(tmp_path / "registri", keyring)
    shutil.copytree(REPO_ROOT / "pipelines", gov.root / "pipelines")
    scratch_repo(gov.root, REGISTRY_CI, "registri")
    base = gov.main()
    gov.opd_change("ubah-opd")
    number = gov.open("ubah-opd")
    git(gov.root, "switch", "-q", "ubah-opd")
    mr = {
        "CI_PIPELINE_SOURCE": "merge_request_event",
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
        "CI_MERGE_REQUEST_IID": "7",
    }
    git(gov.root, "push", "-q", "origin", "+refs/repospbe/*:refs/repospbe/*")
    blocked = run(gov.root, "approval-gate", variables=mr, label="mr: approval gate, no approvals")
    assert blocked.results() == {"approval-gate": "FAIL"}, blocked.output
    assert f"Merge request !{number} belum memenuhi aturan" in blocked.output  # found, not unlinked
    gov.approve(number, "rahmat")
    gov.approve(number, "siti")
    git(gov.root, "push", "-q", "origin", "+refs/repospbe/*:refs/repospbe/*")
    git(gov.root, "switch", "-q", "ubah-opd")
    ok = run(gov.root, "approval-gate", variables=mr, label="mr: approval gate, two approvals")
    assert ok.results() == {"approval-gate": "PASS"}, ok.output
    assert f"Merge request !{number} memenuhi semua aturan" in ok.output


@pytest.mark.slow
def test_web_pipeline_deploys_with_the_protected_checksum_and_key(
    tmp_path: Path,
    keyring: dict[str, Path],
    merged_template: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The example app arrived through a verified merge with a green CI-runner pipeline record for its pinned
    # source (the release gates of seed 6.2.5.2); the deploy command is configured, as production needs.
    from tests.governance.test_gov_release_gates import APP

    require_glcl()
    root = tmp_path / "registri"
    shutil.copytree(merged_template, root, symlinks=True)
    deployed = tmp_path / "terpasang.txt"
    hook = tmp_path / "pasang.sh"
    hook.write_text(f'#!/bin/sh\necho "$REPOSPBE_APP $REPOSPBE_ENV $REPOSPBE_COMMIT" >> {deployed}\n')
    hook.chmod(0o755)
    monkeypatch.setenv("REPOSPBE_DEPLOY_HOOK", str(hook))  # the plan names the command: same in the job
    shutil.copytree(REPO_ROOT / "pipelines", root / "pipelines")
    scratch_repo(root, REGISTRY_CI, "registri")
    git(root, "push", "-q", "origin", "+refs/repospbe/*:refs/repospbe/*")
    plan = run_cli(capsys, "deploy", APP, "--registry", str(root), "--format", "json")
    assert plan.code == 0, plan.out + plan.err
    checksum = yaml.safe_load(plan.out)["checksum"]
    web = {
        "CI_PIPELINE_SOURCE": "web",
        "REPOSPBE_DEPLOY_APP": APP,
        "REPOSPBE_DEPLOY_HOOK": str(hook),
        "REPOSPBE_DEPLOY_CHECKSUM": checksum,
        "REPOSPBE_DEPLOY_KEY": str(keyring["siti"]),
    }
    origin = root.parent / "registri-origin.git"
    before = git(origin, "for-each-ref", "--format=%(refname) %(objectname)", "refs/repospbe/")
    res = run(root, "--manual", "deploy", "deploy", variables=web, label="web: deploy")
    assert res.results() == {"deploy": "PASS"}, res.output
    assert f"rilis/{APP}/produksi/0001" in res.output
    assert deployed.read_text().startswith(f"{APP} produksi ")  # the deploy command really ran
    # the signed release record reached the origin (append-only push of refs/repospbe/*)
    after = git(origin, "for-each-ref", "--format=%(refname) %(objectname)", "refs/repospbe/")
    assert set(after.splitlines()) - set(before.splitlines())
    wrong = run(
        root,
        "--manual",
        "deploy",
        "deploy",
        variables={**web, "REPOSPBE_DEPLOY_CHECKSUM": "0" * 64},
        label="web: deploy, wrong checksum",
    )
    assert wrong.results() == {"deploy": "FAIL"}, wrong.output


def _workflow_admits(root: Path, shipped: str, variables: dict[str, str]) -> bool:
    """gitlab-ci-local ignores ``workflow:rules``; its rule engine evaluates them as a probe job's rules."""
    rules = yaml.safe_load((REPO_ROOT / "pipelines/gitlab" / shipped).read_text())["workflow"]["rules"]
    probe = root / ".gitlab-ci-probe.yml"
    probe.write_text(yaml.safe_dump({"workflow-probe": {"script": ["true"], "rules": rules}}))
    return "workflow-probe" in listed(root, variables, "--file", probe.name)


@pytest.mark.parametrize(
    ("shipped", "source", "branch", "admitted"),
    [
        ("registry.yml", "merge_request_event", "fitur", True),
        ("registry.yml", "push", "main", True),
        ("registry.yml", "push", "fitur", False),
        ("registry.yml", "web", "main", True),
        ("registry.yml", "schedule", "main", True),
        ("registry.yml", "schedule", "fitur", False),
        ("registry.yml", "api", "main", False),
        ("app.yml", "merge_request_event", "fitur", True),
        ("app.yml", "push", "main", True),
        ("app.yml", "push", "fitur", False),
    ],
)
def test_workflow_rules_admit_exactly_these_pipelines(
    registry: Path, shipped: str, source: str, branch: str, admitted: bool
) -> None:
    variables = {"CI_PIPELINE_SOURCE": source, "CI_COMMIT_BRANCH": branch, "CI_DEFAULT_BRANCH": "main"}
    assert _workflow_admits(registry, shipped, variables) is admitted
