"""Scanner errors are findings: what a tool could not read is never silently "passed".

The rule (documented here, applied to semgrep and bandit):

* a first-party file the tool could not parse, timed out on, or skipped for its size
  is ``<tool>.file-not-scanned``, **high** (a whole file of the app's own code went
  unchecked, so the scan blocks and its status is ``failed``);
* a first-party file parsed only in part is ``semgrep.file-partly-scanned``: **info**
  for templates (Blade, Twig, HTML, Vue — semgrep parses their embedded code only
  approximately, that is expected), **medium** for other source (some lines unchecked);
* an error that names no file (a rule semgrep rejected, an internal error) is
  ``semgrep.error``: **high** when semgrep calls it an error, **low** when a warning;
* any of these on bundled third-party code (scanned only with ``--include-third-party``)
  is **info**: the library was not ours to check.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from repospbe.findings import Finding, Severity
from repospbe.scanners.base import ThirdParty

TEMPLATE_SUFFIXES = (".blade.php", ".twig", ".html", ".htm", ".vue", ".tpl", ".phtml", ".svelte", ".ejs", ".hbs")
NOT_SCANNED = "file-not-scanned"


def is_template(rel: str) -> bool:
    return rel.lower().endswith(TEMPLATE_SUFFIXES)


def _kind(error: Mapping[str, Any]) -> str:
    kind = error.get("type", "")
    if isinstance(kind, list):
        kind = kind[0] if kind else ""
    return str(kind)


def semgrep_findings(errors: Iterable[Mapping[str, Any]], tp: ThirdParty) -> list[Finding]:
    """One finding per file (reasons merged) and one per file-less error."""
    lost: dict[str, set[str]] = defaultdict(set)
    partial: dict[str, int] = {}
    general: list[Finding] = []
    for error in errors:
        kind = _kind(error)
        rel = str(error.get("path") or "").removeprefix("./")
        if not rel:
            level = str(error.get("level", "error"))
            severity = Severity.HIGH if level == "error" else Severity.LOW
            general.append(
                Finding.make(
                    "semgrep.error",
                    severity,
                    tool="semgrep",
                    kind=kind or "-",
                    detail=str(error.get("message", ""))[:300],
                )
            )
        elif kind == "PartialParsing":
            partial[rel] = _first_line(error)
        else:
            lost[rel].add(_reason(kind))
    out = [_not_scanned("semgrep", rel, ", ".join(sorted(why)), tp) for rel, why in sorted(lost.items())]
    for rel, line in sorted(partial.items()):
        if rel in lost:
            continue
        severity = Severity.INFO if is_template(rel) or tp.excluded(rel) else Severity.MEDIUM
        out.append(Finding.make("semgrep.file-partly-scanned", severity, path=rel, line=line, tool="semgrep", file=rel))
    return out + general


def _reason(kind: str) -> str:
    low = kind.lower()
    if "timeout" in low:
        return "timeout"
    if "memory" in low:
        return "out-of-memory"
    if "syntax" in low or "lexical" in low or "parse" in low:
        return "parse-error"
    return low.replace(" ", "-") or "error"


def _first_line(error: Mapping[str, Any]) -> int:
    for span in error.get("spans") or ():
        start = span.get("start") if isinstance(span, dict) else None
        if isinstance(start, dict) and isinstance(start.get("line"), int):
            return int(start["line"])
    return 0


def _not_scanned(tool: str, rel: str, reason: str, tp: ThirdParty) -> Finding:
    severity = Severity.INFO if tp.excluded(rel) else Severity.HIGH
    return Finding.make(
        f"{tool}.{NOT_SCANNED}",
        severity,
        f"scanner.{NOT_SCANNED}.msg",
        path=rel,
        hint=f"scanner.{NOT_SCANNED}.hint",
        tool=tool,
        file=rel,
        scanner=tool,
        reason=reason,
    )


def too_large(files: Iterable[str]) -> list[Finding]:
    """First-party source files above semgrep's size limit: not scanned, so reported."""
    return [_not_scanned("semgrep", rel, "too-large", ThirdParty()) for rel in files]


def bandit_findings(errors: Iterable[Mapping[str, Any]], tp: ThirdParty) -> list[Finding]:
    out: list[Finding] = []
    for error in errors:
        rel = str(error.get("filename") or "").removeprefix("./")
        reason = str(error.get("reason", "error"))[:200]
        out.append(_not_scanned("bandit", rel, reason, tp))
    return out


def blocking(findings: Iterable[Finding]) -> bool:
    return any(f.blocks(Severity.HIGH) for f in findings)
