"""``repospbe deploy <opd>/<app>``: show the plan; apply it only with its approved checksum."""
from __future__ import annotations

import json
from pathlib import Path

from repospbe import output
from repospbe.errors import InputError
from repospbe.governance import release_gates as gates
from repospbe.governance import render
from repospbe.governance.gitlab_forge import select_forge
from repospbe.i18n import resolve_lang, t
from repospbe.registry import find_root


def deploy(app: str, registry: Path | None, env: str, version: str | None, apply_checksum: str | None,
           key: Path | None, fmt: str, lang: str | None) -> int:
    lang = resolve_lang(lang)
    forge = select_forge(find_root(explicit=registry))
    plan = forge.plan_deployment(app, env, version)
    if fmt == "json":
        output.write(json.dumps({"rencana": plan.data, "checksum": plan.checksum}, ensure_ascii=False, indent=2))
    else:
        output.console().print(render.plan_text(plan, lang), end="", markup=False)
    if (refused := gates.refusal(plan.data["gerbang"])) is not None:
        raise refused
    if apply_checksum is None:
        return 0
    if key is None:
        raise InputError("ssh.key-missing", file="--kunci")
    path, log = forge.approve_deployment(plan, apply_checksum, key)
    if log:
        output.console().print(log.rstrip(), markup=False)
    output.console().print(t("gov.ui.released", lang, record=path), markup=False)
    return 0
