"""``repospbe trust refresh``: fetch, verify and (``--terapkan``) store CRLs and OCSP responses."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from repospbe.cli import output
from repospbe.cli.options import current, h
from repospbe.i18n import t
from repospbe.pki import refresh as rf
from repospbe.pki.fetch import DEFAULT_TIMEOUT

trust_app = typer.Typer(help=h("trust"), no_args_is_help=True)


def _line(item: rf.Item, lang: str) -> str:
    if item.finding is not None:
        text = item.finding.text(lang)
        return t("trust.refresh.line.failed", lang, kind=item.kind.upper(), url=item.url, about=item.about, text=text)
    change = t(f"trust.refresh.change.{item.change}", lang)
    facts = {"number": "-", "previous": "-", "revoked": "-", "status": "-", "next_update": "-", **item.facts}
    return t(
        f"trust.refresh.line.{item.kind}",
        lang,
        url=item.url,
        about=item.about,
        change=change,
        target=item.target,
        **facts,
    )


def render(planned: rf.Plan, lang: str) -> str:
    """The plan as text: one line per URL (a failure with its hint), then the notes."""
    if not planned.items:
        lines = [t("trust.refresh.none", lang)]
    else:
        lines = [t("trust.refresh.header", lang, count=len(planned.items))]
    for item in planned.items:
        lines.append(_line(item, lang))
        if item.finding is not None and item.finding.hint:
            lines.append("    " + item.finding.hint_text(lang))
    lines += ["  - " + note.text(lang) for note in planned.notes]
    return "\n".join(lines)


@trust_app.command("refresh", help=h("trust-refresh"))
def refresh(
    terapkan: Annotated[bool, typer.Option("--terapkan", "--apply", help=h("opt.trust-apply"))] = False,
    sertifikat: Annotated[
        list[Path] | None, typer.Option("--sertifikat", "--certificate", help=h("opt.trust-cert"))
    ] = None,
    batas_waktu: Annotated[
        float, typer.Option("--batas-waktu", "--timeout", min=0.1, max=120.0, help=h("opt.trust-timeout"))
    ] = DEFAULT_TIMEOUT,
) -> int:
    """Exit 0 when every URL gave verified data, 1 when some did not (nothing written for those)."""
    g = current()
    root = g.root()
    planned = rf.plan(root, rf.read_certificates(sertifikat or []), batas_waktu)
    output.write(render(planned, g.lang))
    if terapkan:
        written = rf.apply(root, planned)
        output.write(
            t("trust.refresh.applied" if written else "trust.refresh.applied-none", g.lang, count=len(written))
        )
    elif planned.changes:
        output.write(t("trust.refresh.planned", g.lang, changes=len(planned.changes)))
    failed = sum(1 for i in planned.items if i.finding is not None)
    if failed:
        output.error(t("trust.refresh.incomplete", g.lang, failed=failed, total=len(planned.items)))
        return 1
    return 0


def register(app: typer.Typer) -> None:
    app.add_typer(trust_app, name="trust")
