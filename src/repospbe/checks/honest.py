"""data.example-record: records marked ``contoh: true`` are examples, not Pemda facts.

The bundled registry ships example records (the example app, sample reviewers, a
naming exception) so that a fresh installation shows every feature. They carry
``contoh: true`` and the catalogue and summaries show them with a CONTOH badge and
leave them out of every figure. This check lists each one so nobody mistakes it for a
fact: ``info`` while the registry is not declared a production registry, ``low``
(blocking) once ``instance.yaml`` says ``mode: produksi``: a production registry must
replace or delete its examples.
"""

from __future__ import annotations

from typing import Any

from repospbe.checks.base import CheckContext
from repospbe.findings import Finding, Severity
from repospbe.registry.model import Record, Registry
from repospbe.subdomains.policy import EXCEPTIONS_FILE
from repospbe.yamlio import load_file, locate

CHECK_ID = "data.example-record"
PRODUCTION = "produksi"


def is_example(data: Any) -> bool:
    """A record (mapping) marked ``contoh: true``."""
    return isinstance(data, dict) and data.get("contoh") is True


def production(reg: Registry) -> bool:
    return reg.instance is not None and reg.instance.get("mode") == PRODUCTION


def check(ctx: CheckContext) -> list[Finding]:
    reg = ctx.registry
    severity = Severity.LOW if production(reg) else Severity.INFO
    out: list[Finding] = []
    for record in (*reg.opds.values(), *reg.apps.values(), *reg.subdomains.values()):
        if reg.selected(record.path) and is_example(record.data):
            out.append(_at(record, ["contoh"], severity))
    if reg.reviewers is not None and reg.selected(reg.reviewers.path):
        out += _listed(reg.reviewers, "reviewers", severity)
    exceptions = reg.root / EXCEPTIONS_FILE
    if exceptions.is_file() and reg.selected(EXCEPTIONS_FILE):
        loaded = load_file(exceptions, EXCEPTIONS_FILE)
        if loaded.data is not None:
            out += _listed(Record(EXCEPTIONS_FILE, "policy", loaded.data, loaded.text), "pengecualian", severity)
    return out


def _listed(record: Record, key: str, severity: Severity) -> list[Finding]:
    if is_example(record.data):
        return [_at(record, ["contoh"], severity)]
    items = record.get(key)
    return [
        _at(record, [key, i, "contoh"], severity)
        for i, item in enumerate(items if isinstance(items, list) else [])
        if is_example(item)
    ]


def _at(record: Record, where: list[str | int], severity: Severity) -> Finding:
    line, col = locate(record.text, where)
    return Finding.make(
        CHECK_ID,
        severity,
        f"{CHECK_ID}.msg",
        path=record.path,
        line=line,
        column=col,
        hint=f"{CHECK_ID}.hint",
        breadcrumb=" > ".join(map(str, where)),
        record=record.path,
    )
