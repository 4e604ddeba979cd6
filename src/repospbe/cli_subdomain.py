"""``repospbe new subdomain`` (options parsed here; work in commands/new_subdomain.py)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

Opt = Optional[str]
Many = Annotated[Optional[list[str]], typer.Option()]


def new_subdomain_cmd(
    nama: Annotated[str, typer.Option("--nama", help="Nama subdomain tanpa domain Pemda, mis. sipd atau sipd.dinkes.")],
    opd: Annotated[str, typer.Option("--opd", help="Kode OPD pemilik.")],
    tujuan: Annotated[str, typer.Option("--tujuan", help="Untuk apa subdomain ini.")],
    surat_nomor: Annotated[str, typer.Option("--surat-nomor", help="Nomor surat permohonan resmi OPD.")],
    surat_tanggal: Annotated[str, typer.Option("--surat-tanggal", help="Tanggal surat (YYYY-MM-DD).")],
    app: Annotated[Opt, typer.Option("--app", help="id aplikasi yang dinamai (kosong: situs OPD).")] = None,
    a: Annotated[Optional[list[str]], typer.Option("--a", help="Alamat IPv4 (boleh berulang).")] = None,
    aaaa: Annotated[Optional[list[str]], typer.Option("--aaaa", help="Alamat IPv6 (boleh berulang).")] = None,
    cname: Annotated[Opt, typer.Option("--cname", help="Nama host tujuan CNAME.")] = None,
    txt: Annotated[Optional[list[str]], typer.Option("--txt", help="Nilai TXT (boleh berulang).")] = None,
    contoh: Annotated[bool, typer.Option("--contoh", help="Tandai alamat A/AAAA sebagai contoh (rentang dokumentasi).")] = False,
    ttl: Annotated[int, typer.Option("--ttl", help="TTL dalam detik.")] = 3600,
    tinjauan: Annotated[Opt, typer.Option("--tinjauan", help="Tanggal tinjauan ulang (bawaan: setahun lagi).")] = None,
    registry: Annotated[Optional[Path], typer.Option("--registry", help="Akar repositori registri.")] = None,
    lang: Annotated[Opt, typer.Option("--lang", help="Bahasa pesan: id (bawaan) atau en.")] = None,
) -> int:
    """Ajukan subdomain: periksa dengan aturan registri, buat berkas dari templat."""
    from repospbe.commands.new_subdomain import new_subdomain

    return new_subdomain(registry, nama, opd, app, tujuan, a or [], aaaa or [], cname, txt or [], contoh, ttl,
                         surat_nomor, surat_tanggal, tinjauan, lang)



def register(app: typer.Typer) -> None:
    """Adds ``repospbe new subdomain`` to the scaffold group (register after cli_scaffold)."""
    from repospbe.cli_scaffold import new_app

    new_app.command("subdomain")(new_subdomain_cmd)
