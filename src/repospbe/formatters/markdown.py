"""Markdown summary for a merge-request comment (Bahasa Indonesia or English).

Counts by severity, then one table row per finding (most severe first) with its
location, message and fix hint. Every value is escaped: table pipes, Markdown
emphasis and links, HTML, and GitLab references (``@user``, ``#1``, ``!1``) so
that text from a registry file can neither break the table nor ping anyone.
"""

from __future__ import annotations

import re
from collections import Counter

from repospbe.findings import Finding, Severity
from repospbe.formatters.base import ReportMeta
from repospbe.formatters.common import clean_text, ordered, visible
from repospbe.i18n import t

MAX_ROWS = 200
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
# Brackets are escaped, so parentheses can never complete a link and stay as they are.
_PUNCT = re.compile(r"([\\`*_{}\[\]#!|~@$%])")
_SPACE = re.compile(r"\s+")


def escape(text: str) -> str:
    """``text`` as inert Markdown on one line, safe inside a table cell."""
    text = visible(_SPACE.sub(" ", text).strip())
    text = "".join(_HTML.get(ch, ch) for ch in text)
    return _PUNCT.sub(r"\\\1", text)


def format_markdown(findings: list[Finding], meta: ReportMeta) -> str:
    lang = meta.lang
    items = sorted(ordered(findings), key=lambda f: -f.severity.rank)
    lines = [f"### {escape(meta.title)}", ""]
    if meta.subject:
        lines += [f"**{t('report.md.subject', lang)}:** {escape(meta.subject)}", ""]
    if not items:
        lines.append(clean_text(meta))
        return "\n".join(lines) + "\n"
    lines += _counts(items, lang)
    lines += ["", f"#### {t('report.md.findings', lang)}", ""]
    lines += _table(items[:MAX_ROWS], lang)
    if len(items) > MAX_ROWS:
        lines += ["", t("report.md.more", lang, shown=MAX_ROWS, total=len(items))]
    return "\n".join(lines) + "\n"


def _counts(items: list[Finding], lang: str) -> list[str]:
    counts = Counter(f.severity for f in items)
    rows = [
        f"| {t('report.md.severity', lang)} | {t('report.md.count', lang)} |",
        "| --- | ---: |",
    ]
    rows += [f"| {_sev(s, lang)} | {counts[s]} |" for s in Severity if counts[s]]
    rows.append(f"| **{t('report.md.total', lang)}** | **{len(items)}** |")
    return rows


def _table(items: list[Finding], lang: str) -> list[str]:
    head = [t(f"report.md.{col}", lang) for col in ("severity", "location", "check", "message", "hint")]
    rows = ["| " + " | ".join(head) + " |", "| --- | --- | --- | --- | --- |"]
    for f in items:
        cells = [
            _sev(f.severity, lang),
            escape(f.location or "-"),
            escape(f.check_id),
            escape(f.text(lang)),
            escape(f.hint_text(lang)) or "-",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _sev(severity: Severity, lang: str) -> str:
    return t(f"severity.{severity.value}", lang)
