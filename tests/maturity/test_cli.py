"""`repospbe maturity` and `repospbe evidence export` on a real git copy of the bundled registry."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers.cli import run_cli
from tests.helpers.git import git

EXAMPLE = "diskominfo/si-antrean"
DOCS = ("kebutuhan", "kak", "pengujian", "manual", "bast")


def _levels(capsys: pytest.CaptureFixture[str], root: Path, *extra: str) -> dict[str, dict[str, object]]:
    res = run_cli(capsys, "maturity", "--registry", str(root), "--format", "json", *extra)
    assert res.code == 0, res.err
    return {a["app"]: a for a in json.loads(res.out)["apps"]}


def test_bundled_apps_get_honest_levels(registry_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    levels = _levels(capsys, registry_copy)
    assert levels[EXAMPLE]["level"] == "terkelola"
    seeded = [k for k in levels if k != EXAMPLE]
    assert seeded and all(levels[k]["level"] == "rintisan" for k in seeded)
    assert all("dokumen-lengkap" in levels[k]["blocking_next"] for k in seeded)


def test_app_moves_up_after_documents_are_completed(registry_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = "inspektorat/wbs-ponti"
    for doc in DOCS:
        shutil.copyfile(
            registry_copy / "registry/apps" / EXAMPLE / f"{doc}.md",
            registry_copy / "registry/apps" / target / f"{doc}.md",
        )
    git(registry_copy, "add", "-A")
    git(registry_copy, "commit", "-qm", "serahkan dokumen")
    res = run_cli(capsys, "maturity", "--registry", str(registry_copy), "--since", "HEAD~1", "--opd", "inspektorat")
    assert res.code == 0, res.err
    assert "inspektorat/wbs-ponti: Rintisan → Terkelola" in res.out
    md = run_cli(capsys, "maturity", "--registry", str(registry_copy), "--since", "HEAD~1", "--format", "markdown")
    assert "`inspektorat/wbs-ponti`: Rintisan → Terkelola" in md.out


def test_csv_and_english(registry_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    res = run_cli(capsys, "maturity", EXAMPLE, "--registry", str(registry_copy), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(res.out)))
    assert [r["app"] for r in rows] == [EXAMPLE] and rows[0]["level"] == "terkelola"
    en = run_cli(capsys, "maturity", EXAMPLE, "--registry", str(registry_copy), "--lang", "en")
    assert "Managed" in en.out and "no verified release yet" in en.out


def test_unknown_app_is_an_input_error(registry_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    res = run_cli(capsys, "maturity", "tidak/ada", "--registry", str(registry_copy))
    assert res.code == 2


def test_evidence_pack_verifies_with_plain_sha256sum(
    registry_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bukti"
    res = run_cli(capsys, "evidence", "export", "--period", "2026", "--out", str(out), "--registry", str(registry_copy))
    assert res.code == 0, res.err
    assert (out / "aplikasi" / EXAMPLE / "registri" / "kebutuhan.md").is_file()
    verdict = json.loads((out / "aplikasi" / EXAMPLE / "kematangan.json").read_text())
    assert verdict["level"] == "terkelola"
    assert (out / "opd" / "diskominfo.json").is_file()
    ok = subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=out, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    (out / "aplikasi" / EXAMPLE / "kematangan.json").write_text('{"level": "optimum"}')
    bad = subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=out, capture_output=True, text=True)
    assert bad.returncode != 0 and "kematangan.json" in bad.stdout
    again = run_cli(
        capsys, "evidence", "export", "--period", "2026", "--out", str(out), "--registry", str(registry_copy)
    )
    assert again.code == 2


def test_unknown_opd_is_refused_with_a_suggestion(registry_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    res = run_cli(capsys, "maturity", "--opd", "bkpsd", "--registry", str(registry_copy))
    assert res.code == 2
    text = res.out + res.err
    assert "tidak terdaftar" in text and "Maksud Anda: bkpsdm" in text
    assert "tidak punya aplikasi" not in text
