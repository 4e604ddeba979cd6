"""JSON: deterministic (sorted keys), every field of every finding."""

from __future__ import annotations

from repospbe.findings import Finding
from repospbe.formatters.base import ReportMeta
from repospbe.formatters.common import report_json


def format_json(findings: list[Finding], meta: ReportMeta) -> str:
    body = {
        "tool": {"name": "repospbe", "version": meta.tool_version},
        "title": meta.title,
        "subject": meta.subject,
        "checks": list(meta.checks),
        "summary": _summary(findings),
        "findings": [f.as_dict(meta.lang) for f in findings],
    }
    return report_json(body, 2)


def _summary(findings: list[Finding]) -> dict[str, int]:
    counts: dict[str, int] = {"total": len(findings)}
    for f in findings:
        counts[f.severity.value] = counts.get(f.severity.value, 0) + 1
    return counts
