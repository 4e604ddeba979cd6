"""The SCA findings in GitLab's dependency-scanning report and in SARIF.

GitLab's dependency-scanning schema (15.0.7) is not among the vendored schemas (only the SAST
one is, ``checks/schemas/vendor/``); both share the security-report-format common part and
differ in ``scan.type`` and ``location``. The report is validated against the vendored SAST
schema with those two parts replaced by the dependency-scanning definitions written below.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest

from repospbe.findings import Finding, Severity
from repospbe.formatters import FORMATTERS, REPORT_FILES, ReportMeta
from repospbe.formatters.gitlab_dependency import format_gitlab_dependency
from tests.helpers.git import REPO_ROOT

SAST_SCHEMA = REPO_ROOT / "checks/schemas/vendor/gitlab-sast-report-format-15.0.7.json"
DS_LOCATION = {
    "type": "object",
    "required": ["file", "dependency"],
    "properties": {
        "file": {"type": "string", "minLength": 1},
        "dependency": {
            "type": "object",
            "required": ["package"],
            "properties": {
                "package": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {"name": {"type": "string", "minLength": 1}},
                },
                "version": {"type": "string"},
            },
        },
    },
}


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = copy.deepcopy(json.loads(SAST_SCHEMA.read_text("utf-8")))
    schema["properties"]["scan"]["properties"]["type"] = {"type": "string", "enum": ["dependency_scanning"]}
    schema["properties"]["vulnerabilities"]["items"]["properties"]["location"] = DS_LOCATION
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


FINDINGS = [
    Finding.make(
        "sca.vulnerable-dependency",
        Severity.HIGH,
        path="web/package-lock.json",
        line=7,
        package="lodash",
        ecosystem="npm",
        version="4.17.20",
        advisory="GHSA-lodash-0001",
        aliases="CVE-2026-0001",
        fixed="4.17.21",
        summary="flaw",
    ),
    Finding.make(
        "sca.possibly-vulnerable-dependency",
        Severity.MEDIUM,
        path="package.json",
        line=3,
        package="lodash",
        ecosystem="npm",
        version="^4.17.0",
        advisory="GHSA-lodash-0001",
        aliases="-",
        fixed="4.17.21",
        summary="flaw",
    ),
    Finding.make("sca.database-stale", Severity.LOW, days=40, limit=30),
    Finding.make("semgrep.x", Severity.HIGH, "raw.text", path="a.py", line=1, text="x"),
]


def test_dependency_report_validates(validator: Any) -> None:
    doc = json.loads(format_gitlab_dependency(FINDINGS, ReportMeta(lang="en")))
    assert [e.message for e in validator.iter_errors(doc)] == []
    assert doc["scan"]["type"] == "dependency_scanning"
    assert [
        (v["location"]["file"], v["location"]["dependency"]["version"], v["severity"]) for v in doc["vulnerabilities"]
    ] == [
        ("package.json", "^4.17.0", "Medium"),
        ("web/package-lock.json", "4.17.20", "High"),
    ]
    ids = doc["vulnerabilities"][1]["identifiers"]
    assert [(i["type"], i["value"]) for i in ids] == [("ghsa", "GHSA-lodash-0001"), ("cve", "CVE-2026-0001")]
    # The validator bites: a vulnerability without a dependency fails it.
    del doc["vulnerabilities"][1]["location"]["dependency"]
    assert len(list(validator.iter_errors(doc))) == 1


def test_written_with_the_other_reports_and_in_sarif() -> None:
    assert REPORT_FILES["gitlab-dependency"] == "gl-dependency-scanning-report.json"
    sarif = json.loads(FORMATTERS["sarif"](FINDINGS, ReportMeta(lang="en")))
    rules = {r["ruleId"] for run in sarif["runs"] for r in run["results"]}
    assert {"sca.vulnerable-dependency", "sca.possibly-vulnerable-dependency", "sca.database-stale"} <= rules
    text = next(
        r["message"]["text"]
        for run in sarif["runs"]
        for r in run["results"]
        if r["ruleId"] == "sca.vulnerable-dependency"
    )
    assert "lodash 4.17.20" in text and "GHSA-lodash-0001" in text and "4.17.21" in text
