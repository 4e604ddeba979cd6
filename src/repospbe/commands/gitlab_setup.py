from __future__ import annotations

import json
import os
from pathlib import Path

from repospbe import output
from repospbe.errors import InputError, PolicyError
from repospbe.gitlabci.setup_apply import apply_setup
from repospbe.gitlabci.setup_plan import SetupConfig, plan_setup
from repospbe.i18n import resolve_lang, t
from repospbe.registry import find_root, load_registry


def gitlab_setup(project: str | None, group: str | None, apply: bool, registry: Path | None, lang: str | None) -> int:
    """Print the GitLab settings plan for the registry project; apply it with ``--apply``."""
    lang = resolve_lang(lang)
    project = project or os.environ.get("REPOSPBE_GITLAB_PROJECT")
    group = group or os.environ.get("REPOSPBE_GITLAB_REVIEWER_GROUP")
    if not project or not group:
        raise InputError("gitlab.setup-args")
    reg = load_registry(find_root(explicit=registry), frozenset())
    approvals = int(((reg.instance.get("persetujuan") if reg.instance else None) or {}).get("jumlah", 2))
    cfg = SetupConfig(project=project, reviewer_group=group, approvals=approvals)
    steps = plan_setup(cfg)
    con = output.console()
    con.print(t("gitlab.setup-plan", lang, project=project, count=str(len(steps))))
    for step in steps:
        premium = " [dim](Premium)[/]" if step.premium else ""
        con.print(f"  [bold]{step.id}[/]{premium}\n    {step.call}\n    HTTP: {'; '.join(step.http)}")
        con.print("    body: " + json.dumps(step.body, sort_keys=True), markup=False)
    if not apply:
        con.print(t("gitlab.setup-dry-run", lang))
        return 0
    results = apply_setup(_client(), cfg, steps)
    for r in results:
        con.print(f"  {r.status:9} {r.step} {r.detail}")
    if any(r.status == "fallback" for r in results):
        con.print(t("gitlab.setup-fallback", lang))
    if any(r.status == "error" for r in results):
        raise PolicyError("gitlab.setup-errors")
    return 0


def _client() -> object:
    import gitlab

    url, token = os.environ.get("GITLAB_URL"), os.environ.get("GITLAB_TOKEN")
    if not url or not token:
        raise InputError("gitlab.env-missing")
    return gitlab.Gitlab(url, private_token=token, retry_transient_errors=False)
