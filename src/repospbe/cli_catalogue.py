"""Command line of ``repospbe catalogue``: parse, dispatch to ``commands/catalogue.py``."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

catalogue_app = typer.Typer(help="Katalog aplikasi (MkDocs Material) untuk auditor.", no_args_is_help=True)

Out = Annotated[Optional[Path], typer.Option("--out", help="Direktori kerja katalog (bawaan: build/katalog di registri).")]
Registry = Annotated[Optional[Path], typer.Option("--registry", help="Akar repositori registri (bawaan: cari ke atas).")]
Lang = Annotated[Optional[str], typer.Option("--lang", help="Bahasa pesan: id (bawaan) atau en.")]


@catalogue_app.command("build")
def build_cmd(
    out: Out = None,
    registry: Registry = None,
    strict: Annotated[bool, typer.Option("--strict/--no-strict", help="Peringatan MkDocs menggagalkan build.")] = True,
    since: Annotated[Optional[str], typer.Option("--since", help="Bandingkan tingkat kematangan dengan registri pada REF git.")] = None,
    lang: Lang = None,
) -> int:
    """Bangun katalog dari registri (halaman dibuat di direktori kerja, bukan di docs/)."""
    from repospbe.commands.catalogue import build

    return build(out, registry, strict, lang, since)


@catalogue_app.command("serve")
def serve_cmd(
    out: Out = None,
    registry: Registry = None,
    host: Annotated[str, typer.Option("--host", help="Alamat (bawaan: hanya localhost).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Porta (0: porta bebas).")] = 8000,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Bangun ulang dulu.")] = False,
    lang: Lang = None,
) -> int:
    """Layani katalog yang sudah dibangun di localhost."""
    from repospbe.commands.catalogue import serve

    return serve(out, registry, host, port, rebuild, lang)


def register(app: typer.Typer) -> None:
    app.add_typer(catalogue_app, name="catalogue")
