"""Typer groups for ``new``, ``template`` and ``handover`` (registered in cli.py).

Options are parsed here; the work is in ``commands/new.py``, ``commands/template.py``
and ``commands/handover.py``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

new_app = typer.Typer(help="Buat dari templat: aplikasi khusus baru atau registri Pemda baru.", no_args_is_help=True)
template_app = typer.Typer(help="Templat: versi dan aplikasi yang tertinggal.", no_args_is_help=True)
handover_app = typer.Typer(help="Serah terima kode sumber dari vendor.", no_args_is_help=True)

Lang = Annotated[Optional[str], typer.Option("--lang", help="Bahasa pesan: id (bawaan) atau en.")]
RegistryOpt = Annotated[Optional[Path], typer.Option("--registry", help="Akar repositori registri.")]
Answers = Annotated[Optional[Path], typer.Option("--answers", help="Berkas YAML berisi jawaban templat.")]
NoInput = Annotated[bool, typer.Option("--no-input", help="Tanpa pertanyaan (selalu berlaku; jawaban dari opsi/--answers).")]
Opt = Optional[str]


@new_app.command("app")
def new_app_cmd(
    nama: Annotated[Opt, typer.Option("--nama", help="Nama aplikasi (bebas, boleh Unicode).")] = None,
    app_id: Annotated[Opt, typer.Option("--id", help="id aplikasi (slug); bawaan: dari nama.")] = None,
    opd: Annotated[Opt, typer.Option("--opd", help="Kode OPD pemilik.")] = None,
    deskripsi: Annotated[Opt, typer.Option("--deskripsi")] = None,
    fungsi: Annotated[Opt, typer.Option("--fungsi", help="Fungsi (slug, pisahkan dengan koma).")] = None,
    subdomain: Annotated[Opt, typer.Option("--subdomain", help="Label subdomain yang akan diajukan.")] = None,
    pemeliharaan: Annotated[Opt, typer.Option("--pemeliharaan", help="swakelola|vendor")] = None,
    lisensi: Annotated[Opt, typer.Option("--lisensi", help="Lisensi SPDX (MIT).")] = None,
    sumber: Annotated[Optional[Path], typer.Option("--sumber", help="Direktori kode sumber awal (bawaan: <id> di samping direktori registri).")] = None,
    answers: Answers = None,
    no_input: NoInput = True,
    registry: RegistryOpt = None,
    lang: Lang = None,
) -> int:
    """Aplikasi Khusus baru: rekaman, lima dokumen berpanduan, kode sumber awal."""
    from repospbe.commands.new import new_app as run

    options = {"nama": nama, "id": app_id, "opd": opd, "deskripsi": deskripsi, "fungsi": fungsi,
               "subdomain": subdomain, "pemeliharaan": pemeliharaan, "lisensi": lisensi}
    return run(registry, answers, options, sumber, lang)


@new_app.command("registry")
def new_registry_cmd(
    tujuan: Annotated[Path, typer.Argument(help="Direktori registri baru (belum ada).")],
    pemda: Annotated[Opt, typer.Option("--pemda", help="Nama resmi Pemda.")] = None,
    domain: Annotated[Opt, typer.Option("--domain", help="Domain resmi Pemda.")] = None,
    kode: Annotated[Opt, typer.Option("--diskominfo-kode", help="Kode OPD Diskominfo.")] = None,
    nama_diskominfo: Annotated[Opt, typer.Option("--diskominfo-nama")] = None,
    pusat_data: Annotated[Opt, typer.Option("--pusat-data", help="Rentang CIDR Pusat Data, pisahkan dengan koma.")] = None,
    persetujuan: Annotated[Opt, typer.Option("--persetujuan", help="Jumlah persetujuan Diskominfo (1-10).")] = None,
    answers: Answers = None,
    no_input: NoInput = True,
    registry: RegistryOpt = None,
    lang: Lang = None,
) -> int:
    """Registri baru untuk Pemda lain."""
    from repospbe.commands.new import new_registry as run

    options = {"pemda": pemda, "domain": domain, "diskominfo_kode": kode, "diskominfo_nama": nama_diskominfo,
               "pusat_data": pusat_data, "persetujuan": persetujuan}
    return run(tujuan, registry, answers, options, lang)


@template_app.command("check")
def template_check_cmd(
    registry: RegistryOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text|json")] = "text",
    lang: Lang = None,
) -> int:
    """Daftar aplikasi yang dibuat dari versi templat lama (peringatan, kode keluar 0)."""
    from repospbe.commands.template import template_check

    return template_check(registry, fmt, lang)


@handover_app.command("ingest")
def handover_ingest_cmd(
    arsip: Annotated[Path, typer.Argument(help="zip, tar(.gz/.xz), direktori atau git bundle.")],
    app: Annotated[str, typer.Option("--app", help="OPD/APLIKASI")],
    vendor: Annotated[str, typer.Option("--vendor", help="Nama penyedia.")],
    contract: Annotated[str, typer.Option("--contract", help="Nomor kontrak.")],
    version: Annotated[str, typer.Option("--version", help="Versi (SemVer X.Y.Z).")],
    max_files: Annotated[Optional[int], typer.Option("--max-files", help="Batas jumlah berkas.")] = None,
    max_bytes: Annotated[Optional[int], typer.Option("--max-bytes", help="Batas ukuran total (bita).")] = None,
    registry: RegistryOpt = None,
    lang: Lang = None,
) -> int:
    """Terima kode sumber vendor dengan aman, catat manifes dan BAST, siapkan cabang MR."""
    from repospbe.commands.handover import handover_ingest

    return handover_ingest(arsip, app, vendor, contract, version, registry, max_files, max_bytes, lang)


def register(app: typer.Typer) -> None:
    app.add_typer(new_app, name="new")
    app.add_typer(template_app, name="template")
    app.add_typer(handover_app, name="handover")
