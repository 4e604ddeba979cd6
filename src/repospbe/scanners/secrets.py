"""secrets: detect-secrets over the whole source, offline and without verification.

A finding names the kind of secret and where it is, never the secret itself
(not even its hash). Inline allowlist comments (``pragma: allowlist secret``) are not
honoured (detect-secrets' allowlist filter is disabled): each one is an info finding
(``repospbe.scanners.inline``). Bundled third-party code is excluded unless asked.
"""

from __future__ import annotations

import re

from repospbe.findings import Finding, Severity
from repospbe.scanners import inline
from repospbe.scanners.base import ScanContext, ScanResult, run_json_tool
from repospbe.states import Status

ALLOWLIST_FILTER = "detect_secrets.filters.allowlist.is_line_allowlisted"


def basis(ctx: ScanContext) -> str:
    return f"tp={ctx.options.include_third_party}"


def run(ctx: ScanContext) -> ScanResult:
    argv = [ctx.tool("detect-secrets"), "scan", "--all-files", "--no-verify", "--disable-filter", ALLOWLIST_FILTER]
    parts = [re.escape(d) + "/" for d in ctx.exclusions.dirs]
    parts += [re.escape(f) + "$" for f in ctx.exclusions.files]
    if parts:
        argv += ["--exclude-files", "^(?:" + "|".join(parts) + ")"]
    argv.append(".")
    data = run_json_tool("detect-secrets", argv, cwd=ctx.source, timeout=ctx.options.timeout)
    findings: list[Finding] = []
    for filename, items in sorted(data.get("results", {}).items()):
        for item in items:
            kind = str(item.get("type", "secret"))
            slug = re.sub(r"[^a-z0-9]+", "-", kind.lower()).strip("-")
            findings.append(
                Finding.make(
                    f"secrets.{slug}",
                    Severity.HIGH,
                    "secrets.found.msg",
                    path=filename.removeprefix("./"),
                    line=int(item.get("line_number", 0)),
                    hint="secrets.found.hint",
                    tool="detect-secrets",
                    kind=kind,
                )
            )
    status = Status.FAILED if findings else Status.PASSED
    return ScanResult(tuple(findings) + inline.findings_for(ctx, "detect-secrets"), status, f"{len(findings)} temuan")
