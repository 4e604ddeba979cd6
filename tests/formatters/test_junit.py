"""JUnit XML: parses, one suite per check group, failures per finding, passes for clean groups."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

from repospbe.findings import Finding, Severity
from repospbe.formatters import ReportMeta
from repospbe.formatters.junit import format_junit


def test_one_suite_per_group_with_a_failing_case_per_finding(findings: list[Finding], meta: ReportMeta) -> None:
    root = ET.fromstring(format_junit(findings, meta).encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert sorted(suites) == ["B105", "check", "documents", "php", "raw", "ref", "schema"]
    # only what blocks (high and above) is a failure; the rest pass with their text in system-out
    assert root.get("failures") == str(sum(f.blocks(Severity.HIGH) for f in findings))
    assert len(root.findall(".//failure")) + len(root.findall(".//system-out")) == len(findings)
    php = suites["php"]
    assert php.get("tests") == "2" and php.get("failures") == "2"
    cases = php.findall("testcase")
    assert [c.get("name") for c in cases] == ["php.sqli src/db.php:12:3", "php.sqli src/db.php:30:3"]
    assert [c.get("line") for c in cases] == ["12", "30"]
    failure = cases[0].find("failure")
    assert failure is not None and failure.get("type") == "high"
    assert failure.get("message") == "SQL injection"
    schema_fail = suites["schema"].find("testcase/failure")
    assert schema_fail is not None and "Saran: Lihat skema app" in (schema_fail.text or "")


def test_clean_group_has_one_passing_case(findings: list[Finding], meta: ReportMeta) -> None:
    root = ET.fromstring(format_junit(findings, meta))
    documents = [s for s in root.findall("testsuite") if s.get("name") == "documents"][0]
    cases = documents.findall("testcase")
    assert len(cases) == 1 and cases[0].find("failure") is None
    assert documents.get("failures") == "0" and documents.get("tests") == "1"
    assert root.get("tests") == str(len(findings) + 1)


def test_hostile_text_is_escaped_and_round_trips(findings: list[Finding], meta: ReportMeta) -> None:
    xml = format_junit(findings, meta)
    assert "<script>" not in xml
    root = ET.fromstring(xml)
    case = root.find("testsuite[@name='raw']/testcase")
    assert case is not None
    raw = case.find("failure")
    text = raw.get("message") if raw is not None else (case.findtext("system-out") or "").split("\n", 1)[1]
    # Control characters XML cannot hold are replaced; everything else survives parsing intact.
    assert text.startswith('a|b <script>alert("x")</script> & *bold* [link](http://x) @root #1 `code`\nbaris\ufffddua')


def test_no_findings_still_reports_what_ran(meta: ReportMeta) -> None:
    root = ET.fromstring(format_junit([], meta))
    assert [s.get("name") for s in root.findall("testsuite")] == ["documents", "ref", "schema"]
    assert root.get("failures") == "0"
    assert root.findall(".//failure") == []


def test_deterministic(findings: list[Finding], meta: ReportMeta) -> None:
    assert format_junit(findings, meta) == format_junit(list(reversed(findings)), replace(meta))
