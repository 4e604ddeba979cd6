"""The blocking findings of a failed pipeline, on the terminal: what blocks and how to fix it.

``repospbe pipeline run --format json`` and ``repospbe mr pipeline`` print only a status line
otherwise; a developer must see each blocking finding (check id, file:line relative to the
registry or to the app, message and hint) without digging the report out of a git ref."""

from __future__ import annotations

from repospbe.cli import output
from repospbe.findings import Finding, Severity
from repospbe.formatters.common import visible
from repospbe.formatters.text import severity_label
from repospbe.i18n import t

LIMIT = 50  # a long list is cut: the full report holds every finding


def print_blocking(findings: list[Finding], lang: str, threshold: Severity = Severity.HIGH) -> int:
    """Print the findings that block at ``threshold`` to stderr; how many block."""
    blocking = [f for f in findings if f.blocks(threshold)]
    if not blocking:
        return 0
    output.error(t("devux.blocking.header", lang, count=len(blocking)))
    for f in blocking[:LIMIT]:
        label = severity_label(f.severity.value, lang).upper()
        output.error(visible(f"  {label:8} {f.location or '-'} {f.check_id}"))
        output.error(visible(f"           {f.text(lang)}"))
        hint = f.hint_text(lang)
        if hint:
            output.error(visible(f"           → {hint}"))
    if len(blocking) > LIMIT:
        output.error(t("devux.blocking.more", lang, count=len(blocking) - LIMIT))
    return len(blocking)
