"""``repospbe backup ...``: create, verify, restore, prune."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

backup_app = typer.Typer(help="Cadangan (backup), verifikasi dan pemulihan repositori.", no_args_is_help=True)

Lang = Annotated[Optional[str], typer.Option("--lang", help="Bahasa pesan: id atau en.")]
Signers = Annotated[Optional[Path], typer.Option("--allowed-signers", help="Berkas allowed_signers (bawaan: registry/allowed_signers).")]


def _signers(path: Path | None) -> Path:
    if path is not None:
        return path
    from repospbe.registry import find_root

    return find_root() / "registry" / "allowed_signers"


@backup_app.command("create")
def create_cmd(
    out: Annotated[Path, typer.Option("--out", help="Direktori akar cadangan.")],
    key: Annotated[Path, typer.Option("--key", help="Kunci privat SSH operator untuk menandatangani manifest.")],
    since: Annotated[Optional[Path], typer.Option("--since", help="Manifest cadangan sebelumnya (mode inkremental).")] = None,
    registry: Annotated[Optional[Path], typer.Option("--registry")] = None,
    lang: Lang = None,
) -> int:
    """Buat satu set cadangan yang konsisten dan ditandatangani."""
    from repospbe.commands.backup_create import backup_create

    return backup_create(out, key, since, registry, lang)


@backup_app.command("verify")
def verify_cmd(
    directory: Annotated[Path, typer.Argument(help="Direktori cadangan (akar atau satu set).")],
    allowed_signers: Signers = None,
    fmt: Annotated[str, typer.Option("--format", "-f")] = "text",
    lang: Lang = None,
) -> int:
    """Periksa tanda tangan, sha256, kelengkapan bundle dan rantai inkremental."""
    from repospbe.commands.backup_verify import backup_verify

    return backup_verify(directory, _signers(allowed_signers), fmt, lang)


@backup_app.command("restore")
def restore_cmd(
    directory: Annotated[Path, typer.Argument(help="Direktori akar cadangan.")],
    to: Annotated[Path, typer.Option("--to", help="Direktori kosong tujuan pemulihan.")],
    allowed_signers: Signers = None,
    set_name: Annotated[Optional[str], typer.Option("--set", help="Nama set (bawaan: terbaru).")] = None,
    lang: Lang = None,
) -> int:
    """Pulihkan registri dan repositori sumber ke lokasi kosong."""
    from repospbe.commands.backup_restore import backup_restore

    return backup_restore(directory, to, _signers(allowed_signers), set_name, lang)


@backup_app.command("prune")
def prune_cmd(
    directory: Annotated[Path, typer.Argument(help="Direktori akar cadangan.")],
    keep_daily: Annotated[int, typer.Option("--keep-daily")] = 7,
    keep_monthly: Annotated[int, typer.Option("--keep-monthly")] = 12,
    checksum: Annotated[Optional[str], typer.Option("--checksum", help="Terapkan rencana hanya bila checksum cocok.")] = None,
    lang: Lang = None,
) -> int:
    """Terapkan retensi (N harian, M bulanan): rencana dulu, hapus dengan --checksum."""
    from repospbe.commands.backup_prune import backup_prune

    return backup_prune(directory, keep_daily, keep_monthly, checksum, lang)


def register(app: typer.Typer) -> None:
    app.add_typer(backup_app, name="backup")
