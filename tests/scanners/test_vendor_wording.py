"""What a vendor reads after a scan: bandit in Indonesian (English original kept),
a clean source scan that does not talk about the registry, counts in words."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from repospbe.findings import Finding, Severity
from repospbe.formatters import FORMATTERS, ReportMeta
from repospbe.i18n import catalog
from repospbe.pipeline.scan import Outcome
from repospbe.scanners import bandit
from tests.helpers.cli import run_cli

BANDIT = Path(sys.executable).parent / "bandit"


def test_every_bandit_test_of_the_installed_profile_has_indonesian_text() -> None:
    assert BANDIT.is_file(), "bandit is a declared scanner of the venv"
    listing = subprocess.run([str(BANDIT), "--help"], capture_output=True, text=True, timeout=120, check=True).stdout
    ids = re.findall(r"^\s+(B\d{3})\s+\w+$", listing, re.MULTILINE)
    assert len(ids) > 60
    missing = [i for i in ids if f"bandit.test.{i}" not in catalog()]
    assert missing == []
    same = [i for i in ids if catalog()[f"bandit.test.{i}"]["id"] == catalog()[f"bandit.test.{i}"]["en"]]
    assert same == []


def test_bandit_findings_speak_indonesian_and_keep_bandits_english(scanned: dict[str, Outcome]) -> None:
    b602 = next(f for f in scanned["bandit"].result.findings if f.check_id == "bandit.B602")
    assert b602.text("id") == catalog()["bandit.test.B602"]["id"]
    assert b602.text("en") == "subprocess call with shell=True identified, security issue."
    assert dict(b602.params)["text"] == b602.text("en")


def test_unknown_bandit_test_gets_a_translated_generic_sentence_with_its_id() -> None:
    finding = bandit._finding(
        {"test_id": "B999", "test_name": "future_check", "issue_text": "Something new.", "issue_severity": "LOW"}
    )
    assert "B999" in finding.text("id") and "bandit" in finding.text("id") and "Something" not in finding.text("id")
    assert finding.text("en") == "Something new."


def _f(path: str, sev: Severity = Severity.HIGH) -> Finding:
    return Finding.make("bandit.B602", sev, "raw.text", path=path, line=1 if path else None, text="x")


def test_counts_read_as_sentences() -> None:
    text = FORMATTERS["text"]
    only_general = text([_f("")], ReportMeta(lang="id"))
    assert "1 temuan (1 tinggi), tidak terkait berkas tertentu." in only_general and "0 berkas" not in only_general
    mixed = text([_f("a.py"), _f("b.py", Severity.LOW), _f("")], ReportMeta(lang="id"))
    assert "3 temuan (2 tinggi, 1 rendah): 2 di 2 berkas, 1 tidak terkait berkas tertentu." in mixed
    english = text([_f("a.py"), _f("a.py")], ReportMeta(lang="en"))
    assert "2 findings (2 high) in 1 file." in english
    assert "1 finding (1 high) in 1 file." in text([_f("a.py")], ReportMeta(lang="en"))


def test_clean_source_scan_talks_about_the_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "si-cuti"
    src.mkdir()
    (src / "app.py").write_text('def f(x):\n    """Tambah satu."""\n    return x + 1\n')
    res = run_cli(
        capsys, "scan", "--path", str(src), "--stage", "test", "--test-command", "true",
        "--cache-dir", str(tmp_path / "cache"),
    )  # fmt: skip
    assert res.code == 0, res.out + res.err
    assert f"Tidak ada temuan: kode sumber {src} lolos semua pemeriksaan" in res.out
    assert "Registri" not in res.out
    md = FORMATTERS["markdown"]([], ReportMeta(lang="en", subject="x", source_scan=True))
    assert "the source code at x passes every check" in md


def test_scan_record_status_is_translated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "app.py").write_text("x = 1\n")
    args = [
        "scan",
        "--path",
        str(src),
        "--stage",
        "test",
        "--test-command",
        "false",
        "--cache-dir",
        str(tmp_path / "c"),
    ]
    res = run_cli(capsys, *args)
    assert res.code == 1 and "Catatan pipeline (gagal)" in res.err and "(failed)" not in res.err
    assert "Pipeline record (failed)" in run_cli(capsys, *args, "--lang", "en").err
