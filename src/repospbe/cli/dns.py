"""``repospbe dns plan|apply``: the zone of the Pemda domain, planned and applied."""

from __future__ import annotations

import datetime as dt
import os
import shlex
from pathlib import Path
from typing import Annotated

import typer

from repospbe.cli import output
from repospbe.cli.options import Force, current, h
from repospbe.dns import bind, octodns, render
from repospbe.dns.apply import apply as apply_plan
from repospbe.dns.apply import check_safe
from repospbe.dns.service import Planned, default_state, default_zonefile, plan_for
from repospbe.errors import InputError
from repospbe.i18n import t
from repospbe.writefile import write_atomic

dns_app = typer.Typer(help=h("dns"), no_args_is_help=True)
FORMATS = ("text", "json", "bind", "octodns")
Deployed = Annotated[Path | None, typer.Option("--deployed", help=h("opt.deployed"))]
State = Annotated[Path | None, typer.Option("--state", help=h("opt.state"))]


def _planned(deployed: Path | None, state: Path | None) -> tuple[Path, Planned]:
    if deployed is not None and state is not None:
        raise InputError("dns.both-sources")
    root = current().root()
    return root, plan_for(root, deployed, state)


@dns_app.command("plan", help=h("dns-plan"))
def plan(
    fmt: Annotated[str, typer.Option("--format", "-f", help="text|json|bind|octodns")] = "text",
    deployed: Deployed = None,
    state: State = None,
    force: Force = False,
    output_dir: Annotated[Path | None, typer.Option("--output-dir", help=h("opt.octodns-dir"))] = None,
) -> int:
    """Print the plan in ``fmt`` with its checksum; exit 1 when it needs --force."""
    lang = current().lang
    if fmt not in FORMATS:
        raise InputError("dns.format-unknown", format=fmt, allowed=", ".join(FORMATS))
    _root, planned = _planned(deployed, state)
    p = planned.plan
    if fmt == "text":
        output.write(render.text(planned, lang))
    elif fmt == "json":
        output.write(render.as_json(planned))
    elif fmt == "bind":
        serial = bind.next_serial(planned.deployed.serial, bool(p.changes), dt.date.today())
        output.write(bind.zone_text(planned.cfg, p.desired, serial))
    else:
        _octodns(planned, output_dir, lang)
    if fmt != "text":
        output.error(t("dns.plan.checksum-line", lang, changes=len(p.changes), checksum=p.checksum))
    check_safe(planned, force)
    if fmt == "text" and p.changes:
        output.write(t("dns.plan.next", lang, checksum=p.checksum))
    return 0


def _octodns(planned: Planned, output_dir: Path | None, lang: str) -> None:
    files = octodns.files(planned.cfg.domain, planned.plan.desired)
    if output_dir is None:
        output.write("".join(f"# {rel}\n{text}" for rel, text in files.items()))
        return
    for rel, text in files.items():
        write_atomic(output_dir / rel, text)
    output.error(t("dns.plan.written", lang, dir=str(output_dir)))


@dns_app.command("apply", help=h("dns-apply"))
def apply(
    checksum: Annotated[str, typer.Option("--checksum", help=h("opt.reviewed-checksum"))],
    force: Force = False,
    deployed: Deployed = None,
    state: State = None,
    zone_file: Annotated[Path | None, typer.Option("--zone-file", help=h("opt.zone-file"))] = None,
    hook: Annotated[str | None, typer.Option("--hook", help=h("opt.dns-hook"))] = None,
) -> int:
    """Apply the plan whose checksum was reviewed; refuse anything else."""
    lang = current().lang
    root, planned = _planned(deployed, state)
    hook = hook if hook is not None else os.environ.get("REPOSPBE_DNS_HOOK") or None
    hook_cmd = shlex.split(hook) if hook else None
    done = apply_plan(
        planned,
        checksum,
        force,
        zone_file or deployed or default_zonefile(root, planned.cfg),
        state or default_state(root, planned.cfg),
        hook_cmd,
    )
    if not done.changes:
        output.write(t("dns.applied-nothing", lang, serial=done.serial))
        return 0
    if done.hook_ran and hook_cmd:
        output.write(t("dns.hook-ran", lang, command=hook_cmd[0]))
    output.write(
        t(
            "dns.applied",
            lang,
            changes=done.changes,
            serial=done.serial,
            zone_file=str(done.zone_file),
            state_file=str(done.state_file),
        )
    )
    return 0


def register(app: typer.Typer) -> None:
    app.add_typer(dns_app, name="dns")
