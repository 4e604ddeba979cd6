"""GitLab dependency-scanning report (schema 15.0.7): the ``sca.*`` findings only.

Each vulnerable (or possibly vulnerable) dependency is one vulnerability whose location
names the lock file or manifest and the dependency (package and version); its primary
identifier is the advisory id (GHSA, PYSEC, OSV, ...), followed by its CVE aliases. The
database findings (missing, stale) are not vulnerabilities and stay in the other reports.
"""

from __future__ import annotations

import uuid
from typing import Any

from repospbe.findings import Finding
from repospbe.formatters.base import ReportMeta
from repospbe.formatters.common import ordered, report_json, self_scanner, unique_fingerprints, utc
from repospbe.formatters.gitlab_sast import SEVERITIES

SCHEMA_VERSION = "15.0.7"
SCHEMA_URI = (
    "https://gitlab.com/gitlab-org/security-products/security-report-schemas"
    f"/-/raw/v{SCHEMA_VERSION}/dist/dependency-scanning-report-format.json"
)
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "repospbe:dependency-scanning")
CHECKS = ("sca.vulnerable-dependency", "sca.possibly-vulnerable-dependency")
_TIME = "%Y-%m-%dT%H:%M:%S"
_OSV_URL = "https://osv.dev/vulnerability/"


def format_gitlab_dependency(findings: list[Finding], meta: ReportMeta) -> str:
    items = [f for f in ordered(findings) if f.check_id in CHECKS]
    me = self_scanner(meta)
    tool: dict[str, Any] = {
        "id": me.id,
        "name": me.name,
        "version": me.version or "unknown",
        "vendor": {"name": me.vendor},
    }
    body = {
        "$schema": SCHEMA_URI,
        "version": SCHEMA_VERSION,
        "scan": {
            "analyzer": tool,
            "scanner": tool,
            "type": "dependency_scanning",
            "start_time": utc(meta.started).strftime(_TIME),
            "end_time": utc(meta.finished).strftime(_TIME),
            "status": "success" if meta.complete else "failure",
        },
        "vulnerabilities": [_vulnerability(f, fp, meta.lang) for f, fp in zip(items, unique_fingerprints(items))],
    }
    return report_json(body, 2)


def _vulnerability(finding: Finding, fingerprint: str, lang: str) -> dict[str, Any]:
    params = dict(finding.params)
    advisory = str(params.get("advisory") or "unknown")
    vuln: dict[str, Any] = {
        "id": str(uuid.uuid5(ID_NAMESPACE, fingerprint)),
        "name": f"{advisory}: {params.get('package', '')}"[:255],
        "description": finding.text(lang)[: 1024 * 1024],
        "severity": SEVERITIES[finding.severity],
        "identifiers": _identifiers(advisory, str(params.get("aliases", ""))),
        "location": {
            "file": finding.path or "unknown",
            "dependency": {
                "package": {"name": str(params.get("package") or "unknown")},
                "version": str(params.get("version") or "unknown"),
            },
        },
    }
    hint = finding.hint_text(lang)
    if hint:
        vuln["solution"] = hint[:7000]
    return vuln


def _identifiers(advisory: str, aliases: str) -> list[dict[str, str]]:
    kind = advisory.split("-", 1)[0].lower() if "-" in advisory else "osv"
    out = [{"type": kind, "name": advisory, "value": advisory, "url": _OSV_URL + advisory}]
    for alias in (a.strip() for a in aliases.split(",")):
        if alias and alias != "-" and alias != advisory:
            out.append({"type": alias.split("-", 1)[0].lower() or "alias", "name": alias, "value": alias})
    return out[:20]
