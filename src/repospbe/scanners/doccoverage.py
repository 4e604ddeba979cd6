"""doc-coverage: every public procedure explained (seed 6.2.5.2, issue 16 obligation 7).

Counts the public functions and methods in Python, PHP, JavaScript/TypeScript (also
the script of ``.vue``/``.svelte`` files) and Java, and whether each carries a
docstring or a doc comment directly above. Public: not ``private`` (PHP, Java,
TypeScript), not ``#name`` (JavaScript), not ``_name`` (any language, and methods of
a ``_Class``). Test code (``tests/``, ``test_*.py``, ``*.spec.js``, ...), third-party
and minified code are not counted.

* each undocumented public procedure is a ``doc-coverage.undocumented`` finding with
  its file and line (all of them, no cap);
* below the threshold (``ambang_dokumentasi`` in ``registry/instance.yaml``; default
  100 %, every public procedure) a blocking ``doc-coverage.below-threshold``;
* a file of a supported language that cannot be parsed is
  ``doc-coverage.file-not-checked`` (high): its procedures are unknown;
* source in a language this scanner cannot parse (Go, Ruby, C#, Kotlin, ...) is
  ``doc-coverage.language-not-checked`` (high, one per language): the obligation
  cannot be verified there, so the check is never "passed" (a reviewed waiver in
  ``waivers.yaml`` is the way to accept it).
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from repospbe.findings import Finding, Severity
from repospbe.scanners.base import ScanContext, ScanResult
from repospbe.scanners.docparse import LANG_BY_EXT, UNPARSED_LANGS, ParseFailed, procedures
from repospbe.states import Status

MAX_FILE = 2 * 1024 * 1024
_TEST_DIRS = frozenset({"tests", "test", "__tests__", "spec", "specs"})
_TEST_SUFFIXES = (".spec.js", ".spec.ts", ".test.js", ".test.ts", ".spec.tsx", ".test.tsx", "Test.php", "Test.java")


def basis(ctx: ScanContext) -> str:
    return f"threshold={ctx.options.doc_threshold};tp={ctx.options.include_third_party}"


def is_test_file(rel: str) -> bool:
    parts = rel.split("/")
    name = parts[-1]
    in_test_dir = any(p in _TEST_DIRS for p in parts[:-1]) or "/src/test/" in f"/{rel}"
    return in_test_dir or name.startswith("test_") or name.endswith(("_test.py", *_TEST_SUFFIXES))


def run(ctx: ScanContext) -> ScanResult:
    total = documented = 0
    findings: list[Finding] = []
    files, others = _files(ctx)
    for rel, lang in files:
        try:
            found = procedures(lang, _read(ctx.source / rel))
        except (OSError, ParseFailed) as exc:
            error = str(exc)[:200]
            findings.append(
                Finding.make(
                    "doc-coverage.file-not-checked", Severity.HIGH, path=rel, file=rel, language=lang, error=error
                )
            )
            continue
        for proc in found:
            if not proc.public:
                continue
            total += 1
            if proc.documented:
                documented += 1
            else:
                findings.append(_undocumented(rel, lang, proc.name, proc.line))
    findings += [
        Finding.make(
            "doc-coverage.language-not-checked", Severity.HIGH, path=first, example=first, language=lang, files=count
        )
        for lang, (count, first) in sorted(others.items())
    ]
    return _verdict(ctx.options.doc_threshold, total, documented, findings)


def _read(path: Path) -> str:
    if path.stat().st_size > MAX_FILE:
        raise ParseFailed(f"larger than {MAX_FILE} bytes")
    return path.read_text(encoding="utf-8", errors="replace")


def _undocumented(rel: str, lang: str, name: str, line: int) -> Finding:
    return Finding.make(
        "doc-coverage.undocumented",
        Severity.INFO,
        "doc-coverage.undocumented.msg",
        path=rel,
        line=line,
        hint="doc-coverage.undocumented.hint",
        name=name,
        language=lang,
    )


def _verdict(threshold: float, total: int, documented: int, findings: list[Finding]) -> ScanResult:
    unchecked = any(f.check_id.endswith("not-checked") for f in findings)
    if total == 0:
        status = Status.FAILED if unchecked else Status.SKIPPED
        return ScanResult(tuple(findings), status, "tidak ada prosedur publik yang dapat diperiksa")
    share = round(100.0 * documented / total, 1)
    detail = f"{documented}/{total} prosedur publik berdokumentasi ({share} %), ambang {threshold:g} %"
    if 100.0 * documented / total >= threshold:
        return ScanResult(tuple(findings), Status.FAILED if unchecked else Status.PASSED, detail)
    summary = Finding.make(
        "doc-coverage.below-threshold",
        Severity.HIGH,
        "doc-coverage.below-threshold.msg",
        hint="doc-coverage.below-threshold.hint",
        share=f"{share:g}",
        threshold=f"{threshold:g}",
        documented=documented,
        total=total,
    )
    return ScanResult((summary, *findings), Status.FAILED, detail)


def _files(ctx: ScanContext) -> tuple[list[tuple[str, str]], dict[str, tuple[int, str]]]:
    """(first-party files to parse, {unparsed language: (file count, first file)})."""
    out: list[tuple[str, str]] = []
    others: Counter[str] = Counter()
    first: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(ctx.source):
        base = Path(dirpath).relative_to(ctx.source).as_posix()
        prefix = "" if base == "." else base + "/"
        dirnames[:] = sorted(d for d in dirnames if d != ".git" and not ctx.exclusions.excluded(prefix + d))
        for name in sorted(filenames):
            rel = prefix + name
            ext = os.path.splitext(name)[1]
            if ctx.exclusions.excluded(rel) or ".min." in name or is_test_file(rel):
                continue
            if (Path(dirpath) / name).is_symlink():
                continue
            lang = LANG_BY_EXT.get(ext)
            if lang is not None:
                out.append((rel, lang))
            elif ext in UNPARSED_LANGS:
                others[UNPARSED_LANGS[ext]] += 1
                first.setdefault(UNPARSED_LANGS[ext], rel)
    return out, {lang: (n, first[lang]) for lang, n in others.items()}
