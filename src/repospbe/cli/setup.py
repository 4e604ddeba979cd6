"""``repospbe reviewer add`` and ``repospbe opd add-member``: people and their public keys."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from repospbe.cli import output
from repospbe.cli.governance import reviewer_app
from repospbe.cli.options import current, h
from repospbe.i18n import t
from repospbe.setup.members import Member, add_maintainer, add_reviewer

opd_app = typer.Typer(help=h("opd"), no_args_is_help=True)

Name = Annotated[str, typer.Option("--nama", help=h("opt.member-name"))]
Key = Annotated[Path, typer.Option("--kunci", help=h("opt.member-key"))]
Email = Annotated[str, typer.Option("--email", help=h("opt.member-email"))]
MemberId = Annotated[str, typer.Option("--id", help=h("opt.member-id"))]


def reviewer_add(
    nama: Name,
    kunci: Key,
    email: Email,
    nip: Annotated[str, typer.Option("--nip", help=h("opt.member-nip"))],
    member_id: MemberId = "",
) -> int:
    g = current()
    added = add_reviewer(g.root(), Member(name=nama, key_file=kunci, email=email, member_id=member_id, nip=nip))
    msg = t("setup.reviewer-added", g.lang, id=added.member_id, file=added.file, count=added.signers)
    output.console().print(msg, markup=False)
    return 0


@opd_app.command("add-member", help=h("opd-add-member"))
def opd_add_member(
    opd: Annotated[str, typer.Option("--opd", help=h("opt.opd"))],
    nama: Name,
    kunci: Key,
    email: Email,
    member_id: MemberId = "",
    nip: Annotated[str, typer.Option("--nip", help=h("opt.member-nip"))] = "",
) -> int:
    g = current()
    added = add_maintainer(g.root(), opd, Member(name=nama, key_file=kunci, email=email, member_id=member_id, nip=nip))
    output.console().print(t("setup.maintainer-added", g.lang, id=added.member_id, file=added.file), markup=False)
    return 0


def register(app: typer.Typer) -> None:
    reviewer_app.command("add", help=h("reviewer-add"))(reviewer_add)
    app.add_typer(opd_app, name="opd")
