"""bandit: Python security linting, its JSON mapped to our findings.

bandit's own test ids are kept as identifiers (``bandit.B602``). The source's
own ``.bandit`` file is not read (we pass an ini of our own), so it cannot skip
tests. ``# nosec`` comments are not honoured (``--ignore-nosec``): each one is an info
finding (``repospbe.scanners.inline``). A file bandit could not parse is a
``bandit.file-not-scanned`` finding (high for first-party code). Bundled third-party
code is excluded unless ``--include-third-party``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from repospbe.findings import Finding, Severity
from repospbe.i18n import catalog, t
from repospbe.scanners import inline, toolerrors
from repospbe.scanners.base import ScanContext, ScanResult, run_json_tool
from repospbe.states import Status

_SEVERITY = {"HIGH": Severity.HIGH, "MEDIUM": Severity.MEDIUM, "LOW": Severity.LOW}
_EMPTY_INI = "[bandit]\n"


def basis(ctx: ScanContext) -> str:
    return f"tp={ctx.options.include_third_party}"


def has_python(ctx: ScanContext) -> bool:
    for path in ctx.source.rglob("*.py"):
        rel = path.relative_to(ctx.source).as_posix()
        if path.is_file() and not ctx.exclusions.excluded(rel):
            return True
    return False


def run(ctx: ScanContext) -> ScanResult:
    if not has_python(ctx):
        return ScanResult(status=Status.SKIPPED, detail="tidak ada berkas Python")
    with tempfile.TemporaryDirectory(prefix="repospbe-bandit-") as scratch:
        ini = Path(scratch) / "bandit.ini"
        ini.write_text(_EMPTY_INI, encoding="utf-8")
        return _run(ctx, ini)


def _run(ctx: ScanContext, ini: Path) -> ScanResult:
    argv = [ctx.tool("bandit"), "-r", "-f", "json", "-q", "--ignore-nosec", "--ini", str(ini)]
    excluded = [f"./{d}/" for d in ctx.exclusions.dirs] + [f"./{f}" for f in ctx.exclusions.files]
    if excluded:
        argv += ["-x", ",".join(excluded)]
    argv.append(".")
    data = run_json_tool("bandit", argv, cwd=ctx.source, timeout=ctx.options.timeout, ok_codes=(0, 1))
    findings = tuple(_finding(r) for r in data.get("results", []))
    lost = tuple(toolerrors.bandit_findings(data.get("errors", []), ctx.exclusions))
    return ScanResult(
        findings + lost + inline.findings_for(ctx, "bandit"),
        Status.FAILED if findings or toolerrors.blocking(lost) else Status.PASSED,
        f"{len(findings)} temuan, {len(lost)} berkas tak terbaca",
    )


def indonesian(test_id: str, test_name: str) -> str:
    """The Indonesian sentence for bandit test ``test_id`` (a generic one naming the id when
    the test has no translation yet); ``--lang en`` shows bandit's own text."""
    if f"bandit.test.{test_id}" in catalog():
        return t(f"bandit.test.{test_id}", "id")
    return t("bandit.test.unknown", "id", number=test_id, test_name=test_name or "-")


def _finding(result: dict[str, Any]) -> Finding:
    test_id = str(result.get("test_id", "B000"))
    test_name = str(result.get("test_name", ""))
    original = str(result.get("issue_text", ""))
    cwe = (result.get("issue_cwe") or {}).get("id", "")
    return Finding.make(
        f"bandit.{test_id}",
        _SEVERITY.get(str(result.get("issue_severity")), Severity.MEDIUM),
        "bandit.issue",
        path=str(result.get("filename", "")).removeprefix("./"),
        line=int(result.get("line_number", 0)),
        column=int(result.get("col_offset", 0)) + 1,
        hint="scan.bandit.hint",
        tool="bandit",
        text=original,
        issue_id=indonesian(test_id, test_name),
        issue_en=original or t(f"bandit.test.{test_id}", "en"),
        test_id=test_id,
        test_name=test_name,
        confidence=str(result.get("issue_confidence", "")),
        cwe_ids=f"CWE-{cwe}" if cwe else "",
        cwe=(int(cwe),) if str(cwe).isdigit() else (),
    )
