"""``repospbe gitlab setup|codeowners``: the registry project on GitLab."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from typing import Annotated

import typer

from repospbe.cli import output
from repospbe.cli.options import current, h
from repospbe.errors import InputError, PolicyError
from repospbe.gitlabci.setup_apply import apply_setup, client_from_env
from repospbe.gitlabci.setup_plan import SetupConfig, plan_setup
from repospbe.i18n import t
from repospbe.ownership.codeowners import CODEOWNERS_PATH, generate
from repospbe.registry import load_registry
from repospbe.registry.instance import load_instance
from repospbe.states import StepStatus
from repospbe.writefile import write_atomic

gitlab_app = typer.Typer(help=h("gitlab"), no_args_is_help=True)


@gitlab_app.command("setup", help=h("gitlab-setup"))
def setup(
    project: Annotated[str | None, typer.Option("--project", help=h("opt.gitlab-project"))] = None,
    group: Annotated[str | None, typer.Option("--reviewer-group", help=h("opt.reviewer-group"))] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=h("opt.dry-run"))] = False,
    apply: Annotated[bool, typer.Option("--apply", help=h("opt.gitlab-apply"))] = False,
) -> int:
    """Print the GitLab settings plan for the registry project; apply it with ``--apply``
    (``--dry-run`` wins: plan only, nothing is sent)."""
    g = current()
    project = project or os.environ.get("REPOSPBE_GITLAB_PROJECT")
    group = group or os.environ.get("REPOSPBE_GITLAB_REVIEWER_GROUP")
    if not project or not group:
        raise InputError("gitlab.setup-args")
    approvals = load_instance(g.root()).required_approvals
    cfg = SetupConfig(project=project, reviewer_group=group, approvals=approvals)
    steps = plan_setup(cfg)
    con = output.console()
    con.print(t("gitlab.setup-plan", g.lang, project=project, count=str(len(steps))))
    for step in steps:
        premium = " [dim](Premium)[/]" if step.premium else ""
        con.print(f"  [bold]{step.id}[/]{premium}\n    {step.call}\n    HTTP: {'; '.join(step.http)}")
        con.print("    body: " + json.dumps(step.body, sort_keys=True), markup=False)
    if dry_run or not apply:
        con.print(t("gitlab.setup-dry-run", g.lang))
        return 0
    results = apply_setup(client_from_env(), cfg, steps)
    for r in results:
        con.print(f"  {r.status:9} {r.step} {r.detail}")
    if any(r.status == StepStatus.FALLBACK for r in results):
        con.print(t("gitlab.setup-fallback", g.lang))
    if any(r.status == StepStatus.ERROR for r in results):
        raise PolicyError("gitlab.setup-errors")
    return 0


@gitlab_app.command("codeowners", help=h("gitlab-codeowners"))
def codeowners(write: Annotated[bool, typer.Option("--write", help=h("opt.codeowners-write"))] = False) -> int:
    """Print (or with ``--write`` write) the CODEOWNERS generated from the registry."""
    g = current()
    root = g.root()
    text = generate(load_registry(root), datetime.now(UTC).date())
    if not write:
        output.write(text)
        return 0
    write_atomic(root / CODEOWNERS_PATH, text)
    output.console().print(t("codeowners.written", g.lang, file=CODEOWNERS_PATH))
    return 0


def register(app: typer.Typer) -> None:
    app.add_typer(gitlab_app, name="gitlab")
