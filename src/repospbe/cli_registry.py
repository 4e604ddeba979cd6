"""``repospbe check`` and ``repospbe summary``: the registry itself."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from repospbe.cli_options import Fmt, Lang, RegistryOpt


def check_cmd(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Bagian registri yang diperiksa.")] = None,
    registry: RegistryOpt = None,
    changed_since: Annotated[Optional[str], typer.Option("--changed-since", help="Periksa hanya yang berubah sejak REF.")] = None,
    fmt: Fmt = "text",
    output_file: Annotated[Optional[Path], typer.Option("--output", "-o", help="Tulis laporan ke berkas.")] = None,
    lang: Lang = None,
) -> int:
    """Periksa registri: skema, rujukan silang, dokumen wajib."""
    from repospbe.commands.check import check

    return check(paths or [], registry, changed_since, fmt, output_file, lang)


def register(app: typer.Typer) -> None:
    from repospbe.commands.summary import summary_command

    app.command("check")(check_cmd)
    app.command("summary")(summary_command)
