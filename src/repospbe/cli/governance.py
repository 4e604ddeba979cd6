"""``repospbe deploy``, ``audit verify|genesis``, ``hook install|pre-receive``, ``reviewer signers``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from repospbe.cli import output
from repospbe.cli.names import require_app
from repospbe.cli.options import CertFile, CertKey, OcspFile, OptionalKey, Output, current, h
from repospbe.errors import InputError
from repospbe.git.util import hook_quarantine
from repospbe.governance import hook as hooks
from repospbe.governance import release_gates as gates
from repospbe.governance import render
from repospbe.governance.audit import set_genesis, verify
from repospbe.governance.audit_since import write as audit_checkpoint
from repospbe.governance.certsig import from_options
from repospbe.governance.gitlab_forge import select_forge
from repospbe.governance.gitrepo import Repo
from repospbe.governance.rules import sync_signers
from repospbe.i18n import t
from repospbe.writefile import write_atomic

audit_app = typer.Typer(help=h("audit"), no_args_is_help=True)
hook_app = typer.Typer(help=h("hook"), no_args_is_help=True)
reviewer_app = typer.Typer(help=h("reviewer"), no_args_is_help=True)
AUDIT_FORMATS = ("text", "json", "markdown")


def deploy(
    app: Annotated[str, typer.Argument(help="<opd>/<aplikasi>")],
    env: Annotated[str, typer.Option("--env", help=h("opt.env"))] = "produksi",
    version: Annotated[str | None, typer.Option("--versi", "--version", help=h("opt.release-version"))] = None,
    apply_checksum: Annotated[str | None, typer.Option("--terapkan", "--apply", help=h("opt.plan-checksum"))] = None,
    key: OptionalKey = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text|json")] = "text",
    cert: CertFile = None,
    cert_key: CertKey = None,
    ocsp: OcspFile = None,
) -> int:
    """Show the release plan; apply it only with its approved checksum."""
    g = current()
    forge = select_forge(g.root())
    try:
        plan = forge.plan_deployment(app, env, version)
    except InputError as exc:
        if exc.key in ("deploy.app-missing", "deploy.bad-app"):
            require_app(g.root(), app)  # unknown here too: refused with the near misses
        raise
    if fmt == "json":
        output.write(json.dumps({"rencana": plan.data, "checksum": plan.checksum}, ensure_ascii=False, indent=2))
    else:
        output.console().print(render.plan_text(plan, g.lang), end="", markup=False)
    if (refused := gates.refusal(plan.data["gerbang"])) is not None:
        raise refused
    if apply_checksum is None:
        return 0
    signer = from_options(cert, cert_key, ocsp)
    if key is None and signer is None:
        raise InputError("ssh.key-missing", file="--kunci")
    path, log = forge.approve_deployment(plan, apply_checksum, key, signer)
    if log:
        output.console().print(log.rstrip(), markup=False)
    output.console().print(t("gov.ui.released", g.lang, record=path), markup=False)
    return 0


@audit_app.command("verify", help=h("audit-verify"))
def audit_verify(
    since: Annotated[str | None, typer.Option("--since", help=h("opt.audit-since"))] = None,
    branch: Annotated[str, typer.Option("--branch", help=h("opt.branch"))] = "main",
    fmt: Annotated[str, typer.Option("--format", "-f", help="text|json|markdown")] = "text",
    output_file: Output = None,
    write_checkpoint: Annotated[
        bool, typer.Option("--titik-periksa", "--checkpoint", help=h("opt.audit-checkpoint"))
    ] = False,
    full: Annotated[bool, typer.Option("--penuh", "--full", help=h("opt.audit-full"))] = False,
    key: OptionalKey = None,
) -> int:
    g = current()
    if fmt not in AUDIT_FORMATS:
        raise InputError("format.unknown", format=fmt, allowed=", ".join(AUDIT_FORMATS))
    if write_checkpoint and key is None:
        raise InputError("audit.checkpoint.key-required")
    if write_checkpoint and since is not None:  # a checkpoint covers the line from the genesis
        raise InputError("audit.checkpoint.since")
    repo = Repo(g.root())
    report = verify(repo, branch=branch, since=since, checkpoints=not full)
    text = render.audit(report, fmt, g.lang)
    if output_file is not None:
        write_atomic(output_file, text)
    elif fmt == "text":
        output.console().print(text, end="", markup=False)
    else:
        output.write(text)
    if write_checkpoint and key is not None and not report.breaches:
        cp = audit_checkpoint(repo, report, key)
        data = cp.data
        params = {"seq": cp.seq, "branch": report.branch, "commit": report.tip[:12], "count": data.get("peristiwa")}
        output.error(t("audit.checkpoint.written", g.lang, auditor=data.get("auditor"), **params))
    if write_checkpoint and report.breaches:
        output.error(t("audit.checkpoint.breaches", g.lang, count=len(report.breaches)))
    return 1 if report.breaches else 0


@audit_app.command("genesis", help=h("audit-genesis"))
def audit_genesis(
    commit: Annotated[str, typer.Option("--commit", help=h("opt.genesis-commit"))] = "refs/heads/main",
) -> int:
    g = current()
    sha = set_genesis(Repo(g.root()), commit)
    output.console().print(t("gov.ui.genesis-set", g.lang, commit=sha), markup=False)
    return 0


@hook_app.command("install", help=h("hook-install"))
def hook_install(bare: Annotated[Path, typer.Argument(help=h("arg.bare"))]) -> int:
    target = hooks.install(bare)
    output.console().print(t("gov.ui.hook-installed", current().lang, file=str(target)), markup=False)
    return 0


@hook_app.command("pre-receive", help=h("hook-pre-receive"))
def hook_pre_receive() -> int:
    lang = current().lang
    # git runs the hook in the bare repository with the pushed objects in a quarantine directory;
    # the runner inherits no environment, so those variables are passed on by name.
    repo = Repo(Path.cwd(), env=hook_quarantine(Path.cwd()))
    problems = hooks.check_updates(repo, hooks.read_updates(sys.stdin.read()))
    for ref, key, detail in problems:
        output.error(t("hook.refused", lang, ref=ref, reason=t(key, lang), detail=detail))
    return 1 if problems else 0


@reviewer_app.command("signers", help=h("reviewer-signers"))
def reviewer_signers(
    check: Annotated[bool, typer.Option("--periksa", "--check", help=h("opt.signers-check"))] = False,
) -> int:
    g = current()
    count = sync_signers(g.root(), check_only=check)
    if check:
        return 0
    output.console().print(t("gov.ui.signers-written", g.lang, count=count), markup=False)
    return 0


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")
    app.add_typer(hook_app, name="hook")
    app.add_typer(reviewer_app, name="reviewer")
    app.command("deploy", help=h("deploy"))(deploy)
