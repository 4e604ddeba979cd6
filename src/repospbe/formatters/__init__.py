"""Report formatters: one function each over the same findings, in one table."""

from __future__ import annotations

from repospbe.formatters.base import Formatter, ReportMeta, Scanner
from repospbe.formatters.codequality import format_codequality
from repospbe.formatters.gitlab_dependency import format_gitlab_dependency
from repospbe.formatters.gitlab_sast import format_gitlab_sast
from repospbe.formatters.json_ import format_json
from repospbe.formatters.junit import format_junit
from repospbe.formatters.markdown import format_markdown
from repospbe.formatters.sarif import format_sarif
from repospbe.formatters.text import format_text

FORMATTERS: dict[str, Formatter] = {
    "text": format_text,
    "json": format_json,
    "junit": format_junit,
    "sarif": format_sarif,
    "codequality": format_codequality,
    "markdown": format_markdown,
    "gitlab-sast": format_gitlab_sast,
    "gitlab-dependency": format_gitlab_dependency,
}

# File name each format gets when a command writes every report to a directory.
REPORT_FILES: dict[str, str] = {
    "json": "repospbe-report.json",
    "junit": "junit.xml",
    "sarif": "repospbe.sarif",
    "codequality": "gl-code-quality-report.json",
    "markdown": "ringkasan.md",
    "gitlab-sast": "gl-sast-report.json",
    "gitlab-dependency": "gl-dependency-scanning-report.json",
}

__all__ = ["FORMATTERS", "REPORT_FILES", "Formatter", "ReportMeta", "Scanner"]
