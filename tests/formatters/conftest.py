"""Findings and report metadata shared by the formatter tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from repospbe.findings import Finding, Severity
from repospbe.formatters import ReportMeta, Scanner

HOSTILE = 'a|b <script>alert("x")</script> & *bold* [link](http://x) @root #1 `code`\nbaris\x01dua'


def sample_findings() -> list[Finding]:
    """One finding of every severity, two tools, a location-less one and hostile text."""
    return [
        Finding.make(
            "schema.required",
            Severity.HIGH,
            "schema.required",
            path="registry/apps/dinkes/si-sehat/app.yaml",
            line=1,
            column=1,
            hint="schema.hint",
            breadcrumb="akar",
            kind="app",
            field="status",
            where="akar",
        ),
        Finding.make(
            "ref.subdomain-missing",
            Severity.MEDIUM,
            "ref.subdomain-missing.msg",
            path="registry/apps/dinkes/si-sehat/app.yaml",
            line=9,
            column=5,
            hint="ref.subdomain-missing.hint",
            label="sehat",
        ),
        Finding.make(
            "raw.hostile",
            Severity.LOW,
            "raw.text",
            path="registry/apps/dinkes/si sehat/kak.md",
            line=3,
            column=2,
            text=HOSTILE,
        ),
        Finding.make(
            "check.crashed",
            Severity.CRITICAL,
            "check.crashed.msg",
            hint="check.crashed.hint",
            check="documents",
            error="KeyError: 'x'",
        ),
        Finding.make(
            "php.sqli",
            Severity.HIGH,
            "raw.text",
            path="src/db.php",
            line=12,
            column=3,
            tool="semgrep",
            text="SQL injection",
            help_url="https://semgrep.dev/r/php.sqli",
            cwe=(89,),
        ),
        Finding.make(
            "php.sqli",
            Severity.HIGH,
            "raw.text",
            path="src/db.php",
            line=30,
            column=3,
            tool="semgrep",
            text="SQL injection",
            help_url="not available",
        ),
        Finding.make(
            "B105",
            Severity.INFO,
            "raw.text",
            path="app/settings.py",
            line=4,
            tool="bandit",
            text="Possible hardcoded password",
            cwe_ids="CWE-259",
        ),
    ]


@pytest.fixture
def findings() -> list[Finding]:
    return sample_findings()


@pytest.fixture
def meta() -> ReportMeta:
    return ReportMeta(
        lang="id",
        title="repospbe uji",
        checks=("schema", "ref", "documents"),
        subject="registri-uji",
        started=datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=UTC),
        finished=datetime(2026, 1, 2, 3, 4, 9, tzinfo=UTC),
        scanners=(
            Scanner(id="semgrep", name="Semgrep", version="1.185.0", vendor="Semgrep", url="https://semgrep.dev"),
            Scanner(id="bandit", name="Bandit", version="1.9.4", vendor="PyCQA"),
        ),
    )
