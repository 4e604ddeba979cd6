"""`repospbe check --changed-since REF` with real git: only what changed, plus what a change can break."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import run_cli
from tests.helpers.git import git

APP = "id: {id}\nnama: Uji {id}\nopd: {opd}\njenis: khusus\nfungsi: [uji]\nstatus: usulan\ndeskripsi: {desc}\n"
OPD = "kode: {kode}\nnama: Badan Uji {kode}\njenis: badan\n"
BROKEN = "registry/apps/uji-satu/rusak/app.yaml"
GOOD = "registry/apps/uji-satu/baik/app.yaml"


def _write(root: Path, rel: str, text: str) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text, encoding="utf-8")


@pytest.fixture
def repo(registry_copy: Path) -> Path:
    """Two test OPDs, an untouched broken app and a good app, committed."""
    _write(registry_copy, "registry/opd/uji-satu.yaml", OPD.format(kode="uji-satu"))
    _write(registry_copy, "registry/opd/uji-dua.yaml", OPD.format(kode="uji-dua"))
    _write(registry_copy, BROKEN, APP.format(id="rusak", opd="uji-satu", desc="Rusak.").replace("khusus", "lain"))
    _write(registry_copy, GOOD, APP.format(id="baik", opd="uji-dua", desc="Baik."))
    git(registry_copy, "add", "-A")
    git(registry_copy, "commit", "-qm", "uji")
    return registry_copy


def _findings(capsys: pytest.CaptureFixture[str], root: Path, ref: str) -> tuple[int, list[dict[str, object]]]:
    result = run_cli(capsys, "check", "--registry", str(root), "--format", "json", "--changed-since", ref)
    assert result.err == ""
    return result.code, json.loads(result.out)["findings"]


def _ids_at(findings: list[dict[str, object]], path: str) -> set[object]:
    return {f["check_id"] for f in findings if f["path"] == path}


def test_full_check_sees_the_broken_app(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "check", "--registry", str(repo), "--format", "json")
    findings = json.loads(result.out)["findings"]
    assert "schema.enum" in _ids_at(findings, BROKEN)
    assert "ref.app-opd-dir" in _ids_at(findings, GOOD)  # owner uji-dua under uji-satu/


def test_only_the_changed_app_is_checked(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(repo, GOOD, APP.format(id="baik", opd="uji-dua", desc="Baik, diubah."))
    code, findings = _findings(capsys, repo, "HEAD")
    assert code == 1
    assert _ids_at(findings, BROKEN) == set()  # untouched: not re-checked
    assert "ref.app-opd-dir" in _ids_at(findings, GOOD)
    assert all(str(f["path"]).startswith("registry/apps/uji-satu/baik/") for f in findings)


def test_no_change_checks_nothing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, findings = _findings(capsys, repo, "HEAD")
    assert (code, findings) == (0, [])


def test_duplicate_id_introduced_by_the_change_is_reported(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = "registry/apps/uji-dua/baik/app.yaml"
    _write(repo, new, APP.format(id="baik", opd="uji-dua", desc="Tiruan."))  # untracked: still a change
    code, findings = _findings(capsys, repo, "HEAD")
    assert code == 1
    duplicate = [f for f in findings if f["check_id"] == "ref.app-duplicate"]
    assert [(f["path"], f["line"]) for f in duplicate] == [(new, 1)]
    assert "uji-satu/baik" in str(duplicate[0]["message"])
    assert _ids_at(findings, BROKEN) == set()


def test_committed_changes_since_an_older_ref(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    _write(repo, GOOD, APP.format(id="baik", opd="uji-satu", desc="Diperbaiki."))
    git(repo, "commit", "-qam", "perbaiki")
    code, findings = _findings(capsys, repo, base)
    assert _ids_at(findings, BROKEN) == set()
    assert "ref.app-opd-dir" not in _ids_at(findings, GOOD)
    assert (code, findings) == (0, []) or all(
        str(f["path"]).startswith("registry/apps/uji-satu/baik/") for f in findings
    )


@pytest.mark.parametrize("changed", ["checks/schemas/app.schema.json", "registry/instance.yaml"])
def test_policy_or_instance_change_means_full_check(
    changed: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open(repo / changed, "a", encoding="utf-8") as fh:
        fh.write("\n")
    code, findings = _findings(capsys, repo, "HEAD")
    assert code == 1
    assert "schema.enum" in _ids_at(findings, BROKEN)
    assert "ref.app-opd-dir" in _ids_at(findings, GOOD)


def test_deleting_a_referenced_record_means_full_check(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "registry/opd/uji-dua.yaml").unlink()
    code, findings = _findings(capsys, repo, "HEAD")
    assert code == 1
    assert "ref.opd-missing" in _ids_at(findings, GOOD)  # GOOD itself did not change
    assert "schema.enum" in _ids_at(findings, BROKEN)


def test_changed_since_with_a_path_narrows_further(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(repo, GOOD, APP.format(id="baik", opd="uji-dua", desc="Diubah."))
    _write(repo, BROKEN, APP.format(id="rusak", opd="uji-satu", desc="Diubah.").replace("khusus", "lain"))
    result = run_cli(
        capsys,
        "check",
        "--registry",
        str(repo),
        "--format",
        "json",
        "--changed-since",
        "HEAD",
        str(repo / "registry/apps/uji-satu/rusak"),
    )
    findings = json.loads(result.out)["findings"]
    assert "schema.enum" in _ids_at(findings, BROKEN)
    assert _ids_at(findings, GOOD) == set()


def test_not_a_git_repository_is_exit_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    shutil.rmtree(repo / ".git")
    result = run_cli(capsys, "check", "--registry", str(repo), "--changed-since", "HEAD")
    assert result.code == 2 and "git" in result.err and "Traceback" not in result.err
