"""GitLab Code Quality: the fields GitLab reads, severity mapping, unique fingerprints."""

from __future__ import annotations

import json

from repospbe.findings import Finding
from repospbe.formatters import ReportMeta
from repospbe.formatters.codequality import format_codequality


def test_structure_and_severity_mapping(findings: list[Finding], meta: ReportMeta) -> None:
    issues = json.loads(format_codequality(findings, meta))
    assert isinstance(issues, list) and len(issues) == len(findings)
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert isinstance(issue["location"]["path"], str) and issue["location"]["path"]
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    by_check = {(i["check_name"], i["location"]["lines"]["begin"]): i for i in issues}
    assert by_check[("check.crashed", 1)]["severity"] == "blocker"
    assert by_check[("check.crashed", 1)]["location"]["path"] == "."
    assert by_check[("schema.required", 1)]["severity"] == "critical"
    assert by_check[("ref.subdomain-missing", 9)]["severity"] == "major"
    assert by_check[("raw.hostile", 3)]["severity"] == "minor"
    assert by_check[("B105", 4)]["severity"] == "info"
    sub = by_check[("ref.subdomain-missing", 9)]
    assert sub["location"]["path"] == "registry/apps/dinkes/si-sehat/app.yaml"
    assert sub["description"] == "Subdomain sehat belum terdaftar di registry/subdomains/."
    assert sub["fingerprint"] == findings[1].fingerprint


def test_fingerprints_unique_and_order_stable(findings: list[Finding], meta: ReportMeta) -> None:
    doubled = findings + [findings[1]]
    issues = json.loads(format_codequality(doubled, meta))
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    assert format_codequality(doubled, meta) == format_codequality(list(reversed(doubled)), meta)


def test_empty_is_an_empty_list(meta: ReportMeta) -> None:
    assert json.loads(format_codequality([], meta)) == []
