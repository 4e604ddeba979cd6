"""``repospbe audit verify|genesis``: verify main's history offline; set the trust anchor."""
from __future__ import annotations

from pathlib import Path

from repospbe import output
from repospbe.errors import InputError, PolicyError
from repospbe.governance import render
from repospbe.governance.audit import GENESIS_REF, verify
from repospbe.governance.gitrepo import Repo
from repospbe.i18n import resolve_lang, t
from repospbe.registry import find_root
from repospbe.writefile import write_atomic

FORMATS = ("text", "json", "markdown")


def audit_verify(registry: Path | None, since: str | None, branch: str, fmt: str, output_file: Path | None,
                 lang: str | None) -> int:
    lang = resolve_lang(lang)
    if fmt not in FORMATS:
        raise InputError("format.unknown", format=fmt, allowed=", ".join(FORMATS))
    report = verify(Repo(find_root(explicit=registry)), branch=branch, since=since)
    text = render.audit(report, fmt, lang)
    if output_file is not None:
        write_atomic(output_file, text)
    elif fmt == "text":
        output.console().print(text, end="", markup=False)
    else:
        output.write(text)
    return 1 if report.breaches else 0


def audit_genesis(registry: Path | None, commit: str, lang: str | None) -> int:
    repo = Repo(find_root(explicit=registry))
    sha = repo.must_resolve(commit)
    existing = repo.resolve(GENESIS_REF)
    if existing is not None or not repo.cas(GENESIS_REF, sha, None):
        raise PolicyError("audit.genesis-exists", commit=existing or "?")
    output.console().print(t("gov.ui.genesis-set", resolve_lang(lang), commit=sha), markup=False)
    return 0
