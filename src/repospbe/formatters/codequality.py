"""GitLab Code Quality (Code Climate subset): what GitLab shows in a merge request.

Severity: info -> info, low -> minor, medium -> major, high -> critical,
critical -> blocker. Fingerprints are unique within the report, as GitLab needs.
"""

from __future__ import annotations

from typing import Any

from repospbe.findings import Finding, Severity
from repospbe.formatters.base import ReportMeta
from repospbe.formatters.common import ordered, report_json, unique_fingerprints

SEVERITIES = {
    Severity.INFO: "info",
    Severity.LOW: "minor",
    Severity.MEDIUM: "major",
    Severity.HIGH: "critical",
    Severity.CRITICAL: "blocker",
}


def format_codequality(findings: list[Finding], meta: ReportMeta) -> str:
    items = ordered(findings)
    body = [_issue(f, fp, meta.lang) for f, fp in zip(items, unique_fingerprints(items))]
    return report_json(body, 1)


def _issue(finding: Finding, fingerprint: str, lang: str) -> dict[str, Any]:
    issue: dict[str, Any] = {
        "type": "issue",
        "description": finding.text(lang),
        "check_name": finding.check_id,
        "fingerprint": fingerprint,
        "severity": SEVERITIES[finding.severity],
        "location": {"path": finding.path or ".", "lines": {"begin": max(finding.line, 1)}},
    }
    hint = finding.hint_text(lang)
    if hint:
        issue["content"] = {"body": hint}
    return issue
