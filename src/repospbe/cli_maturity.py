"""``repospbe maturity`` and ``repospbe evidence export``."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

Lang = Annotated[Optional[str], typer.Option("--lang", help="Bahasa pesan: id atau en.")]
RegistryOpt = Annotated[Optional[Path], typer.Option("--registry")]
evidence_app = typer.Typer(help="Paket bukti untuk Tim Evaluator Internal SPBE.", no_args_is_help=True)


def maturity_cmd(
    app: Annotated[Optional[str], typer.Argument(help="<opd>/<app>; kosong = semua.")] = None,
    opd: Annotated[Optional[str], typer.Option("--opd", help="Hanya aplikasi OPD ini.")] = None,
    all_apps: Annotated[bool, typer.Option("--all", help="Semua aplikasi (bawaan).")] = False,
    since: Annotated[Optional[str], typer.Option("--since", help="Bandingkan dengan registri pada REF git.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text|json|markdown|csv")] = "text",
    registry: RegistryOpt = None,
    lang: Lang = None,
) -> int:
    """Tingkat kematangan SPBE per aplikasi dan per OPD, dengan kriteria penghambat."""
    from repospbe.commands.maturity import maturity

    return maturity(app, opd, since, fmt, registry, lang)


@evidence_app.command("export")
def export_cmd(
    period: Annotated[str, typer.Option("--period", help="Periode evaluasi, mis. 2026.")],
    out: Annotated[Path, typer.Option("--out", help="Direktori tujuan (kosong).")],
    registry: RegistryOpt = None,
    lang: Lang = None,
) -> int:
    """Tulis paket bukti per aplikasi dan per OPD dengan manifest sha256."""
    from repospbe.commands.evidence_export import evidence_export

    return evidence_export(period, out, registry, lang)


def register(app: typer.Typer) -> None:
    app.command("maturity")(maturity_cmd)
    app.add_typer(evidence_app, name="evidence")
