"""Render a cookiecutter template with no prompts, no hooks, no network, no replay file.

Only local templates are used: the registry's own ``templates/``, else the templates shipped
with repospbe (package data). A template that carries hooks or Jinja extensions (code that
would run) is refused.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from repospbe.errors import InputError
from repospbe.resources import override_or_default
from repospbe.yamlio import load_file

TEMPLATES_DIR = "templates"


def template_dir(root: Path | None, name: str) -> Path:
    path = override_or_default(root, f"{TEMPLATES_DIR}/{name}")
    if not (path / "cookiecutter.json").is_file():
        raise InputError("scaffold.template-missing", template=f"{TEMPLATES_DIR}/{name}")
    if (path / "hooks").exists():
        raise InputError("scaffold.template-unsafe", template=f"{TEMPLATES_DIR}/{name}", detail="hooks/")
    config = json.loads((path / "cookiecutter.json").read_text("utf-8"))
    if "_extensions" in config:
        raise InputError("scaffold.template-unsafe", template=f"{TEMPLATES_DIR}/{name}", detail="_extensions")
    return path


def template_version(root: Path | None, name: str) -> str:
    """``versi`` from ``templates/<name>/templat.yaml``."""
    rel = f"{TEMPLATES_DIR}/{name}/templat.yaml"
    loaded = load_file(override_or_default(root, rel), rel)
    data = loaded.data if isinstance(loaded.data, dict) else {}
    version = data.get("versi")
    if loaded.findings or not isinstance(version, str):
        raise InputError("scaffold.template-version", file=rel)
    return version


def render(template: Path, context: dict[str, str], output_dir: Path) -> Path:
    """Render ``template`` into ``output_dir``; return the generated project directory."""
    from cookiecutter.exceptions import CookiecutterException
    from cookiecutter.generate import generate_context, generate_files

    try:
        ctx: dict[str, Any] = generate_context(
            context_file=str(template / "cookiecutter.json"),
            extra_context=context,
        )
        ctx["cookiecutter"]["_template"] = str(template)
        out = generate_files(
            repo_dir=str(template),
            context=ctx,
            output_dir=str(output_dir),
            overwrite_if_exists=False,
            accept_hooks=False,
        )
    except CookiecutterException as exc:
        raise InputError("scaffold.render-failed", error=str(exc)[:300]) from None
    return Path(out)
