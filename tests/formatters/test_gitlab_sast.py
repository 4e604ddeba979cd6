"""GitLab SAST report: valid against the vendored 15.0.7 schema, built from our findings."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from repospbe.findings import Finding
from repospbe.formatters import ReportMeta
from repospbe.formatters.gitlab_sast import format_gitlab_sast

SCHEMA = Path(__file__).resolve().parents[2] / "checks/schemas/vendor/gitlab-sast-report-format-15.0.7.json"


@pytest.fixture(scope="module")
def sast_validator() -> Any:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def test_valid_against_schema(findings: list[Finding], meta: ReportMeta, sast_validator: Any) -> None:
    doc = json.loads(format_gitlab_sast(findings, meta))
    assert [e.message for e in sast_validator.iter_errors(doc)] == []
    assert doc["version"] == "15.0.7"
    # The validator bites: semgrep's own "not available" identifier url fails it.
    doc["vulnerabilities"][0]["identifiers"][0]["url"] = "not available"
    assert len(list(sast_validator.iter_errors(doc))) == 1


def test_empty_report_is_valid(sast_validator: Any) -> None:
    doc = json.loads(format_gitlab_sast([], ReportMeta()))
    assert list(sast_validator.iter_errors(doc)) == []
    assert doc["vulnerabilities"] == [] and doc["scan"]["status"] == "success"


def test_scan_block(findings: list[Finding], meta: ReportMeta) -> None:
    scan = json.loads(format_gitlab_sast(findings, meta))["scan"]
    assert scan["type"] == "sast"
    assert scan["start_time"] == "2026-01-02T03:04:05"
    assert scan["end_time"] == "2026-01-02T03:04:09"
    assert scan["analyzer"] == {
        "id": "repospbe",
        "name": "repospbe",
        "version": meta.tool_version,
        "vendor": {"name": "repospbe"},
    }
    # Two outside scanners ran: the report names repospbe as scanner, and a crashed check fails the scan.
    assert scan["scanner"]["id"] == "repospbe"
    assert scan["status"] == "failure"
    only_semgrep = [f for f in findings if f.tool == "semgrep"]
    single = replace(meta, scanners=meta.scanners[:1])
    scan = json.loads(format_gitlab_sast(only_semgrep, single))["scan"]
    assert scan["scanner"] == {
        "id": "semgrep",
        "name": "Semgrep",
        "version": "1.185.0",
        "vendor": {"name": "Semgrep"},
        "url": "https://semgrep.dev",
    }
    assert scan["status"] == "success"
    assert json.loads(format_gitlab_sast(only_semgrep, replace(single, complete=False)))["scan"]["status"] == "failure"


def test_vulnerabilities(findings: list[Finding], meta: ReportMeta) -> None:
    vulns = json.loads(format_gitlab_sast(findings, meta))["vulnerabilities"]
    assert len(vulns) == len(findings)
    ids = [v["id"] for v in vulns]
    assert len(set(ids)) == len(ids)
    sqli = [v for v in vulns if v["location"].get("start_line") == 12][0]
    assert uuid.UUID(sqli["id"]).version == 5
    assert sqli["severity"] == "High" and sqli["name"] == "php.sqli"
    assert sqli["location"] == {"file": "src/db.php", "start_line": 12, "end_line": 12}
    assert sqli["identifiers"] == [
        {
            "type": "semgrep_id",
            "name": "semgrep php.sqli",
            "value": "php.sqli",
            "url": "https://semgrep.dev/r/php.sqli",
        },
        {"type": "cwe", "name": "CWE-89", "value": "89", "url": "https://cwe.mitre.org/data/definitions/89.html"},
    ]
    other = [v for v in vulns if v["location"].get("start_line") == 30][0]
    assert other["identifiers"] == [{"type": "semgrep_id", "name": "semgrep php.sqli", "value": "php.sqli"}]
    bandit = [v for v in vulns if v["name"] == "B105"][0]
    assert bandit["severity"] == "Info" and bandit["identifiers"][0]["type"] == "bandit_test_id"
    assert bandit["identifiers"][1] == {
        "type": "cwe",
        "name": "CWE-259",
        "value": "259",
        "url": "https://cwe.mitre.org/data/definitions/259.html",
    }
    schema = [v for v in vulns if v["name"] == "schema.required"][0]
    assert schema["solution"].startswith("Lihat skema app")
    assert {v["severity"] for v in vulns} == {"Critical", "High", "Medium", "Low", "Info"}


def test_ids_stable_and_output_deterministic(findings: list[Finding], meta: ReportMeta) -> None:
    first = format_gitlab_sast(findings, meta)
    assert first == format_gitlab_sast(list(reversed(findings)), meta)
    ids = {v["id"] for v in json.loads(first)["vulnerabilities"]}
    english = json.loads(format_gitlab_sast(findings, replace(meta, lang="en")))
    assert {v["id"] for v in english["vulnerabilities"]} == ids
