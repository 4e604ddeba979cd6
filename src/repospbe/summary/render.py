"""Render a :class:`RegistrySummary` as text (rich markup), Markdown or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable

from repospbe.i18n import t
from repospbe.summary.collect import AppSummary, OpdSummary, RegistrySummary


def render_text(s: RegistrySummary, lang: str) -> str:
    """Readable summary for a terminal: one block per OPD with apps, then totals."""
    width = max((len(a.key.split("/")[1]) for o in s.opds for a in o.apps), default=10)
    lines = [f"[bold]{_esc(t('summary.title', lang, pemda=s.pemda, domain=s.domain))}[/]", ""]
    for opd in (o for o in s.opds if o.apps):
        lines.append(
            f"[bold]{_esc(opd.nama)}[/] ({opd.kode}) — "
            + _esc(t("summary.opd-line", lang, compliant=opd.compliant, total=len(opd.counted)))
        )
        lines += [_app_line(a, width, lang) for a in opd.apps]
        lines.append("")
    empty = [o.nama for o in s.opds if not o.apps]
    if empty:
        lines += [_esc(t("summary.no-apps", lang, names=", ".join(empty))), ""]
    lines.append(_esc(_totals(s, lang)))
    if s.apps_examples:
        lines.append(_esc(t("summary.examples", lang, count=s.apps_examples)))
    if not s.rules_ok:
        lines.append("[red]" + _esc(t("summary.rules-invalid", lang)) + "[/]")
    return "\n".join(lines) + "\n"


def _app_line(a: AppSummary, width: int, lang: str) -> str:
    mark = "[green]✓[/]" if a.compliant else "[red]✗[/]"
    if a.example:
        mark = f"[magenta]{t('summary.example-badge', lang)}[/]"
    docs = t("summary.docs", lang, present=a.required_present, required=len(a.required))
    found = t("summary.findings", lang, count=a.blocking)
    rest = f"{a.key.split('/')[1]:<{width}}  {a.jenis:<6}  {a.status:<12}  {docs:<13}  {found}"
    if a.missing:
        rest += "  " + t("summary.missing", lang, kinds=", ".join(a.missing))
    if not a.recorded and not a.blocking:
        rest += "  " + t("summary.no-record", lang)
    return f"  {mark} {_esc(rest)}"


def _totals(s: RegistrySummary, lang: str) -> str:
    if s.apps_total == 0 and not s.apps_examples:
        return t("summary.totals-empty", lang, opds=len(s.opds), blocking=s.blocking)
    return t(
        "summary.totals",
        lang,
        compliant=s.apps_compliant,
        total=s.apps_total,
        opds=len(s.opds),
        blocking=s.blocking,
        other=s.other_blocking,
    )


def render_markdown(s: RegistrySummary, lang: str) -> str:
    """A Markdown report: one table of every app grouped by OPD, then totals."""
    head = t("summary.md-header", lang)
    lines = [f"# {t('summary.title', lang, pemda=s.pemda, domain=s.domain)}", "", head, _md_rule(head)]
    for opd in s.opds:
        lines += [_md_row(opd, a, lang) for a in opd.apps]
    empty = [o.nama for o in s.opds if not o.apps]
    lines.append("")
    if empty:
        lines += [t("summary.no-apps", lang, names=", ".join(empty)), ""]
    lines.append(f"**{_totals(s, lang)}**")
    if s.apps_examples:
        lines += ["", t("summary.examples", lang, count=s.apps_examples)]
    if not s.rules_ok:
        lines += ["", t("summary.rules-invalid", lang)]
    return "\n".join(lines) + "\n"


def _md_rule(head: str) -> str:
    return "|" + " --- |" * (head.count("|") - 1)


def _md_row(opd: OpdSummary, a: AppSummary, lang: str) -> str:
    cells = [
        _md(opd.nama),
        f"`{a.key.split('/')[1]}`" + (f" **{t('summary.example-badge', lang)}**" if a.example else ""),
        a.jenis,
        a.status,
        f"{a.required_present}/{len(a.required)}",
        _md(", ".join(a.missing)) or "—",
        str(a.blocking),
        "–" if a.example else "✓" if a.compliant else "✗",
    ]
    return "| " + " | ".join(cells) + " |"


def render_json(s: RegistrySummary, lang: str) -> str:
    """Deterministic JSON of every value in the summary."""
    return json.dumps(s.as_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _esc(text: str) -> str:
    return text.replace("[", "\\[")


def _md(text: str) -> str:
    return text.replace("|", "\\|")


RENDERERS: dict[str, Callable[[RegistrySummary, str], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
}
