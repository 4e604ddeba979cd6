"""``repospbe summary``: a readable compliance summary of the registry."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from repospbe import output
from repospbe.errors import InputError
from repospbe.i18n import resolve_lang


def summary_command(
    registry: Annotated[Optional[Path], typer.Option("--registry", help="Akar repositori registri (bawaan: cari ke atas).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text|markdown|json")] = "text",
    lang: Annotated[Optional[str], typer.Option("--lang", help="Bahasa pesan: id (bawaan) atau en.")] = None,
) -> int:
    """Ringkasan kepatuhan registri: per OPD aplikasinya, dokumen dan temuan memblokir."""
    from repospbe.registry import find_root
    from repospbe.summary import summarize
    from repospbe.summary_render import RENDERERS

    lang = resolve_lang(lang)
    if fmt not in RENDERERS:
        raise InputError("summary.format-unknown", format=fmt, allowed=", ".join(RENDERERS))
    report = RENDERERS[fmt](summarize(find_root(explicit=registry)), lang)
    if fmt == "text":
        output.console().print(report, end="")
    else:
        output.write(report)
    return 0
