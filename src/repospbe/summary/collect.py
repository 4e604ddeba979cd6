"""A compliance summary of a registry: per OPD its apps, documents and blocking findings.

An app is compliant only with no blocking finding AND a green pipeline record AND a verified
approval (no record is never a pass, seed 6.2.5.2). Apps marked ``contoh: true`` are listed
with an example badge and left out of every total.

The library returns values (:class:`RegistrySummary`); ``summary_render`` turns them
into text, Markdown or JSON and ``repospbe.cli.registry.summary`` prints them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from repospbe.documents.rules import DocRules, load_rules, required_documents, rules_location
from repospbe.engine import run_checks
from repospbe.findings import Finding
from repospbe.governance import query
from repospbe.governance.standing import approved_now
from repospbe.registry import load_registry
from repospbe.registry.model import Registry
from repospbe.registry.paths import app_key
from repospbe.states import Status


@dataclass(frozen=True)
class AppSummary:
    """One app: what it is, which documents it has and needs, how many findings block it."""

    key: str
    nama: str
    jenis: str
    status: str
    present: tuple[str, ...]
    required: tuple[str, ...]
    blocking: int
    compliant: bool
    example: bool = False
    recorded: bool = False  # a passed pipeline record and a verified approval exist

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(k for k in self.required if k not in self.present)

    @property
    def required_present(self) -> int:
        return len(self.required) - len(self.missing)

    def as_dict(self) -> dict[str, Any]:
        return {
            "app": self.key,
            "nama": self.nama,
            "jenis": self.jenis,
            "status": self.status,
            "dokumen_ada": list(self.present),
            "dokumen_wajib": list(self.required),
            "dokumen_kurang": list(self.missing),
            "temuan_memblokir": self.blocking,
            "patuh": self.compliant,
            "contoh": self.example,
            "tercatat": self.recorded,
        }


@dataclass(frozen=True)
class OpdSummary:
    """One OPD with its apps; ``blocking`` counts findings on the OPD record itself."""

    kode: str
    nama: str
    registered: bool
    apps: tuple[AppSummary, ...]
    blocking: int

    @property
    def counted(self) -> tuple[AppSummary, ...]:
        """The apps that count in figures (examples never do)."""
        return tuple(a for a in self.apps if not a.example)

    @property
    def compliant(self) -> int:
        return sum(1 for a in self.counted if a.compliant)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kode": self.kode,
            "nama": self.nama,
            "terdaftar": self.registered,
            "temuan_memblokir": self.blocking,
            "aplikasi": [a.as_dict() for a in self.apps],
        }


@dataclass(frozen=True)
class RegistrySummary:
    """The whole registry: OPDs, totals, and whether the document rules could be used."""

    pemda: str
    domain: str
    opds: tuple[OpdSummary, ...]
    findings: int
    blocking: int
    other_blocking: int
    rules_ok: bool

    @property
    def apps_total(self) -> int:
        """Apps that count (examples marked ``contoh: true`` excluded)."""
        return sum(len(o.counted) for o in self.opds)

    @property
    def apps_examples(self) -> int:
        return sum(len(o.apps) - len(o.counted) for o in self.opds)

    @property
    def apps_compliant(self) -> int:
        return sum(o.compliant for o in self.opds)

    def as_dict(self) -> dict[str, Any]:
        return {
            "pemda": self.pemda,
            "domain": self.domain,
            "aturan_dokumen_sah": self.rules_ok,
            "jumlah": {
                "opd": len(self.opds),
                "aplikasi": self.apps_total,
                "aplikasi_patuh": self.apps_compliant,
                "aplikasi_contoh": self.apps_examples,
                "temuan": self.findings,
                "temuan_memblokir": self.blocking,
                "temuan_memblokir_lain": self.other_blocking,
            },
            "opd": [o.as_dict() for o in self.opds],
        }


def summarize(root: Path) -> RegistrySummary:
    """Load the registry at ``root``, run every check once, and summarize."""
    reg = load_registry(root)
    return summarize_loaded(reg, run_checks(reg))


def summarize_loaded(reg: Registry, findings: list[Finding]) -> RegistrySummary:
    """Summarize an already loaded and checked registry."""
    rules = load_rules(reg.root, rules_location(reg))
    rules_ok = isinstance(rules, DocRules)
    per_app: Counter[str] = Counter()
    per_opd: Counter[str] = Counter()
    other = 0
    for f in findings:
        if not f.blocks():
            continue
        key = app_key(f.path)
        if key is not None:
            per_app[key] += 1
        elif f.path.startswith("registry/opd/") and f.path.endswith(".yaml"):
            per_opd[f.path[len("registry/opd/") : -5]] += 1
        else:
            other += 1
    with query.snapshot(reg.root):  # the governance refs read once for every app
        apps = [_app(reg, key, rules if isinstance(rules, DocRules) else None, per_app[key]) for key in reg.app_names]
    opds = _group(reg, apps, per_opd)
    return RegistrySummary(
        pemda=reg.pemda,
        domain=reg.domain,
        opds=opds,
        findings=len(findings),
        blocking=sum(1 for f in findings if f.blocks()),
        other_blocking=other,
        rules_ok=rules_ok,
    )


def _app(reg: Registry, key: str, rules: DocRules | None, blocking: int) -> AppSummary:
    record = reg.apps.get(key)
    data = record.data if record is not None and isinstance(record.data, dict) else {}
    kinds = rules.kinds.values() if rules else ()
    present = tuple(k.kind for k in kinds if f"registry/apps/{key}/{k.filename}" in reg.files)
    required = required_documents(rules, data) if rules else ()
    recorded = _recorded(reg.root, key)
    return AppSummary(
        key=key,
        nama=str(data.get("nama", key.split("/")[1])),
        jenis=str(data.get("jenis", "?")),
        status=str(data.get("status", "?")),
        present=present,
        required=tuple(required),
        blocking=blocking,
        compliant=blocking == 0 and rules is not None and record is not None and recorded,
        example=data.get("contoh") is True,
        recorded=recorded,
    )


def _recorded(root: Path, key: str) -> bool:
    """The app's last pipeline record passed and its latest merge request's approval is in force."""
    records = query.pipeline_records(root, key)
    if not records or records[-1].status != Status.PASSED:
        return False
    decisions = query.decisions(root, key)
    return approved_now(decisions) is True


def _group(reg: Registry, apps: list[AppSummary], per_opd: Counter[str]) -> tuple[OpdSummary, ...]:
    by_opd: dict[str, list[AppSummary]] = {}
    for a in apps:
        by_opd.setdefault(a.key.split("/")[0], []).append(a)
    codes = sorted(set(reg.opd_names) | set(by_opd))
    out = []
    for code in codes:
        record = reg.opds.get(code)
        nama = str(record.get("nama", code)) if record is not None else code
        out.append(
            OpdSummary(
                code,
                nama,
                code in reg.opd_names,
                tuple(sorted(by_opd.get(code, []), key=lambda a: a.key)),
                per_opd[code],
            )
        )
    return tuple(out)
