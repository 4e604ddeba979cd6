"""Shared helpers of the subdomain checks: the records to check, lazy lookups of
records that a changed-files selection did not parse, and located findings."""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import Any

from repospbe.findings import Finding, Severity
from repospbe.registry.model import Record, Registry
from repospbe.subdomains.owner_names import app_record, opd_record, record_at
from repospbe.subdomains.spec import SubdomainSpec, from_record
from repospbe.yamlio import locate

SUBDOMAIN_DIR = "registry/subdomains"


_last: tuple[weakref.ref[Registry], tuple[int, ...], list[SubdomainSpec]] | None = None


def specs(reg: Registry) -> list[SubdomainSpec]:
    """Every parsed, selected subdomain record, sorted by name (built once per
    registry object and set of records: the checks run one after another)."""
    global _last
    ident = tuple(id(r) for r in reg.subdomains.values())
    if _last is not None and _last[0]() is reg and _last[1] == ident:
        return _last[2]
    out = [from_record(name, rec) for name, rec in sorted(reg.subdomains.items()) if reg.selected(rec.path)]
    _last = (weakref.ref(reg), ident, out)
    return out


__all__ = ["app_record", "at", "at_text", "opd_record", "record_at", "specs", "subdomain"]


def subdomain(reg: Registry, name: str) -> SubdomainSpec | None:
    rec = reg.subdomains.get(name) or record_at(reg, f"{SUBDOMAIN_DIR}/{name}.yaml", "subdomain")
    return from_record(name, rec) if rec is not None else None


def at(record: Record, where: list[str | int], rule: str, severity: Severity, **params: Any) -> Finding:
    """A finding ``subdomain.<rule>`` located at ``where`` inside ``record``."""
    line, col = locate(record.text, where) if where else (0, 0)
    check_id = f"subdomain.{rule}"
    return Finding.make(
        check_id,
        severity,
        f"{check_id}.msg",
        path=record.path,
        line=line,
        column=col,
        hint=f"{check_id}.hint",
        breadcrumb=" > ".join(map(str, where)),
        **params,
    )


def at_text(rel: str, text: str, where: list[str | int], rule: str, severity: Severity, **params: Any) -> Finding:
    return at(Record(rel, "policy", None, text), where, rule, severity, **params)


def root_of(reg: Registry) -> Path:
    return reg.root
