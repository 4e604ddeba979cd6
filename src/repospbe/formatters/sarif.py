"""SARIF 2.1.0: one run per tool, rules from check ids, results with locations.

Levels: critical/high -> error, medium -> warning, low/info -> note. Each rule's
help text is the fix hint; ``partialFingerprints`` carry ``Finding.fingerprint``
so code-scanning UIs track a finding across line moves.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from repospbe import stamp
from repospbe.findings import Finding, Severity
from repospbe.formatters.base import ReportMeta
from repospbe.formatters.common import cwe_of, is_http_url, ordered, report_json, scanner_for, unique_fingerprints

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
FINGERPRINT_KEY = "repospbe/v1"


def format_sarif(findings: list[Finding], meta: ReportMeta) -> str:
    items = ordered(findings)
    pairs = list(zip(items, unique_fingerprints(items)))
    tools = sorted({f.tool for f in items} | {s.id for s in meta.scanners}) or ["repospbe"]
    runs = [_run(tool, [p for p in pairs if p[0].tool == tool], meta) for tool in tools]
    body = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": runs}
    return report_json(body, 4)


def _run(tool: str, pairs: list[tuple[Finding, str]], meta: ReportMeta) -> dict[str, Any]:
    rules: dict[str, dict[str, Any]] = {}
    for finding, _ in pairs:
        rules.setdefault(finding.check_id, _rule(finding, meta.lang))
    rules = dict(sorted(rules.items()))
    index = {rule_id: i for i, rule_id in enumerate(rules)}
    scanner = scanner_for(meta, tool)
    driver: dict[str, Any] = {"name": scanner.name, "rules": list(rules.values())}
    if scanner.version:
        driver["version"] = scanner.version
    if is_http_url(scanner.url):
        driver["informationUri"] = scanner.url
    return {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"SRCROOT": {"description": {"text": meta.subject or "."}}},
        "invocations": [
            {
                "executionSuccessful": meta.complete,
                "startTimeUtc": stamp.format(meta.started),
                "endTimeUtc": stamp.format(meta.finished),
            }
        ],
        "results": [_result(f, index[f.check_id], fp, meta.lang) for f, fp in pairs],
    }


def _rule(finding: Finding, lang: str) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": finding.check_id,
        "name": finding.check_id,
        "shortDescription": {"text": finding.check_id},
        "help": {"text": finding.hint_text(lang) or finding.check_id},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
    }
    if is_http_url(finding.help_url):
        rule["helpUri"] = finding.help_url
    if cwe_of(finding):
        rule["properties"] = {"tags": [f"CWE-{n}" for n in cwe_of(finding)]}
    return rule


def _result(finding: Finding, rule_index: int, fingerprint: str, lang: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.check_id,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.text(lang)},
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"severity": finding.severity.value},
    }
    if finding.breadcrumb:
        result["properties"]["breadcrumb"] = finding.breadcrumb
    if finding.path:
        result["locations"] = [_location(finding)]
    return result


def _location(finding: Finding) -> dict[str, Any]:
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": quote(finding.path, safe="/"), "uriBaseId": "SRCROOT"},
    }
    if finding.line > 0:
        region: dict[str, int] = {"startLine": finding.line}
        if finding.column > 0:
            region["startColumn"] = finding.column
        physical["region"] = region
    return {"physicalLocation": physical}
