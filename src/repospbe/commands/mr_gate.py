"""``repospbe mr gate``: the approval stage of a pipeline; exit 0 only when the merge
request meets every rule (signed approvals, trusted green pipeline, ownership)."""
from __future__ import annotations

import json
from pathlib import Path

from repospbe import output
from repospbe.errors import InputError
from repospbe.governance import evidence as evs
from repospbe.governance import mr as ops
from repospbe.governance import render
from repospbe.governance.gitrepo import Repo
from repospbe.governance.gitlab_forge import GitLabForge, select_forge
from repospbe.i18n import resolve_lang, t
from repospbe.registry import find_root


def gate(registry: Path | None, number: int | None, gitlab_iid: int | None, lang: str | None) -> int:
    lang = resolve_lang(lang)
    forge = select_forge(find_root(explicit=registry))
    local = forge.local if isinstance(forge, GitLabForge) else forge
    if number is None:
        if gitlab_iid is None:
            raise InputError("gov.gate.args")
        number = _by_iid(local.repo, gitlab_iid)
    info, a = forge.show(number)
    if a.mergeable:
        output.console().print(t("gov.gate.ok", lang, number=number), markup=False)
        return 0
    output.console().print(t("gov.gate.blocked", lang, number=number), markup=False)
    for problem in render.problems(a, lang):
        output.console().print(f"  - {problem}", markup=False)
    return 1


def _by_iid(repo: Repo, iid: int) -> int:
    """The registry MR linked to GitLab MR ``iid``; else the one whose source is the commit under test.

    An MR opened with the embedded forge (``repospbe mr open`` without GitLab) has no link, but its
    signed approvals bind its source commit: in a merge-request pipeline that is ``HEAD``."""
    for number in evs.numbers(repo):
        ev = evs.load(repo, number)
        raw = repo.blob(ev.commit, "forge.json") if ev else None
        if raw and int(json.loads(raw).get("gitlab_iid", -1)) == iid:
            return number
    head = repo.resolve("HEAD")
    for number in evs.numbers(repo):
        try:
            source = ops.live(repo, number).source
        except InputError:
            continue
        if head is not None and source == head:
            return number
    raise InputError("gov.gate.unlinked", iid=iid)
