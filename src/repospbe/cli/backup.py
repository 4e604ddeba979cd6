"""``repospbe backup create|verify|restore|prune``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from repospbe.backup.certsign import require_operator_cert
from repospbe.backup.certtrust import BackupTrust, backup_area, load_trust, locate
from repospbe.backup.create import create_backup, discover, require_key
from repospbe.backup.manifest import MANIFEST, NAMESPACE, SIGNATURE, read_manifest
from repospbe.backup.policy import Requirement, SignaturePolicy
from repospbe.backup.restore import restore_backup
from repospbe.backup.retention import apply_prune, plan_prune
from repospbe.backup.signing import verify_file
from repospbe.backup.verify import verify_report
from repospbe.backup.wording import policy_json, policy_lines, set_json, set_line
from repospbe.cli import output
from repospbe.cli.options import current, h
from repospbe.engine import exit_code
from repospbe.errors import InputError
from repospbe.formatters import FORMATTERS, ReportMeta
from repospbe.governance.certsig import CertSigner, from_options
from repospbe.i18n import size_text, t

backup_app = typer.Typer(help=h("backup"), no_args_is_help=True)
Signers = Annotated[
    Path | None,
    typer.Option("--allowed-signers", envvar="REPOSPBE_BACKUP_SIGNERS", help=h("opt.backup-signers")),
]
BackupDir = Annotated[Path, typer.Argument(help=h("arg.backup-root"))]
Trust = Annotated[
    Path | None,
    typer.Option("--trust-backup", envvar="REPOSPBE_BACKUP_TRUST", help=h("opt.trust-backup")),
]
Require = Annotated[
    Requirement, typer.Option("--wajib-tanda-tangan", "--require-signature", help=h("opt.require-signature"))
]
CertFile = Annotated[Path | None, typer.Option("--sertifikat", "--certificate", help=h("opt.backup-certificate"))]
CertKey = Annotated[
    Path | None, typer.Option("--kunci-sertifikat", "--certificate-key", help=h("opt.backup-certificate-key"))
]


def _signers(path: Path | None) -> Path:
    """The backup signers list: named explicitly, never guessed (the registry's own
    ``allowed_signers`` lists the reviewers, not the backup operator)."""
    if path is None:
        raise InputError("backup.signers-needed")
    if not path.is_file():
        raise InputError("backup.signers-missing", file=str(path))
    return path


def _policy(directory: Path, signers: Path | None, trust: Path | None, require: Requirement) -> SignaturePolicy:
    """What ``backup verify``/``restore`` accept: the SSH signers list and/or the trust directory
    (``--trust-backup``, ``REPOSPBE_BACKUP_TRUST`` or ``/etc/repospbe/backup_trust``), never
    inside the backup being verified."""
    where = locate(trust)
    if signers is None and where is None:
        raise InputError("backup.no-trust-source")
    loaded = load_trust(where, backup_area(directory)) if where is not None else None
    return SignaturePolicy(_signers(signers) if signers is not None else None, loaded, require)


def _contents(bundles: int, size: int, lang: str) -> str:
    if bundles == 0:
        return t("backup.contents-none", lang)
    if bundles == 1:
        return t("backup.contents-one", lang, size=size_text(size, lang))
    return t("backup.contents-many", lang, count=str(bundles), size=size_text(size, lang))


@backup_app.command("create", help=h("backup-create"))
def create(
    out: Annotated[Path, typer.Option("--out", help=h("opt.backup-out"))],
    key: Annotated[Path | None, typer.Option("--key", help=h("opt.backup-key"))] = None,
    since: Annotated[Path | None, typer.Option("--since", help=h("opt.backup-since"))] = None,
    allowed_signers: Signers = None,
    cert_file: CertFile = None,
    cert_key: CertKey = None,
    trust: Trust = None,
    ocsp: Annotated[Path | None, typer.Option("--ocsp", help=h("opt.backup-ocsp"))] = None,
) -> int:
    """Write one consistent, signed backup set of the registry and its sources."""
    g = current()
    root = g.root()
    cert = from_options(cert_file, cert_key, ocsp)
    if key is None and cert is None:
        raise InputError("backup.no-signer")
    signers = _signers(allowed_signers) if key is not None else None
    loaded = _create_trust(trust, root, out) if cert is not None else None
    set_dir = create_backup(
        root, out, require_key(key) if key else None, since, allowed_signers=signers, cert=cert, trust=loaded
    )
    manifest, _ = read_manifest(set_dir)
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
            signer=_signed_by(set_dir, signers, cert, loaded, lang),
        )
    )
    for src in discover(root):
        if src.role == "external":
            output.console().print(t("backup.external", g.lang, name=src.name, origin=src.origin))
    return 0


def _create_trust(trust: Path | None, root: Path, out: Path) -> BackupTrust:
    where = locate(trust)
    if where is None:
        raise InputError("backup.no-trust-source")
    return load_trust(where, [root, out])


def _signed_by(
    set_dir: Path, signers: Path | None, cert: CertSigner | None, trust: BackupTrust | None, lang: str
) -> str:
    who = []
    if signers is not None:
        principal = verify_file(set_dir / MANIFEST, set_dir / SIGNATURE, signers, NAMESPACE) or "?"
        who.append(t("backup-cert.signed-ssh", lang, principal=principal))
    if cert is not None and trust is not None:
        who.append(t("backup-cert.signed-cert", lang, who=require_operator_cert(cert, trust)))
    return t("backup-cert.signed-and", lang).join(who)


@backup_app.command("verify", help=h("backup-verify"))
def verify(
    directory: Annotated[Path, typer.Argument(help=h("arg.backup-dir"))],
    allowed_signers: Signers = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=h("opt.format"))] = "text",
    trust: Trust = None,
    require: Require = Requirement.ANY,
) -> int:
    """Verify signatures, digests, bundles and the incremental chain of a backup."""
    lang = current().lang
    report = verify_report(directory, _policy(directory, allowed_signers, trust, require))
    findings = report.findings
    if fmt == "text":
        con = output.console()
        for line in [*policy_lines(report.policy, lang), *(set_line(r, lang) for r in report.sets)]:
            con.print(line, markup=False, highlight=False)
        if findings:
            output.console().print(FORMATTERS["text"](findings, ReportMeta(lang=lang)), end="")
        else:
            output.console().print("[green]" + t("backup.verified", lang, dir=str(directory)) + "[/]")
    elif fmt == "json":  # the findings, then each set's signatures in words (``wording.set_json``)
        body = json.loads(FORMATTERS["json"](findings, ReportMeta(lang=lang, title="repospbe backup verify")))
        body["policy"] = policy_json(report.policy, lang)
        body["sets"] = [set_json(r, lang) for r in report.sets]
        output.write(json.dumps(body, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    else:
        output.write(FORMATTERS[fmt](findings, ReportMeta(lang=lang, title="repospbe backup verify")))
    return exit_code(findings)


@backup_app.command("restore", help=h("backup-restore"))
def restore(
    directory: BackupDir,
    to: Annotated[Path, typer.Option("--to", help=h("opt.restore-to"))],
    allowed_signers: Signers = None,
    set_name: Annotated[str | None, typer.Option("--set", help=h("opt.set-name"))] = None,
    trust: Trust = None,
    require: Require = Requirement.ANY,
) -> int:
    """Verify, then rebuild the registry and source repositories into an empty place."""
    lang = current().lang
    policy = _policy(directory, allowed_signers, trust, require)
    target = restore_backup(directory, to, policy, set_name)
    for line in policy_lines(policy, lang):
        output.console().print(line, markup=False, highlight=False)
    output.console().print(t("backup.restored", lang, dir=str(target)))
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
