"""Findings to and from JSON (for the caches); every Finding field round-trips."""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from repospbe.findings import Finding, Severity


def finding_to_json(finding: Finding) -> dict[str, Any]:
    data = asdict(finding)
    data["severity"] = finding.severity.value
    data["params"] = [[k, v] for k, v in finding.params]
    return data


def finding_from_json(data: dict[str, Any]) -> Finding:
    kwargs: dict[str, Any] = {}
    for f in fields(Finding):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name == "severity":
            value = Severity(value)
        elif f.name == "params":
            value = tuple((str(k), v) for k, v in value)
        elif isinstance(value, list):
            value = tuple(value)
        kwargs[f.name] = value
    return Finding(**kwargs)


def findings_to_json(findings: list[Finding]) -> list[dict[str, Any]]:
    return [finding_to_json(f) for f in findings]


def findings_from_json(data: list[dict[str, Any]]) -> list[Finding]:
    return [finding_from_json(d) for d in data]
