"""``repospbe check`` and ``repospbe summary``: the registry itself."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from repospbe.checks import REGISTRY_CHECKS
from repospbe.cli import output
from repospbe.cli.options import ChangedSince, Fmt, Output, current, h
from repospbe.engine import check_registry, exit_code
from repospbe.errors import InputError
from repospbe.formatters import FORMATTERS, ReportMeta
from repospbe.selection import in_scope, report_scope, select
from repospbe.writefile import write_atomic


def check(
    paths: Annotated[list[Path] | None, typer.Argument(help=h("arg.check-paths"))] = None,
    changed_since: ChangedSince = None,
    fmt: Fmt = "text",
    output_file: Output = None,
) -> int:
    """Validate the registry (or a part of it) and report every finding at once."""
    g = current()
    if fmt not in FORMATTERS:
        raise InputError("format.unknown", format=fmt, allowed=", ".join(FORMATTERS))
    started = datetime.now(UTC)
    root = g.root()
    scope = report_scope(root, paths or [])
    findings = [f for f in check_registry(root, select(root, paths or [], changed_since)) if in_scope(f.path, scope)]
    meta = ReportMeta(
        lang=g.lang,
        title="repospbe check",
        checks=tuple(REGISTRY_CHECKS),
        subject=str(root),
        started=started,
        finished=datetime.now(UTC),
    )
    report = FORMATTERS[fmt](findings, meta)
    if output_file is not None:
        write_atomic(output_file, _plain(report) if fmt == "text" else report)
    elif fmt == "text":
        output.console().print(report, end="")
    else:
        output.write(report)
    return exit_code(findings)


def _plain(markup: str) -> str:
    """Text report for a file: rich markup rendered away."""
    from rich.text import Text

    return Text.from_markup(markup).plain


def summary(fmt: Annotated[str, typer.Option("--format", "-f", help="text|markdown|json")] = "text") -> int:
    """A readable compliance summary: per OPD its apps, documents and blocking findings."""
    from repospbe.summary.collect import summarize
    from repospbe.summary.render import RENDERERS

    g = current()
    if fmt not in RENDERERS:
        raise InputError("summary.format-unknown", format=fmt, allowed=", ".join(RENDERERS))
    report = RENDERERS[fmt](summarize(g.root()), g.lang)
    if fmt == "text":
        output.console().print(report, end="")
    else:
        output.write(report)
    return 0


def register(app: typer.Typer) -> None:
    app.command("check", help=h("check"))(check)
    app.command("summary", help=h("summary"))(summary)
