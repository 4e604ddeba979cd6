"""GitLab SAST report (schema 15.0.7), built from our own findings.

Semgrep's own ``--gitlab-sast`` output fails the schema (identifier ``url`` of
``"not available"``), so it is never passed through. Every vulnerability has a
UUID derived from its fingerprint, a primary identifier naming the rule of the
tool that found it, CWE identifiers when known, and ``file``/``start_line``.
Times are UTC ``yyyy-mm-ddThh:mm:ss`` without zone, as the schema demands.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from repospbe.findings import Finding, Severity
from repospbe.formatters.base import ReportMeta, Scanner
from repospbe.formatters.common import (
    cwe_of,
    is_http_url,
    ordered,
    report_json,
    scanner_for,
    self_scanner,
    unique_fingerprints,
    utc,
)

SCHEMA_VERSION = "15.0.7"
SCHEMA_URI = (
    "https://gitlab.com/gitlab-org/security-products/security-report-schemas"
    f"/-/raw/v{SCHEMA_VERSION}/dist/sast-report-format.json"
)
# Namespace of vulnerability ids: uuid5(NAMESPACE_URL, "repospbe:sast").
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "repospbe:sast")
SEVERITIES = {
    Severity.CRITICAL: "Critical",
    Severity.HIGH: "High",
    Severity.MEDIUM: "Medium",
    Severity.LOW: "Low",
    Severity.INFO: "Info",
}
# Identifier types GitLab already knows for some tools; others get ``<tool>_id``.
_ID_TYPES = {"bandit": "bandit_test_id", "semgrep": "semgrep_id", "repospbe": "repospbe_check_id"}
_TIME = "%Y-%m-%dT%H:%M:%S"
_MAX_NAME, _MAX_DESCRIPTION, _MAX_SOLUTION = 255, 1024 * 1024, 7000


def format_gitlab_sast(findings: list[Finding], meta: ReportMeta) -> str:
    items = ordered(findings)
    body = {
        "$schema": SCHEMA_URI,
        "version": SCHEMA_VERSION,
        "scan": _scan(items, meta),
        "vulnerabilities": [_vulnerability(f, fp, meta.lang) for f, fp in zip(items, unique_fingerprints(items))],
    }
    return report_json(body, 2)


def _scan(items: list[Finding], meta: ReportMeta) -> dict[str, Any]:
    crashed = any(f.check_id.endswith(".crashed") for f in items)
    return {
        "analyzer": _tool(self_scanner(meta)),
        "scanner": _tool(_main_scanner(items, meta)),
        "type": "sast",
        "start_time": utc(meta.started).strftime(_TIME),
        "end_time": utc(meta.finished).strftime(_TIME),
        "status": "success" if meta.complete and not crashed else "failure",
    }


def _main_scanner(items: list[Finding], meta: ReportMeta) -> Scanner:
    """The one outside scanner when there is exactly one, else repospbe itself."""
    tools = {s.id for s in meta.scanners} | {f.tool for f in items if f.tool != "repospbe"}
    if len(tools) == 1:
        return scanner_for(meta, tools.pop())
    return self_scanner(meta)


def _tool(scanner: Scanner) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": _nonempty(scanner.id),
        "name": _nonempty(scanner.name),
        "version": _nonempty(scanner.version),
        "vendor": {"name": _nonempty(scanner.vendor)},
    }
    if is_http_url(scanner.url):
        out["url"] = scanner.url
    return out


def _vulnerability(finding: Finding, fingerprint: str, lang: str) -> dict[str, Any]:
    vuln: dict[str, Any] = {
        "id": str(uuid.uuid5(ID_NAMESPACE, fingerprint)),
        "name": finding.check_id[:_MAX_NAME],
        "description": finding.text(lang)[:_MAX_DESCRIPTION],
        "severity": SEVERITIES[finding.severity],
        "identifiers": _identifiers(finding),
        "location": _location(finding),
    }
    hint = finding.hint_text(lang)
    if hint:
        vuln["solution"] = hint[:_MAX_SOLUTION]
    return vuln


def _identifiers(finding: Finding) -> list[dict[str, str]]:
    tool = _nonempty(finding.tool)
    primary = {
        "type": _ID_TYPES.get(tool, re.sub(r"[^a-z0-9_]", "_", tool.lower()) + "_id"),
        "name": f"{tool} {finding.check_id}",
        "value": _nonempty(finding.check_id),
    }
    if is_http_url(finding.help_url):
        primary["url"] = finding.help_url
    cwes = [
        {"type": "cwe", "name": f"CWE-{n}", "value": str(n), "url": f"https://cwe.mitre.org/data/definitions/{n}.html"}
        for n in cwe_of(finding)
    ]
    return [primary, *cwes][:20]


def _location(finding: Finding) -> dict[str, Any]:
    location: dict[str, Any] = {}
    if finding.path:
        location["file"] = finding.path
    if finding.line > 0:
        location["start_line"] = finding.line
        location["end_line"] = finding.line
    return location


def _nonempty(text: str) -> str:
    return text if text else "unknown"
