"""``repospbe new app|registry``: validate answers, render, print the next steps."""
from __future__ import annotations

from pathlib import Path

from repospbe import output
from repospbe.i18n import resolve_lang, t
from repospbe.errors import InputError
from repospbe.registry import find_root
from repospbe.scaffold import answers as A
from repospbe.scaffold import app as app_scaffold
from repospbe.scaffold import registry_new


def new_app(registry: Path | None, answers_file: Path | None, options: dict[str, str | None],
            source_dir: Path | None, lang: str | None) -> int:
    lang = resolve_lang(lang)
    root = find_root(explicit=registry)
    raw = A.merge(A.load_answers(answers_file, app_scaffold.FIELDS), options)
    made = app_scaffold.create(root, raw, source_dir)
    rel = made.record_dir.relative_to(root).as_posix()
    say = output.console().print
    say(t("scaffold.app-created", lang, app=made.key, dir=rel, version=made.template_version), markup=False)
    if made.derived_id:
        say(t("scaffold.id-derived", lang, id=made.key.split("/")[1]), markup=False)
    say(t("scaffold.source-created", lang, dir=str(made.source_dir)), markup=False)
    say(t("scaffold.next-app", lang, dir=rel, appkey=made.key, app=made.key.split("/")[1],
          source=str(made.source_dir)), markup=False)
    if made.subdomain:
        say(t("scaffold.next-subdomain", lang, label=made.subdomain), markup=False)
    return 0


def new_registry(dest: Path, registry: Path | None, answers_file: Path | None,
                 options: dict[str, str | None], lang: str | None) -> int:
    lang = resolve_lang(lang)
    # A Pemda starting out has no registry yet: without --registry and outside one, the shipped policy is used.
    root = find_root(explicit=registry) if registry is not None else _registry_here()
    raw = A.merge(A.load_answers(answers_file, registry_new.FIELDS), options)
    made = registry_new.create(root, raw, dest)
    output.console().print(t("scaffold.registry-created", lang, dir=str(made.path), domain=made.domain), markup=False)
    output.console().print(t("scaffold.next-registry", lang, dir=str(made.path)), markup=False)
    return 0


def _registry_here() -> Path | None:
    try:
        return find_root()
    except InputError:
        return None
