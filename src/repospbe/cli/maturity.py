"""``repospbe maturity`` and ``repospbe evidence export``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from repospbe.cli import output
from repospbe.cli.names import require_app, require_opd
from repospbe.cli.options import current, h
from repospbe.errors import InputError
from repospbe.i18n import t
from repospbe.maturity.export import export_evidence
from repospbe.maturity.report import FORMATS, build_report

evidence_app = typer.Typer(help=h("evidence"), no_args_is_help=True)


def maturity(
    app: Annotated[str | None, typer.Argument(help=h("arg.maturity-app"))] = None,
    opd: Annotated[str | None, typer.Option("--opd", help=h("opt.only-opd"))] = None,
    all_apps: Annotated[bool, typer.Option("--all", help=h("opt.all-apps"))] = False,
    since: Annotated[str | None, typer.Option("--since", help=h("opt.since-ref"))] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text|json|markdown|csv")] = "text",
) -> int:
    """Print the SPBE maturity level of apps, per-OPD aggregates and moves since a ref."""
    g = current()
    if fmt not in FORMATS:
        raise InputError("format.unknown", format=fmt, allowed=", ".join(FORMATS))
    root = g.root()
    if opd:
        require_opd(root, opd)
    if app:
        require_app(root, app)
    text = FORMATS[fmt](build_report(root, g.lang, app=app, opd=opd, since=since))
    if fmt == "text":
        output.console().print(text, end="")
    else:
        output.write(text)
    return 0


@evidence_app.command("export", help=h("evidence-export"))
def evidence_export(
    period: Annotated[str, typer.Option("--period", help=h("opt.period"))],
    out: Annotated[Path, typer.Option("--out", help=h("opt.evidence-out"))],
) -> int:
    """Write the evaluators' evidence pack with its SHA256SUMS manifest."""
    g = current()
    count = export_evidence(g.root(), period, out)
    output.console().print(t("evidence.written", g.lang, count=str(count), dir=str(out)))
    return 0


def register(app: typer.Typer) -> None:
    app.command("maturity", help=h("maturity"))(maturity)
    app.add_typer(evidence_app, name="evidence")
