"""``repospbe backup create|verify|restore|prune``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from repospbe.backup.create import create_backup, discover, require_key
from repospbe.backup.manifest import MANIFEST, NAMESPACE, SIGNATURE, read_manifest
from repospbe.backup.restore import restore_backup
from repospbe.backup.retention import apply_prune, plan_prune
from repospbe.backup.signing import verify_file
from repospbe.backup.verify import verify_backups
from repospbe.cli import output
from repospbe.cli.options import current, h
from repospbe.engine import exit_code
from repospbe.errors import InputError
from repospbe.formatters import FORMATTERS, ReportMeta
from repospbe.i18n import t

backup_app = typer.Typer(help=h("backup"), no_args_is_help=True)
Signers = Annotated[
    Path | None,
    typer.Option("--allowed-signers", envvar="REPOSPBE_BACKUP_SIGNERS", help=h("opt.backup-signers")),
]
BackupDir = Annotated[Path, typer.Argument(help=h("arg.backup-root"))]


def _signers(path: Path | None) -> Path:
    """The backup signers list: named explicitly, never guessed (the registry's own
    ``allowed_signers`` lists the reviewers, not the backup operator)."""
    if path is None:
        raise InputError("backup.signers-needed")
    if not path.is_file():
        raise InputError("backup.signers-missing", file=str(path))
    return path


def _size(count: int, lang: str) -> str:
    """``count`` bytes in words a person reads: ``512 bita``, ``1,2 MB``."""
    if count < 1024:
        return f"{count} {'bita' if lang == 'id' else 'bytes'}"
    value, units = count / 1024, ["KB", "MB", "GB", "TB"]
    while value >= 1024 and len(units) > 1:
        value, units = value / 1024, units[1:]
    text = f"{value:.1f}"
    return f"{text.replace('.', ',') if lang == 'id' else text} {units[0]}"


def _contents(bundles: int, size: int, lang: str) -> str:
    if bundles == 0:
        return t("backup.contents-none", lang)
    if bundles == 1:
        return t("backup.contents-one", lang, size=_size(size, lang))
    return t("backup.contents-many", lang, count=str(bundles), size=_size(size, lang))


@backup_app.command("create", help=h("backup-create"))
def create(
    out: Annotated[Path, typer.Option("--out", help=h("opt.backup-out"))],
    key: Annotated[Path, typer.Option("--key", help=h("opt.operator-key"))],
    since: Annotated[Path | None, typer.Option("--since", help=h("opt.backup-since"))] = None,
    allowed_signers: Signers = None,
) -> int:
    """Write one consistent, signed backup set of the registry and its sources."""
    g = current()
    root = g.root()
    signers = _signers(allowed_signers)
    set_dir = create_backup(root, out, require_key(key), since, allowed_signers=signers)
    manifest, _ = read_manifest(set_dir)
    signer = verify_file(set_dir / MANIFEST, set_dir / SIGNATURE, signers, NAMESPACE) or "?"
    lang = g.lang
    kind = t(f"backup.kind.{manifest.kind}", lang)
    output.console().print(
        t(
            "backup.created-set",
            lang,
            dir=str(set_dir),
            kind=kind[:1].upper() + kind[1:] if lang == "en" else kind,
            contents=_contents(
                len([r for r in manifest.repos if r.bundle]), sum(r.size for r in manifest.repos), g.lang
            ),
            signer=signer,
        )
    )
    for src in discover(root):
        if src.role == "external":
            output.console().print(t("backup.external", g.lang, name=src.name, origin=src.origin))
    return 0


@backup_app.command("verify", help=h("backup-verify"))
def verify(
    directory: Annotated[Path, typer.Argument(help=h("arg.backup-dir"))],
    allowed_signers: Signers = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=h("opt.format"))] = "text",
) -> int:
    """Verify signatures, digests, bundles and the incremental chain of a backup."""
    lang = current().lang
    findings = verify_backups(directory, _signers(allowed_signers))
    if fmt == "text":
        if findings:
            output.console().print(FORMATTERS["text"](findings, ReportMeta(lang=lang)), end="")
        else:
            output.console().print("[green]" + t("backup.verified", lang, dir=str(directory)) + "[/]")
    else:
        output.write(FORMATTERS[fmt](findings, ReportMeta(lang=lang, title="repospbe backup verify")))
    return exit_code(findings)


@backup_app.command("restore", help=h("backup-restore"))
def restore(
    directory: BackupDir,
    to: Annotated[Path, typer.Option("--to", help=h("opt.restore-to"))],
    allowed_signers: Signers = None,
    set_name: Annotated[str | None, typer.Option("--set", help=h("opt.set-name"))] = None,
) -> int:
    """Verify, then rebuild the registry and source repositories into an empty place."""
    target = restore_backup(directory, to, _signers(allowed_signers), set_name)
    output.console().print(t("backup.restored", current().lang, dir=str(target)))
    return 0


@backup_app.command("prune", help=h("backup-prune"))
def prune(
    directory: BackupDir,
    keep_daily: Annotated[int, typer.Option("--keep-daily", help=h("opt.keep-daily"))] = 7,
    keep_monthly: Annotated[int, typer.Option("--keep-monthly", help=h("opt.keep-monthly"))] = 12,
    checksum: Annotated[str | None, typer.Option("--checksum", help=h("opt.prune-checksum"))] = None,
) -> int:
    """Show which sets retention would delete; delete them only with the plan's checksum."""
    lang = current().lang
    plan = plan_prune(directory, keep_daily, keep_monthly)
    con = output.console()
    for name in plan.keep:
        con.print(f"  [green]{t('backup.prune-keep', lang)}[/]  {name}")
    for name in plan.delete:
        con.print(f"  [red]{t('backup.prune-delete', lang)}[/]   {name}")
    con.print(t("backup.plan-checksum-show", lang, checksum=plan.checksum))
    if checksum is None:
        con.print(t("backup.plan-dry-run", lang))
        return 0
    deleted = apply_prune(directory, plan, checksum)
    con.print(t("backup.pruned", lang, count=str(len(deleted))))
    return 0


def register(app: typer.Typer) -> None:
    app.add_typer(backup_app, name="backup")
