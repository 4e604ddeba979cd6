"""Text for people: one line per finding with its fix hint, then a summary."""

from __future__ import annotations

from collections import Counter

from rich.markup import escape

from repospbe.findings import Finding
from repospbe.formatters.base import ReportMeta
from repospbe.formatters.common import visible
from repospbe.i18n import t

_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan", "info": "dim"}


def format_text(findings: list[Finding], meta: ReportMeta) -> str:
    """Rich markup; ``output.console().print`` renders it, plain readers see tags."""
    lines: list[str] = []
    for f in findings:
        sev = f.severity.value
        loc = f.location or "-"
        label = severity_label(sev, meta.lang).upper()
        lines.append(f"[{_STYLE[sev]}]{label:8}[/] {_esc(loc)} [dim]{_esc(f.check_id)}[/]")
        lines.append(f"         {_esc(f.text(meta.lang))}")
        hint = f.hint_text(meta.lang)
        if hint:
            lines.append(f"         [dim]→ {_esc(hint)}[/]")
    lines.append(_summary(findings, meta.lang))
    return "\n".join(lines) + "\n"


def _summary(findings: list[Finding], lang: str) -> str:
    if not findings:
        return "[green]" + t("report.clean", lang) + "[/]"
    counts = Counter(f.severity.value for f in findings)
    parts = ", ".join(f"{counts[s]} {severity_label(s, lang).lower()}" for s in _STYLE if counts[s])
    files = len({f.path for f in findings if f.path})
    return t("report.summary", lang, total=len(findings), parts=parts, files=files)


def severity_label(severity: str, lang: str) -> str:
    """``high`` -> "Tinggi" / "High" (locale ``severity.*``), the word people read in both languages."""
    return t(f"severity.{severity}", lang)


def _esc(text: str) -> str:
    """Inert for rich markup and for the terminal (control characters shown as ``\\xNN``)."""
    return escape(visible(text))
