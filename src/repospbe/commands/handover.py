"""``repospbe handover ingest``: run the handover and tell what happened and what is missing."""
from __future__ import annotations

from pathlib import Path

from repospbe import output
from repospbe.handover.extract import Limits
from repospbe.handover.ingest import ingest
from repospbe.handover.request import Request
from repospbe.i18n import resolve_lang, t
from repospbe.registry import find_root


def handover_ingest(archive: Path, app: str, vendor: str, contract: str, version: str,
                    registry: Path | None, max_files: int | None, max_bytes: int | None,
                    lang: str | None) -> int:
    lang = resolve_lang(lang)
    root = find_root(explicit=registry)
    defaults = Limits()
    limits = Limits(max_files=max_files or defaults.max_files, max_total_bytes=max_bytes or defaults.max_total_bytes)
    res = ingest(root, Request(archive, app, vendor, contract, version, limits))
    say = output.console().print
    say(t("handover.done", lang, app=app, version=version, kind=res.kind, files=res.files,
          bytes=res.total_bytes, sha=res.archive_sha256), markup=False)
    if res.dropped:
        say(t("handover.dropped", lang, count=res.dropped), markup=False)
    say(t("handover.source", lang, repo=str(res.store_repo), branch=res.request.source_branch,
          commit=res.source_commit, bundle=res.request.bundle_rel), markup=False)
    say(t("handover.written", lang, manifest=res.manifest_rel, bast=res.bast_rel,
          branch=res.registry_branch, commit=res.registry_commit[:12]), markup=False)
    if res.missing:
        say(t("handover.missing-header", lang, count=len(res.missing)), markup=False)
        for f in res.missing:
            say(f"  - [{f.check_id}] {f.location}: {f.text(lang)}", markup=False)
            say(f"      {f.hint_text(lang)}", markup=False)
    else:
        say(t("handover.complete", lang), markup=False)
    say(t("handover.next", lang, branch=res.registry_branch), markup=False)
    return 0
