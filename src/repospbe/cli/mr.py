"""``repospbe mr ...``: the developer and reviewer commands of the forge (embedded or GitLab)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from repospbe.cli import output
from repospbe.cli.blocking import print_blocking
from repospbe.cli.options import CertFile, CertKey, Number, OcspFile, OptionalKey, current, h
from repospbe.errors import InputError
from repospbe.governance import render, sigtext, sshsig
from repospbe.governance.certsig import CertSigner, certificate_of, from_options
from repospbe.governance.forge import Forge
from repospbe.governance.gitlab_forge import select_forge
from repospbe.governance.wording import problem_lines
from repospbe.i18n import t
from repospbe.states import Decision, MRState, Status

mr_app = typer.Typer(help=h("mr"), no_args_is_help=True)
Reason = Annotated[str, typer.Option("--alasan", "--reason", help=h("opt.reason"))]
TextJson = Annotated[str, typer.Option("--format", "-f", help="text|json")]
OpenCert = Annotated[Path | None, typer.Option("--sertifikat", "--certificate", help=h("opt.certificate-open"))]


def _forge() -> Forge:
    return select_forge(current().root())


@mr_app.command("open", help=h("mr-open"))
def open_(
    source: Annotated[str, typer.Option("--source", "--sumber", help=h("opt.mr-source"))],
    title: Annotated[str, typer.Option("--title", "--judul", help=h("opt.mr-title"))],
    key: OptionalKey = None,
    target: Annotated[str, typer.Option("--target", help=h("opt.mr-target"))] = "main",
    description: Annotated[str, typer.Option("--description", "--deskripsi", help=h("opt.mr-description"))] = "",
    cert: OpenCert = None,
    cert_key: CertKey = None,
    ocsp: OcspFile = None,
) -> int:
    lang = current().lang
    signer = from_options(cert, cert_key, ocsp)
    number = _forge().open(source, target, title, description, key, signer)
    if key is not None:
        fingerprint = sshsig.fingerprint(sshsig.public_key_of(key))
        output.console().print(t("gov.ui.mr-opened", lang, number=number, fingerprint=fingerprint))
    if signer is not None:
        who = sigtext.signature_text(certificate_of(signer), lang)
        output.console().print(t("pki_open.ui.opened-cert", lang, number=number, who=who), markup=False)
    return 0


@mr_app.command("list", help=h("mr-list"))
def list_(fmt: TextJson = "text") -> int:
    lang = current().lang
    forge = _forge()
    items = [
        (info, forge.show(info.number)[1] if info.state == MRState.OPEN and info.source else None)
        for info in forge.list()
    ]
    if fmt == "json":
        output.write(
            json.dumps(
                [render.assessment_json(i, a, lang) if a else i.__dict__ for i, a in items],
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        output.console().print(render.queue(items, lang), end="", markup=False)
    return 0


@mr_app.command("show", help=h("mr-show"))
def show(number: Number, fmt: TextJson = "text") -> int:
    lang = current().lang
    forge = _forge()
    info, a = forge.show(number)
    if fmt == "json":
        output.write(json.dumps(render.assessment_json(info, a, lang), ensure_ascii=False, indent=2))
    else:
        text = render.summary(forge.repo, info, a, forge.stored_records(number), lang)
        output.console().print(text, end="", markup=False)
    return 0


@mr_app.command("pipeline", help=h("mr-pipeline"))
def pipeline(number: Number, key: OptionalKey = None) -> int:
    record, findings = _forge().record_pipeline(number, key)
    blocking = sum(c.blocking for c in record.registry_checks) + sum(c.blocking for a in record.apps for c in a.checks)
    output.console().print(
        t(
            "gov.ui.pipeline",
            current().lang,
            digest=record.digest()[:12],
            commit=record.registry_commit[:12],
            status=record.status,
            blocking=blocking,
        )
    )
    if record.status != Status.PASSED:
        print_blocking(findings, current().lang)
    return 0 if record.status == Status.PASSED else 1


@mr_app.command("approve", help=h("mr-approve"))
def approve(
    number: Number,
    key: OptionalKey = None,
    reason: Reason = "",
    cert: CertFile = None,
    cert_key: CertKey = None,
    ocsp: OcspFile = None,
) -> int:
    return decide(number, key, Decision.APPROVE, reason, from_options(cert, cert_key, ocsp))


@mr_app.command("reject", help=h("mr-reject"))
def reject(
    number: Number,
    key: OptionalKey = None,
    reason: Reason = "",
    cert: CertFile = None,
    cert_key: CertKey = None,
    ocsp: OcspFile = None,
) -> int:
    return decide(number, key, Decision.REJECT, reason, from_options(cert, cert_key, ocsp))


def decide(number: int, key: Path | None, decision: Decision, reason: str, cert: CertSigner | None = None) -> int:
    lang = current().lang
    forge = _forge()
    name = forge.decide(number, key, decision, reason, cert)
    output.console().print(t("gov.ui.decided", lang, decision=decision, name=name), markup=False)
    if decision == Decision.APPROVE:  # which record the signature binds, where it was made, how apps were tested
        _, a = forge.show(number)
        bound = next((d.pipeline for d in a.decisions if d.name == f"{name}.json"), "")
        for r in (r for r in a.records if r.digest == bound):
            output.console().print(t("gov.ui.decided-record", lang, digest=r.digest[:12]), markup=False)
            for line in render.provenance(r, a, lang):
                output.console().print(line, markup=False)
    return 0


@mr_app.command("gate", help=h("mr-gate"))
def gate(
    number: Annotated[int | None, typer.Argument(help=h("arg.registry-mr"))] = None,
    gitlab_iid: Annotated[int | None, typer.Option("--gitlab-iid", help=h("opt.gitlab-iid"))] = None,
) -> int:
    """The approval stage of a pipeline: exit 0 only when the merge request meets every rule
    (signed approvals, trusted green pipeline, ownership)."""
    lang = current().lang
    forge = _forge()
    if number is None:
        if gitlab_iid is None:
            raise InputError("gov.gate.args")
        number = forge.number_for_gitlab_iid(gitlab_iid)
    _, a = forge.show(number)
    if a.mergeable:
        output.console().print(t("gov.gate.ok", lang, number=number), markup=False)
        return 0
    output.console().print(t("gov.gate.blocked", lang, number=number), markup=False)
    for line in problem_lines(a.problems, lang):
        output.console().print(line, markup=False)
    return 1


@mr_app.command("merge", help=h("mr-merge"))
def merge(number: Number) -> int:
    result = _forge().merge(number)
    output.console().print(
        t("gov.ui.merged", current().lang, number=number, branch=result.target_branch, commit=result.commit)
    )
    return 0


def register(app: typer.Typer) -> None:
    app.add_typer(mr_app, name="mr")
