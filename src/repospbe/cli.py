"""Command line: parse, dispatch to ``commands/<verb>.py``, nothing else."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional, Sequence

import typer

from repospbe.error_handler import guarded

app = typer.Typer(
    name="repospbe",
    help="Repositori Aplikasi SPBE — registri, pipeline dan katalog aplikasi Pemda.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



@app.callback()
def _root() -> None:
    """Repositori Aplikasi SPBE."""


Lang = Annotated[Optional[str], typer.Option("--lang", help="Bahasa pesan: id (bawaan) atau en.")]
RegistryOpt = Annotated[
    Optional[Path], typer.Option("--registry", help="Akar repositori registri (bawaan: cari ke atas).")
]
Fmt = Annotated[str, typer.Option("--format", "-f", help="text|json|junit|sarif|codequality|markdown|gitlab-sast")]


@app.command("check")
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


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_from(args)

    def run() -> int:
        result = app(args=args, prog_name="repospbe", standalone_mode=False)
        return int(result) if isinstance(result, int) else 0

    return guarded(run, lang)


def _lang_from(args: list[str]) -> str | None:
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None
