"""Report formatters: one function each over the same findings, in one table."""
from __future__ import annotations

from repospbe.formatters.base import Formatter, ReportMeta
from repospbe.formatters.json_ import format_json
from repospbe.formatters.text import format_text

FORMATTERS: dict[str, Formatter] = {
    "text": format_text,
    "json": format_json,
}

# File name each format gets when a command writes every report to a directory.
REPORT_FILES: dict[str, str] = {
    "json": "repospbe-report.json",
}

__all__ = ["FORMATTERS", "REPORT_FILES", "Formatter", "ReportMeta"]
