"""semgrep: our local rule pack (``checks/semgrep``) over the source, offline.

Runs ``semgrep scan --config <rules> --json --metrics=off
--disable-version-check``; no registry rules, no network. ``nosemgrep`` comments
are honoured; the source's own ``.semgrepignore`` is not (the extractor drops
it). Bundled third-party code is excluded unless ``--include-third-party``.
Severities: ERROR → high, WARNING → medium, INFO → low. The rule id is the
check id; CWE and OWASP from the rule's metadata are kept.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from repospbe.findings import Finding, Severity
from repospbe.scanners.base import ScanContext, ScanResult, ToolError, run_tool

PER_FILE_TIMEOUT = 30
_SEVERITY = {
    "ERROR": Severity.HIGH, "WARNING": Severity.MEDIUM, "INFO": Severity.LOW,
    "CRITICAL": Severity.CRITICAL, "HIGH": Severity.HIGH, "MEDIUM": Severity.MEDIUM, "LOW": Severity.LOW,
}
_CWE_RE = re.compile(r"CWE-(\d+)")


def rule_files(rules_dir: Path) -> list[Path]:
    return sorted(p for p in rules_dir.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def rules_digest(rules_dir: Path | None) -> str:
    if rules_dir is None or not rules_dir.is_dir():
        return "none"
    h = hashlib.sha256()
    for path in rule_files(rules_dir):
        h.update(path.relative_to(rules_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def basis(ctx: ScanContext) -> str:
    return f"rules={rules_digest(ctx.options.rules_dir)};tp={ctx.options.include_third_party}"


def run(ctx: ScanContext) -> ScanResult:
    rules = ctx.options.rules_dir
    if rules is None or not rules.is_dir() or not rule_files(rules):
        raise ToolError("missing", "semgrep", f"rules: {rules}")
    argv = [ctx.tool("semgrep"), "scan", "--config", str(rules), "--json", "--metrics=off",
            "--disable-version-check", "--no-rewrite-rule-ids", "--quiet", "--no-git-ignore",
            "--timeout", str(PER_FILE_TIMEOUT)]
    for rel in (*ctx.exclusions.dirs, *ctx.exclusions.files):
        argv.append(f"--exclude=/{rel}")
    argv.append(".")
    proc = run_tool("semgrep", argv, cwd=ctx.source, timeout=ctx.options.timeout, ok_codes=(0, 1))
    try:
        data = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise ToolError("crashed", "semgrep", f"invalid JSON: {exc}") from None
    findings = tuple(_finding(r) for r in data.get("results", []))
    scanned = len(data.get("paths", {}).get("scanned", []))
    status = "failed" if findings else "passed"
    return ScanResult(findings, status, f"{len(findings)} temuan, {scanned} berkas")


def _finding(result: dict[str, Any]) -> Finding:
    extra = result.get("extra", {})
    meta = extra.get("metadata", {}) or {}
    cwe = meta.get("cwe", [])
    cwe_list = cwe if isinstance(cwe, list) else [cwe]
    owasp = meta.get("owasp", [])
    owasp_list = owasp if isinstance(owasp, list) else [owasp]
    start = result.get("start", {})
    return Finding.make(
        str(result.get("check_id", "semgrep")), _SEVERITY.get(str(extra.get("severity")), Severity.MEDIUM),
        "raw.text", path=str(result.get("path", "")).removeprefix("./"), line=int(start.get("line", 0)),
        column=int(start.get("col", 0)), hint="scan.semgrep.hint", tool="semgrep",
        text=str(extra.get("message", "")).strip(),
        cwe_ids=", ".join(str(c) for c in cwe_list), owasp=", ".join(str(o) for o in owasp_list),
        fix_id=str(meta.get("fix_id", "")),
    )


def cwe_numbers(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in _CWE_RE.findall(text))
