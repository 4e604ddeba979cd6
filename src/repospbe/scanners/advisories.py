"""advisories: the SBOM's components matched against the local OSV advisory database.

The components are those of the SBOM (``repospbe.scanners.sbom.manifests``: composer.lock,
package-lock.json, yarn.lock, requirements*.txt, pom.xml, and package.json/composer.json
without a lock, whose declared ranges give "possibly affected" at a lower severity). The
database is the one ``repospbe advisories import`` wrote (``repospbe.advisories.store``);
without one, or with one older than ``umur_maks_basis_kerentanan`` days (instance.yaml,
default 30), the scan says so (never a silent pass).
Severity is the advisory's (GHSA ``database_specific.severity``), else medium.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from repospbe.advisories import database
from repospbe.advisories.names import ECOSYSTEM_OF, osv_name
from repospbe.findings import Finding, Severity
from repospbe.scanners.base import ScanContext, ScanResult
from repospbe.scanners.sbom import DECLARED, manifests
from repospbe.states import Status

SEVERITY_OF = {
    "CRITICAL": Severity.CRITICAL,
    "HIGH": Severity.HIGH,
    "MODERATE": Severity.MEDIUM,
    "MEDIUM": Severity.MEDIUM,
    "LOW": Severity.LOW,
    "NONE": Severity.LOW,  # a CVSS score of 0.0 on a known advisory: still named, at the lowest level
}
MAX_NAMED = 10
_LOWER = {Severity.CRITICAL: Severity.MEDIUM, Severity.HIGH: Severity.MEDIUM, Severity.MEDIUM: Severity.LOW}


def basis(ctx: ScanContext) -> str:
    """The database digest, the day and the staleness limit (staleness changes with the date)."""
    info = database.meta()
    return f"{database.digest()}:{database.age_days(info) if info else -1}:{ctx.options.advisory_max_age}"


def _line(tree: Path, rel: str, name: str, cache: dict[str, list[str]]) -> int:
    if rel not in cache:
        try:
            cache[rel] = (tree / rel).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            cache[rel] = []
    short = name.rsplit("/", 1)[-1]
    for number, text in enumerate(cache[rel], 1):
        if f'"{name}"' in text or f'node_modules/{name}"' in text or text.strip().lower().startswith(short.lower()):
            return number
    return 0


def _finding(kind: str, eco: str, version: str, rel: str, line: int, entry: dict[str, Any], verdict: Any) -> Finding:
    severity = SEVERITY_OF.get(str(entry.get("severity", "")).upper(), Severity.MEDIUM)
    certain = bool(verdict.certain)
    check = "sca.vulnerable-dependency" if certain else "sca.possibly-vulnerable-dependency"
    aliases = ", ".join(entry.get("aliases", [])[:3]) or "-"
    return Finding.make(
        check,
        severity if certain else _LOWER.get(severity, Severity.LOW),
        path=rel,
        line=line,
        package=kind,
        ecosystem=eco,
        version=version or "*",
        advisory=str(entry["id"]),
        aliases=aliases,
        fixed=verdict.fixed or "-",
        summary=str(entry.get("summary", ""))[:200] or "-",
    )


def run(ctx: ScanContext) -> ScanResult:
    info = database.meta()
    if info is None:
        finding = Finding.make("sca.database-missing", Severity.LOW)
        return ScanResult((finding,), Status.PASSED, "basis data kerentanan belum diimpor")
    findings: list[Finding] = []
    age = database.age_days(info)
    limit = ctx.options.advisory_max_age
    if age > limit:
        findings.append(Finding.make("sca.database-stale", Severity.LOW, days=age, limit=limit))
    from repospbe.advisories.match import judge  # univers' version semantics: only when components are judged

    items, _problems = manifests(ctx.source)  # manifest problems are the third-party scanner's findings
    texts: dict[str, list[str]] = {}
    known: dict[str, dict[str, list[dict[str, Any]]]] = {}
    checked = 0
    for kind, name, version, rel in items:
        eco = ECOSYSTEM_OF.get(kind)
        if eco is None:
            continue
        checked += 1
        declared = Path(rel).name in DECLARED or not version
        if eco not in known:
            known[eco] = database.advisories(eco)
        for entry in known[eco].get(osv_name(eco, name), []):
            verdict = judge(eco, version, declared, entry)
            if verdict.affected:
                line = _line(ctx.source, rel, name, texts)
                findings.append(_finding(name, eco, version, rel, line, entry, verdict))
    return ScanResult(tuple(findings), Status.PASSED, _detail(checked, str(info.get("imported", "")), findings))


def _detail(checked: int, imported: str, findings: list[Finding]) -> str:
    """The check's one-line summary, which the pipeline record and the catalogue's app page show:
    the vulnerable dependencies by name (ten at most)."""
    named = sorted(
        {
            f"{p['package']} {p['version']} ({p['advisory']}{'' if f.check_id == 'sca.vulnerable-dependency' else '?'})"
            for f in findings
            if (p := dict(f.params)).get("advisory")
        }
    )
    text = f"{checked} komponen diperiksa terhadap basis data {imported}"
    if named:
        more = f" +{len(named) - MAX_NAMED} lagi" if len(named) > MAX_NAMED else ""
        text += "; rentan: " + ", ".join(named[:MAX_NAMED]) + more
    return text
