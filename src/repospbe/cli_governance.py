"""Command line of governance: ``mr``, ``deploy``, ``audit``, ``hook``, ``reviewer`` (parsing only)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

Lang = Annotated[Optional[str], typer.Option("--lang", help="Bahasa pesan: id (bawaan) atau en.")]
RegistryOpt = Annotated[Optional[Path], typer.Option("--registry", help="Akar repositori registri.")]
Key = Annotated[Path, typer.Option("--kunci", "--key", help="Kunci privat SSH untuk menandatangani.")]
Number = Annotated[int, typer.Argument(help="Nomor merge request.")]

mr_app = typer.Typer(help="Merge request: buka, antrean, ringkasan, setujui/tolak, gabung.", no_args_is_help=True)
audit_app = typer.Typer(help="Audit riwayat main secara luring.", no_args_is_help=True)
hook_app = typer.Typer(help="Hook server untuk repositori registri bare.", no_args_is_help=True)
reviewer_app = typer.Typer(help="Reviewer Diskominfo: berkas allowed_signers.", no_args_is_help=True)


@mr_app.command("open")
def mr_open(
    source: Annotated[str, typer.Option("--source", "--sumber", help="Cabang sumber.")],
    title: Annotated[str, typer.Option("--title", "--judul", help="Judul merge request.")],
    key: Key,
    target: Annotated[str, typer.Option("--target", help="Cabang tujuan.")] = "main",
    description: Annotated[str, typer.Option("--description", "--deskripsi")] = "",
    registry: RegistryOpt = None, lang: Lang = None,
) -> int:
    """Buka merge request bertanda tangan (pengembang OPD / vendor)."""
    from repospbe.commands.mr import open_

    return open_(registry, source, target, title, description, key, lang)


@mr_app.command("list")
def mr_list(fmt: Annotated[str, typer.Option("--format", "-f")] = "text", registry: RegistryOpt = None,
            lang: Lang = None) -> int:
    """Antrean merge request dengan status pemeriksaan dan persetujuan."""
    from repospbe.commands.mr import list_

    return list_(registry, fmt, lang)


@mr_app.command("show")
def mr_show(number: Number, fmt: Annotated[str, typer.Option("--format", "-f")] = "text",
            registry: RegistryOpt = None, lang: Lang = None) -> int:
    """Ringkasan satu merge request: perubahan, dokumen, pipeline, temuan, keputusan."""
    from repospbe.commands.mr import show

    return show(registry, number, fmt, lang)


@mr_app.command("pipeline")
def mr_pipeline(number: Number, key: Annotated[Optional[Path], typer.Option("--kunci", "--key")] = None,
                registry: RegistryOpt = None, lang: Lang = None) -> int:
    """Jalankan pipeline pada commit merge request dan simpan rekamannya."""
    from repospbe.commands.mr import pipeline

    return pipeline(registry, number, key, lang)


@mr_app.command("approve")
def mr_approve(number: Number, key: Key,
               reason: Annotated[str, typer.Option("--alasan", "--reason")] = "",
               registry: RegistryOpt = None, lang: Lang = None) -> int:
    """Setujui dengan tanda tangan (menjalankan ulang pipeline bila belum tepercaya)."""
    from repospbe.commands.mr import decide

    return decide(registry, number, key, "setuju", reason, lang)


@mr_app.command("reject")
def mr_reject(number: Number, key: Key, reason: Annotated[str, typer.Option("--alasan", "--reason")] = "",
              registry: RegistryOpt = None, lang: Lang = None) -> int:
    """Tolak dengan tanda tangan dan alasan."""
    from repospbe.commands.mr import decide

    return decide(registry, number, key, "tolak", reason, lang)


@mr_app.command("gate")
def mr_gate(number: Annotated[Optional[int], typer.Argument(help="Nomor merge request registri.")] = None,
            gitlab_iid: Annotated[Optional[int], typer.Option("--gitlab-iid", help="IID merge request GitLab.")] = None,
            registry: RegistryOpt = None, lang: Lang = None) -> int:
    """Gerbang persetujuan untuk pipeline: keluar 0 hanya bila merge request memenuhi semua aturan."""
    from repospbe.commands.mr_gate import gate

    return gate(registry, number, gitlab_iid, lang)


@mr_app.command("merge")
def mr_merge(number: Number, registry: RegistryOpt = None, lang: Lang = None) -> int:
    """Gabungkan setelah verifikasi ulang; main dipindah dengan compare-and-swap."""
    from repospbe.commands.mr import merge

    return merge(registry, number, lang)


def deploy_cmd(
    app: Annotated[str, typer.Argument(help="<opd>/<aplikasi>")],
    env: Annotated[str, typer.Option("--env")] = "produksi",
    version: Annotated[Optional[str], typer.Option("--versi", "--version")] = None,
    apply_checksum: Annotated[Optional[str], typer.Option("--terapkan", "--apply", help="Checksum rencana yang disetujui.")] = None,
    key: Annotated[Optional[Path], typer.Option("--kunci", "--key")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f")] = "text",
    registry: RegistryOpt = None, lang: Lang = None,
) -> int:
    """Rencana rilis; terapkan hanya dengan checksum rencana yang disetujui."""
    from repospbe.commands.deploy import deploy

    return deploy(app, registry, env, version, apply_checksum, key, fmt, lang)


@audit_app.command("verify")
def audit_verify(
    since: Annotated[Optional[str], typer.Option("--since", help="Mulai dari REF (bawaan: genesis).")] = None,
    branch: Annotated[str, typer.Option("--branch")] = "main",
    fmt: Annotated[str, typer.Option("--format", "-f", help="text|json|markdown")] = "text",
    output_file: Annotated[Optional[Path], typer.Option("--output", "-o")] = None,
    registry: RegistryOpt = None, lang: Lang = None,
) -> int:
    """Verifikasi setiap perubahan, merge dan rilis di main; keluar 1 bila ada pelanggaran."""
    from repospbe.commands.audit import audit_verify as run

    return run(registry, since, branch, fmt, output_file, lang)


@audit_app.command("genesis")
def audit_genesis(commit: Annotated[str, typer.Option("--commit")] = "refs/heads/main",
                  registry: RegistryOpt = None, lang: Lang = None) -> int:
    """Tetapkan titik awal tepercaya audit (sekali saja)."""
    from repospbe.commands.audit import audit_genesis as run

    return run(registry, commit, lang)


@hook_app.command("install")
def hook_install(bare: Annotated[Path, typer.Argument(help="Repositori bare registri.")], lang: Lang = None) -> int:
    """Pasang hook pre-receive yang menolak push langsung/force-push/penghapusan."""
    from repospbe.commands.hook import install

    return install(bare, lang)


@hook_app.command("pre-receive")
def hook_pre_receive(lang: Lang = None) -> int:
    """Dijalankan oleh git di server (membaca pembaruan ref dari stdin)."""
    from repospbe.commands.hook import pre_receive

    return pre_receive(lang)


@reviewer_app.command("signers")
def reviewer_signers(check: Annotated[bool, typer.Option("--periksa", "--check")] = False,
                     registry: RegistryOpt = None, lang: Lang = None) -> int:
    """Tulis registry/allowed_signers dari registry/reviewers.yaml."""
    from repospbe.commands.hook import signers

    return signers(registry, check, lang)


def register(app: typer.Typer) -> None:
    app.add_typer(mr_app, name="mr")
    app.add_typer(audit_app, name="audit")
    app.add_typer(hook_app, name="hook")
    app.add_typer(reviewer_app, name="reviewer")
    app.command("deploy")(deploy_cmd)
