"""Text for people: one line per finding with its fix hint, then a summary."""

from __future__ import annotations

from collections import Counter

from rich.markup import escape

from repospbe.findings import Finding
from repospbe.formatters.base import ReportMeta
from repospbe.formatters.common import clean_text, visible
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
    lines.append(_summary(findings, meta))
    return "\n".join(lines) + "\n"


def _summary(findings: list[Finding], meta: ReportMeta) -> str:
    lang = meta.lang
    if not findings:
        return "[green]" + _esc(clean_text(meta)) + "[/]"
    counts = Counter(f.severity.value for f in findings)
    parts = ", ".join(f"{counts[s]} {severity_label(s, lang).lower()}" for s in _STYLE if counts[s])
    in_files = [f for f in findings if f.path]
    files = _count(len({f.path for f in in_files}), "file", lang)
    total = _count(len(findings), "finding", lang)
    if not in_files:
        return t("report.summary-nofile", lang, findings=total, parts=parts)
    if len(in_files) == len(findings):
        return t("report.summary-files", lang, findings=total, parts=parts, files=files)
    general = len(findings) - len(in_files)
    return t(
        "report.summary-mixed", lang, findings=total, parts=parts, in_files=len(in_files), files=files, general=general
    )


def _count(n: int, noun: str, lang: str) -> str:
    """``n`` with its noun: ``1 file`` / ``2 files`` (Indonesian has one form)."""
    return t(f"report.count.{noun}.{'one' if n == 1 else 'many'}", lang, count=n)


def severity_label(severity: str, lang: str) -> str:
    """``high`` -> "Tinggi" / "High" (locale ``severity.*``), the word people read in both languages."""
    return t(f"severity.{severity}", lang)


def _esc(text: str) -> str:
    """Inert for rich markup and for the terminal (control characters shown as ``\\xNN``)."""
    return escape(visible(text))
