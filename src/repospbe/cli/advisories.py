"""``repospbe advisories import``: the local OSV advisory database (the SCA scanner reads it)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from repospbe.advisories.store import import_file
from repospbe.cli import output
from repospbe.cli.options import current, h
from repospbe.i18n import t

advisories_app = typer.Typer(help=h("advisories"), no_args_is_help=True)


@advisories_app.command("import", help=h("advisories-import"))
def advisories_import(
    file: Annotated[Path, typer.Argument(help=h("arg.advisories-file"))],
    directory: Annotated[Path | None, typer.Option("--dir", help=h("opt.advisories-dir"))] = None,
) -> int:
    """Validate and store the advisories of an OSV file downloaded by the administrator."""
    g = current()
    result = import_file(file, directory)
    counts = ", ".join(f"{eco} {n}" for eco, n in result.advisories.items())
    output.console().print(
        t(
            "advisories.imported",
            g.lang,
            dir=str(result.directory),
            counts=counts,
            skipped=str(result.skipped),
            sha256=result.sha256,
        )
    )
    return 0


def register(app: typer.Typer) -> None:
    app.add_typer(advisories_app, name="advisories")
