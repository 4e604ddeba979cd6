"""``repospbe mr ...``: the reviewer and developer commands of the embedded forge."""
from __future__ import annotations

import json
from pathlib import Path

from repospbe import output
from repospbe.errors import InputError
from repospbe.governance import evidence as evs
from repospbe.governance import render, sshsig
from repospbe.governance.forge import EmbeddedForge
from repospbe.governance.gitlab_forge import GitLabForge, select_forge
from repospbe.i18n import resolve_lang, t
from repospbe.registry import find_root


def _forge(registry: Path | None) -> EmbeddedForge | GitLabForge:
    return select_forge(find_root(explicit=registry))


def open_(registry: Path | None, source: str, target: str, title: str, description: str, key: Path,
          lang: str | None) -> int:
    forge = _forge(registry)
    number = forge.open(source, target, title, description, key)
    output.console().print(t("gov.ui.mr-opened", resolve_lang(lang), number=number,
                             fingerprint=sshsig.fingerprint(sshsig.public_key_of(key))))
    return 0


def list_(registry: Path | None, fmt: str, lang: str | None) -> int:
    lang = resolve_lang(lang)
    forge = _forge(registry)
    items = []
    for info in forge.list():
        items.append((info, forge.show(info.number)[1] if info.state == "terbuka" and info.source else None))
    if fmt == "json":
        output.write(json.dumps([render.assessment_json(i, a, lang) if a else i.__dict__ for i, a in items],
                                ensure_ascii=False, indent=2))
    else:
        output.console().print(render.queue(items, lang), end="", markup=False)
    return 0


def show(registry: Path | None, number: int, fmt: str, lang: str | None) -> int:
    lang = resolve_lang(lang)
    forge = _forge(registry)
    info, a = forge.show(number)
    local = forge.local if isinstance(forge, GitLabForge) else forge
    if fmt == "json":
        output.write(json.dumps(render.assessment_json(info, a, lang), ensure_ascii=False, indent=2))
    else:
        ev = evs.load(local.repo, number)
        stored = ev.records if ev else {}
        output.console().print(render.summary(local.repo, info, a, stored, lang), end="", markup=False)
    return 0


def pipeline(registry: Path | None, number: int, key: Path | None, lang: str | None) -> int:
    record = _forge(registry).record_pipeline(number, key)
    blocking = sum(c.blocking for c in record.registry_checks) + sum(c.blocking for a in record.apps for c in a.checks)
    output.console().print(t("gov.ui.pipeline", resolve_lang(lang), digest=record.digest()[:12],
                             commit=record.registry_commit[:12], status=record.status, blocking=blocking))
    return 0 if record.status == "passed" else 1


def decide(registry: Path | None, number: int, key: Path, decision: str, reason: str, lang: str | None) -> int:
    if decision not in ("setuju", "tolak"):
        raise InputError("format.unknown", format=decision, allowed="setuju, tolak")
    lang = resolve_lang(lang)
    forge = _forge(registry)
    name = forge.decide(number, key, decision, reason)
    output.console().print(t("gov.ui.decided", lang, decision=decision, name=name), markup=False)
    if decision == "setuju":  # which record the signature binds, where it was made, how apps were tested
        _, a = forge.show(number)
        bound = next((d.pipeline for d in a.decisions if d.name == f"{name}.json"), "")
        for r in (r for r in a.records if r.digest == bound):
            output.console().print(t("gov.ui.decided-record", lang, digest=r.digest[:12]), markup=False)
            for line in render.provenance(r, a, lang):
                output.console().print(line, markup=False)
    return 0


def merge(registry: Path | None, number: int, lang: str | None) -> int:
    result = _forge(registry).merge(number)
    output.console().print(t("gov.ui.merged", resolve_lang(lang), number=number, branch=result.target_branch,
                             commit=result.commit))
    return 0
