"""``repospbe new subdomain``: validate a request with the registry's rules, render it from
``templates/subdomain/``, print the findings and the next steps."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from repospbe.cli import output
from repospbe.cli.names import app_keys, near, require_opd
from repospbe.cli.options import current, h
from repospbe.errors import InputError, PolicyError
from repospbe.formatters.text import severity_label
from repospbe.i18n import t
from repospbe.subdomains.request import Answers, create, default_review

Opt = str | None
Many = list[str] | None


def new_subdomain(
    nama: Annotated[str, typer.Option("--nama", help=h("opt.subdomain-name"))],
    opd: Annotated[str, typer.Option("--opd", help=h("opt.opd"))],
    tujuan: Annotated[str, typer.Option("--tujuan", help=h("opt.subdomain-purpose"))],
    surat_nomor: Annotated[str, typer.Option("--surat-nomor", help=h("opt.letter-number"))],
    surat_tanggal: Annotated[str, typer.Option("--surat-tanggal", help=h("opt.letter-date"))],
    app: Annotated[Opt, typer.Option("--app", help=h("opt.subdomain-app"))] = None,
    a: Annotated[Many, typer.Option("--a", help=h("opt.a"))] = None,
    aaaa: Annotated[Many, typer.Option("--aaaa", help=h("opt.aaaa"))] = None,
    cname: Annotated[Opt, typer.Option("--cname", help=h("opt.cname"))] = None,
    txt: Annotated[Many, typer.Option("--txt", help=h("opt.txt"))] = None,
    contoh: Annotated[bool, typer.Option("--contoh", help=h("opt.example"))] = False,
    ttl: Annotated[int, typer.Option("--ttl", help=h("opt.ttl"))] = 3600,
    tinjauan: Annotated[Opt, typer.Option("--tinjauan", help=h("opt.review"))] = None,
) -> int:
    g = current()
    require_opd(g.root(), opd)
    answers = Answers(
        name=nama,
        opd=opd,
        app=app,
        purpose=tujuan,
        records=tuple(_records(a or [], aaaa or [], cname, txt or [], contoh)),
        ttl=ttl,
        letter_number=surat_nomor,
        letter_date=_date(surat_tanggal, "--surat-tanggal"),
        review=_date(tinjauan, "--tinjauan") if tinjauan else default_review(),
    )
    outcome = create(g.root(), answers)
    for f in outcome.findings:
        where = f"{f.location}: " if f.location else ""
        label = severity_label(f.severity.value, g.lang).lower()
        output.error(f"[{label}] {f.check_id} {where}{f.text(g.lang)}\n    {f.hint_text(g.lang)}")
    if app and any(f.check_id == "subdomain.app-missing" for f in outcome.findings):
        ids = [k.split("/", 1)[1] for k in app_keys(g.root()) if k.startswith(f"{opd}/")]
        if guesses := near(app, ids):
            output.error(t("devux.app-id-suggest", g.lang, app=app, opd=opd, suggestion=", ".join(guesses)))
    if outcome.path is None:
        raise PolicyError("subdomain.request-refused", count=len(outcome.blocking), name=nama)
    output.write(t("subdomain.request-created", g.lang, file=outcome.rel, name=nama))
    output.write(t("subdomain.request-next", g.lang, file=outcome.rel, name=nama))
    return 0


def _date(value: str, field: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError("subdomain.request-date", field=field, value=value[:40]) from None


def _records(
    a: list[str], aaaa: list[str], cname: str | None, txt: list[str], example: bool
) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for rtype, values in (("A", a), ("AAAA", aaaa)):
        if values:
            rec: dict[str, object] = {
                "type": rtype,
                **({"value": values[0]} if len(values) == 1 else {"values": values}),
            }
            out.append({**rec, "contoh": True} if example else rec)
    if cname:
        out.append({"type": "CNAME", "value": cname})
    if txt:
        out.append({"type": "TXT", **({"value": txt[0]} if len(txt) == 1 else {"values": txt})})
    if not out:
        raise InputError("subdomain.request-no-records")
    return out


def register(app: typer.Typer) -> None:
    """Adds ``repospbe new subdomain`` to the scaffold group (registered after ``scaffold``)."""
    from repospbe.cli.scaffold import new_app

    new_app.command("subdomain", help=h("new-subdomain"))(new_subdomain)
