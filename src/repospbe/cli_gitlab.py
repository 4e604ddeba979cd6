"""``repospbe gitlab ...`` and ``repospbe pipeline generate``."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

gitlab_app = typer.Typer(help="Integrasi GitLab: penyiapan proyek registri.", no_args_is_help=True)
Lang = Annotated[Optional[str], typer.Option("--lang", help="Bahasa pesan: id atau en.")]
RegistryOpt = Annotated[Optional[Path], typer.Option("--registry")]


@gitlab_app.command("setup")
def setup_cmd(
    project: Annotated[Optional[str], typer.Option("--project", help="Jalur proyek registri di GitLab.")] = None,
    group: Annotated[Optional[str], typer.Option("--reviewer-group", help="Grup reviewer Diskominfo.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Hanya tampilkan rencana (bawaan).")] = True,
    apply: Annotated[bool, typer.Option("--apply", help="Terapkan rencana ke GitLab (GITLAB_URL, GITLAB_TOKEN).")] = False,
    registry: RegistryOpt = None,
    lang: Lang = None,
) -> int:
    """Tampilkan (dan dengan --apply terapkan) pengaturan GitLab untuk registri."""
    from repospbe.commands.gitlab_setup import gitlab_setup

    return gitlab_setup(project, group, apply, registry, lang)


@gitlab_app.command("codeowners")
def codeowners_cmd(
    write: Annotated[bool, typer.Option("--write", help="Tulis .gitlab/CODEOWNERS (bawaan: cetak).")] = False,
    registry: RegistryOpt = None,
    lang: Lang = None,
) -> int:
    """Buat CODEOWNERS (bagian per OPD, Diskominfo untuk berkas kebijakan) dari registri."""
    from repospbe.commands.gitlab_codeowners import gitlab_codeowners

    return gitlab_codeowners(write, registry, lang)


def register(app: typer.Typer) -> None:
    app.add_typer(gitlab_app, name="gitlab")
