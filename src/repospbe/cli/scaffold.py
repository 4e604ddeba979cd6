"""``repospbe new app|registry``, ``template check``, ``handover ingest``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from repospbe.cli import output
from repospbe.cli.names import require_opd
from repospbe.cli.options import current, h
from repospbe.errors import InputError
from repospbe.handover.extract import Limits
from repospbe.handover.ingest import ingest
from repospbe.handover.request import Request
from repospbe.i18n import size_text, t
from repospbe.registry import load_registry
from repospbe.scaffold import answers as A
from repospbe.scaffold import app as app_scaffold
from repospbe.scaffold import registry_new
from repospbe.scaffold.drift import Drift, lagging

new_app = typer.Typer(help=h("new"), no_args_is_help=True)
template_app = typer.Typer(help=h("template"), no_args_is_help=True)
handover_app = typer.Typer(help=h("handover"), no_args_is_help=True)

Answers = Annotated[Path | None, typer.Option("--answers", help=h("opt.answers"))]
NoInput = Annotated[bool, typer.Option("--no-input", help=h("opt.no-input"))]
Opt = str | None


@new_app.command("app", help=h("new-app"))
def new_application(
    nama: Annotated[Opt, typer.Option("--nama", help=h("opt.app-name"))] = None,
    app_id: Annotated[Opt, typer.Option("--id", help=h("opt.app-id"))] = None,
    opd: Annotated[Opt, typer.Option("--opd", help=h("opt.opd"))] = None,
    deskripsi: Annotated[Opt, typer.Option("--deskripsi", help=h("opt.app-description"))] = None,
    fungsi: Annotated[Opt, typer.Option("--fungsi", help=h("opt.functions"))] = None,
    subdomain: Annotated[Opt, typer.Option("--subdomain", help=h("opt.app-subdomain"))] = None,
    pemeliharaan: Annotated[Opt, typer.Option("--pemeliharaan", help="swakelola|vendor")] = None,
    lisensi: Annotated[Opt, typer.Option("--lisensi", help=h("opt.license"))] = None,
    sumber: Annotated[Path | None, typer.Option("--sumber", help=h("opt.source-dir"))] = None,
    answers: Answers = None,
    no_input: NoInput = True,
) -> int:
    g = current()
    root = g.root()
    options = {
        "nama": nama,
        "id": app_id,
        "opd": opd,
        "deskripsi": deskripsi,
        "fungsi": fungsi,
        "subdomain": subdomain,
        "pemeliharaan": pemeliharaan,
        "lisensi": lisensi,
    }
    merged = A.merge(A.load_answers(answers, app_scaffold.FIELDS), options)
    if merged.get("opd"):
        require_opd(root, str(merged["opd"]))
    made = app_scaffold.create(root, merged, sumber)
    rel = made.record_dir.relative_to(root).as_posix()
    say, lang = output.console().print, g.lang
    say(t("scaffold.app-created", lang, app=made.key, dir=rel, version=made.template_version), markup=False)
    if made.derived_id:
        say(t("scaffold.id-derived", lang, id=made.key.split("/")[1]), markup=False)
    say(t("scaffold.source-created", lang, dir=str(made.source_dir)), markup=False)
    say(
        t("scaffold.next-app", lang, dir=rel, appkey=made.key, app=made.key.split("/")[1], source=str(made.source_dir)),
        markup=False,
    )
    if made.subdomain:
        opd, app_id = made.key.split("/")
        say(t("scaffold.next-subdomain-known", lang, label=made.subdomain, opd=opd, app=app_id), markup=False)
    return 0


@new_app.command("registry", help=h("new-registry"))
def new_registry(
    tujuan: Annotated[Path, typer.Argument(help=h("arg.new-registry"))],
    pemda: Annotated[Opt, typer.Option("--pemda", help=h("opt.pemda"))] = None,
    domain: Annotated[Opt, typer.Option("--domain", help=h("opt.domain"))] = None,
    kode: Annotated[Opt, typer.Option("--diskominfo-kode", help=h("opt.diskominfo-code"))] = None,
    nama_diskominfo: Annotated[Opt, typer.Option("--diskominfo-nama", help=h("opt.diskominfo-name"))] = None,
    pusat_data: Annotated[Opt, typer.Option("--pusat-data", help=h("opt.data-centre"))] = None,
    persetujuan: Annotated[Opt, typer.Option("--persetujuan", help=h("opt.approvals"))] = None,
    answers: Answers = None,
    no_input: NoInput = True,
) -> int:
    g = current()
    # A Pemda starting out has no registry yet: without --registry and outside one, the shipped policy is used.
    root = g.optional_root()
    options = {
        "pemda": pemda,
        "domain": domain,
        "diskominfo_kode": kode,
        "diskominfo_nama": nama_diskominfo,
        "pusat_data": pusat_data,
        "persetujuan": persetujuan,
    }
    made = registry_new.create(root, A.merge(A.load_answers(answers, registry_new.FIELDS), options), tujuan)
    output.console().print(t("scaffold.registry-created", g.lang, dir=str(made.path), domain=made.domain), markup=False)
    output.console().print(t("scaffold.next-registry", g.lang, dir=str(made.path)), markup=False)
    return 0


@template_app.command("check", help=h("template-check"))
def template_check(fmt: Annotated[str, typer.Option("--format", "-f", help="text|json")] = "text") -> int:
    g = current()
    if fmt not in ("text", "json"):
        raise InputError("format.unknown", format=fmt, allowed="text, json")
    root = g.root()
    behind, total = lagging(root, {key: (rec.path, rec.data) for key, rec in load_registry(root).apps.items()})
    if fmt == "json":
        output.write(json.dumps([_as_dict(d) for d in behind], ensure_ascii=False, indent=1))
        return 0
    say, lang = output.console().print, g.lang
    if not behind:
        say(t("template.all-current", lang, count=total), markup=False)
        return 0
    say(t("template.header", lang, count=len(behind), total=total), markup=False)
    for d in behind:
        if d.current is None:
            say(t("template.line-unknown", lang, app=d.key, template=d.template), markup=False)
            continue
        say(
            t("template.line-behind", lang, app=d.key, template=d.template, version=d.version, current=d.current),
            markup=False,
        )
        for change in d.changes:
            say(f"    - {change}", markup=False)
    say(t("template.advice", lang), markup=False)
    return 0


def _as_dict(d: Drift) -> dict[str, object]:
    return {
        "aplikasi": d.key,
        "berkas": d.path,
        "templat": d.template,
        "versi": d.version,
        "versi_terbaru": d.current,
        "perubahan": list(d.changes),
    }


@handover_app.command("ingest", help=h("handover-ingest"))
def handover_ingest(
    arsip: Annotated[Path, typer.Argument(help=h("arg.archive"))],
    app: Annotated[str, typer.Option("--app", help="OPD/APLIKASI")],
    vendor: Annotated[str, typer.Option("--vendor", help=h("opt.vendor"))],
    contract: Annotated[str, typer.Option("--contract", help=h("opt.contract"))],
    version: Annotated[str, typer.Option("--version", help=h("opt.semver"))],
    max_files: Annotated[int | None, typer.Option("--max-files", help=h("opt.max-files"))] = None,
    max_bytes: Annotated[int | None, typer.Option("--max-bytes", help=h("opt.max-bytes"))] = None,
) -> int:
    g = current()
    defaults = Limits()
    limits = Limits(max_files=max_files or defaults.max_files, max_total_bytes=max_bytes or defaults.max_total_bytes)
    res = ingest(
        g.root(), Request(archive=arsip, app_key=app, vendor=vendor, contract=contract, version=version, limits=limits)
    )
    say, lang = output.console().print, g.lang
    say(
        t(
            "handover.done",
            lang,
            app=app,
            version=version,
            kind=res.kind,
            files=res.files,
            size=size_text(res.total_bytes, lang),
            sha=res.archive_sha256,
        ),
        markup=False,
    )
    if res.stripped:
        say(t("handover.stripped", lang, folder=res.stripped), markup=False)
    if res.replaced:
        say(t("handover.replaced", lang, branch=res.registry_branch, old=res.replaced[:12]), markup=False)
    if res.dropped:
        say(t("handover.dropped", lang, count=res.dropped), markup=False)
    say(
        t(
            "handover.source",
            lang,
            repo=str(res.store_repo),
            branch=res.request.source_branch,
            commit=res.source_commit,
            bundle=res.request.bundle_rel,
        ),
        markup=False,
    )
    say(
        t(
            "handover.written",
            lang,
            manifest=res.manifest_rel,
            bast=res.bast_rel,
            branch=res.registry_branch,
            commit=res.registry_commit[:12],
        ),
        markup=False,
    )
    if res.missing:
        say(t("handover.missing-header", lang, count=len(res.missing)), markup=False)
        for f in res.missing:
            say(f"  - [{f.check_id}] {f.location}: {f.text(lang)}", markup=False)
            say(f"      {f.hint_text(lang)}", markup=False)
    else:
        say(t("handover.complete", lang), markup=False)
    say(t("handover.next", lang, branch=res.registry_branch), markup=False)
    return 0


def register(app: typer.Typer) -> None:
    app.add_typer(new_app, name="new")
    app.add_typer(template_app, name="template")
    app.add_typer(handover_app, name="handover")
