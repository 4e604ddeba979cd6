"""doc-coverage: share of procedures with an explanation (seed 6.2.5.2).

Counts functions and methods in Python, PHP, JavaScript/TypeScript and Java
(third-party and minified code excluded) and how many carry a docstring or a doc
comment directly above. Below the threshold (``ambang_dokumentasi`` in
``registry/instance.yaml``, default 80 %) is a blocking finding; each
undocumented procedure is listed as an informational finding.
"""

from __future__ import annotations

import os
from pathlib import Path

from repospbe.findings import Finding, Severity
from repospbe.scanners.base import ScanContext, ScanResult
from repospbe.scanners.docparse import LANG_BY_EXT, procedures
from repospbe.states import Status

MAX_FILE = 2 * 1024 * 1024
MAX_LISTED = 500


def basis(ctx: ScanContext) -> str:
    return f"threshold={ctx.options.doc_threshold};tp={ctx.options.include_third_party}"


def run(ctx: ScanContext) -> ScanResult:
    total = documented = 0
    listed: list[Finding] = []
    for rel, lang in _files(ctx):
        try:
            text = (ctx.source / rel).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for proc in procedures(lang, text):
            total += 1
            if proc.documented:
                documented += 1
            elif len(listed) < MAX_LISTED:
                listed.append(
                    Finding.make(
                        "doc-coverage.undocumented",
                        Severity.INFO,
                        "doc-coverage.undocumented.msg",
                        path=rel,
                        line=proc.line,
                        hint="doc-coverage.undocumented.hint",
                        name=proc.name,
                        language=lang,
                    )
                )
    if total == 0:
        return ScanResult(status=Status.SKIPPED, detail="tidak ada prosedur")
    share = round(100.0 * documented / total, 1)
    detail = f"{documented}/{total} prosedur berdokumentasi ({share} %), ambang {ctx.options.doc_threshold:g} %"
    if share >= ctx.options.doc_threshold:
        return ScanResult(tuple(listed), Status.PASSED, detail)
    summary = Finding.make(
        "doc-coverage.below-threshold",
        Severity.HIGH,
        "doc-coverage.below-threshold.msg",
        hint="doc-coverage.below-threshold.hint",
        share=f"{share:g}",
        threshold=f"{ctx.options.doc_threshold:g}",
        documented=documented,
        total=total,
    )
    return ScanResult((summary, *listed), Status.FAILED, detail)


def _files(ctx: ScanContext) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for dirpath, dirnames, filenames in os.walk(ctx.source):
        base = Path(dirpath).relative_to(ctx.source).as_posix()
        prefix = "" if base == "." else base + "/"
        dirnames[:] = sorted(d for d in dirnames if not ctx.exclusions.excluded(prefix + d))
        for name in sorted(filenames):
            rel = prefix + name
            lang = LANG_BY_EXT.get(os.path.splitext(name)[1])
            if lang is None or ctx.exclusions.excluded(rel) or ".min." in name:
                continue
            full = Path(dirpath) / name
            if full.is_symlink() or full.stat().st_size > MAX_FILE:
                continue
            out.append((rel, lang))
    return out
