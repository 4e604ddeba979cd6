"""Maturity reports: one function per format over the same values."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from repospbe.errors import InputError
from repospbe.i18n import t
from repospbe.maturity.aggregate import Move, OpdSummary, moves, per_opd
from repospbe.maturity.assess import assess_at, assess_registry
from repospbe.maturity.ladder import AppLevel
from repospbe.maturity.rules import load_ladder


@dataclass(frozen=True)
class MaturityReport:
    levels: tuple[AppLevel, ...]
    opds: tuple[OpdSummary, ...]
    moves: tuple[Move, ...] | None
    level_ids: tuple[str, ...]
    lang: str = "id"


def level_name(level: str, lang: str) -> str:
    return t(f"maturity.level.{level or 'none'}", lang)


def _blocking(lvl: AppLevel, lang: str) -> list[str]:
    return [
        f"{t('maturity.criterion.' + r.criterion, lang)}: {t('maturity.why.' + r.reason, lang)}"
        f" → {t('maturity.fix.' + r.criterion, lang)}"
        for r in lvl.blocking
    ]


def as_json(rep: MaturityReport) -> str:
    data = {
        "apps": [
            {
                "app": a.key,
                "opd": a.opd,
                "level": a.level,
                "level_name": level_name(a.level, rep.lang),
                "example": a.example,
                "criteria": [
                    {"level": r.level, "criterion": r.criterion, "ok": r.ok, "reason": r.reason} for r in a.results
                ],
                "blocking_next": [r.criterion for r in a.blocking],
                "technical": {
                    "declared": a.tech_declared,
                    "accepted": a.tech_accepted,
                    "missing": list(a.tech_missing),
                },
            }
            for a in rep.levels
        ],
        "opd": [
            {"opd": o.opd, "apps": o.apps, "counts": dict(o.counts), "lowest": o.lowest, "average": o.average}
            for o in rep.opds
        ],
        "moves": None if rep.moves is None else [m.__dict__ for m in rep.moves],
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def as_csv(rep: MaturityReport) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["app", "opd", "level", "blocking_next", "technical_declared", "technical_accepted", "example"])
    for a in rep.levels:
        blocking = ";".join(r.criterion for r in a.blocking)
        writer.writerow([a.key, a.opd, a.level, blocking, a.tech_declared, a.tech_accepted, str(a.example).lower()])
    return buf.getvalue()


def as_markdown(rep: MaturityReport) -> str:
    lang = rep.lang
    lines = [
        f"# {t('maturity.title', lang)}",
        "",
        f"| {t('maturity.col.app', lang)} | {t('maturity.col.level', lang)} | {t('maturity.col.next', lang)} |",
        "| --- | --- | --- |",
    ]
    for a in rep.levels:
        blocking = "<br>".join(x.replace("|", "\\|") for x in _blocking(a, lang)) or "—"
        lines.append(f"| `{a.key}`{_badge(a, lang, ' **{}**')} | {level_name(a.level, lang)} | {blocking} |")
    lines += [
        "",
        f"## {t('maturity.per-opd', lang)}",
        "",
        "| OPD | " + " | ".join(level_name(i, lang) for i in ("", *rep.level_ids)) + " |",
        "|" + " --- |" * (len(rep.level_ids) + 2),
    ]
    for o in rep.opds:
        lines.append(f"| {o.opd} | " + " | ".join(str(n) for _, n in o.counts) + " |")
    if rep.moves is not None:
        lines += ["", f"## {t('maturity.moves', lang)}", ""]
        lines += [f"- `{m.key}`: {level_name(m.before, lang)} → {level_name(m.after, lang)}" for m in rep.moves] or [
            "—"
        ]
    return "\n".join(lines) + "\n"


def as_text(rep: MaturityReport) -> str:
    lang = rep.lang
    lines: list[str] = []
    for a in rep.levels:
        tech = f" · {t('maturity.technical', lang)}: {a.tech_accepted or '—'}" if a.tech_declared else ""
        lines.append(f"[bold]{a.key}[/]{_badge(a, lang, ' [magenta]{}[/]')}  {level_name(a.level, lang)}{tech}")
        lines += [f"    [dim]{x.replace('[', chr(92) + '[')}[/]" for x in _blocking(a, lang)]
        if a.tech_missing:
            lines.append(
                "    [yellow]"
                + t("maturity.tech-implausible", lang, declared=a.tech_declared, missing=", ".join(a.tech_missing))
                + "[/]"
            )
    lines.append("")
    for o in rep.opds:
        counts = ", ".join(f"{level_name(i, lang)} {n}" for i, n in o.counts if n)
        lines.append(f"[bold]{o.opd}[/]: {o.apps} {t('maturity.apps', lang)} ({counts})")
    if rep.moves is not None:
        lines.append("")
        lines.append(t("maturity.moves", lang) + ":")
        lines += [f"  {m.key}: {level_name(m.before, lang)} → {level_name(m.after, lang)}" for m in rep.moves] or [
            "  —"
        ]
    return "\n".join(lines) + "\n"


def _badge(lvl: AppLevel, lang: str, form: str) -> str:
    """The example badge (``contoh: true``) in ``form``; examples are left out of the per-OPD figures."""
    return form.format(t("summary.example-badge", lang)) if lvl.example else ""


FORMATS: dict[str, Callable[[MaturityReport], str]] = {
    "text": as_text,
    "json": as_json,
    "markdown": as_markdown,
    "csv": as_csv,
}


def build_report(
    root: Path, lang: str, *, app: str | None = None, opd: str | None = None, since: str | None = None
) -> MaturityReport:
    """Levels of one app or all (only ``opd``'s when given), per-OPD aggregates, moves since ``since``."""
    levels = assess_registry(root, [app] if app else None)
    if opd:
        levels = [lv for lv in levels if lv.opd == opd]
        if not levels:
            raise InputError("maturity.unknown-opd", opd=opd)
    ids = [lv.id for lv in load_ladder(root).process]
    before = assess_at(root, since, [lv.key for lv in levels]) if since else None
    return MaturityReport(
        tuple(levels),
        tuple(per_opd(levels, ids)),
        tuple(moves(before, levels)) if before is not None else None,
        tuple(ids),
        lang,
    )
