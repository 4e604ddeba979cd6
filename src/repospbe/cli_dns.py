"""``repospbe dns ...``: the zone of the Pemda domain, planned and applied."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

dns_app = typer.Typer(help="Zona DNS Pemda dari registri: rencana (plan) lalu terapkan (apply).", no_args_is_help=True)

Lang = Annotated[Optional[str], typer.Option("--lang", help="Bahasa pesan: id (bawaan) atau en.")]
RegistryOpt = Annotated[Optional[Path], typer.Option("--registry", help="Akar repositori registri.")]
DeployedOpt = Annotated[Optional[Path], typer.Option("--deployed", help="Berkas zona yang sedang terpasang.")]
StateOpt = Annotated[Optional[Path], typer.Option("--state", help="Berkas status penerapan terakhir.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Akui perubahan besar/NS apex dan tetap lanjut.")]


@dns_app.command("plan")
def plan_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="text|json|bind|octodns")] = "text",
    deployed: DeployedOpt = None,
    state: StateOpt = None,
    force: ForceOpt = False,
    output_dir: Annotated[Optional[Path], typer.Option("--output-dir", help="octodns: tulis config.yaml dan zones/ ke sini.")] = None,
    registry: RegistryOpt = None,
    lang: Lang = None,
) -> int:
    """Bangun zona dari registri, bandingkan dengan yang terpasang, cetak rencana dan sha256-nya."""
    from repospbe.commands.dns import plan

    return plan(registry, fmt, deployed, state, force, output_dir, lang)


@dns_app.command("apply")
def apply_cmd(
    checksum: Annotated[str, typer.Option("--checksum", help="sha256 rencana yang sudah ditinjau.")],
    force: ForceOpt = False,
    deployed: DeployedOpt = None,
    state: StateOpt = None,
    zone_file: Annotated[Optional[Path], typer.Option("--zone-file", help="Tulis berkas zona ke sini.")] = None,
    hook: Annotated[Optional[str], typer.Option("--hook", help="Perintah pengiriman ke server DNS (tanpa shell); bawaan: REPOSPBE_DNS_HOOK.")] = None,
    registry: RegistryOpt = None,
    lang: Lang = None,
) -> int:
    """Terapkan rencana hanya bila checksum-nya sama dengan yang ditinjau."""
    from repospbe.commands.dns import apply

    return apply(registry, checksum, force, deployed, state, zone_file, hook, lang)


def register(app: typer.Typer) -> None:
    app.add_typer(dns_app, name="dns")
