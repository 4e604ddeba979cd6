"""record.placeholder: a template placeholder (``[ISI: ...]``) left in a record field.

``repospbe new app`` writes ``deskripsi: "[ISI: ...]"`` into app.yaml; an OPD or subdomain
record copied from an example may carry the same. Such a field is not a fact, so it blocks
like an unfinished document does (``doc.placeholder``). The token is the one of the document
rules (``belum_selesai.token``, default ``ISI``); what counts as a placeholder is defined once
in ``repospbe.documents.placeholder``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from repospbe.checks.base import CheckContext
from repospbe.documents.placeholder import placeholders
from repospbe.documents.rules import DocRules, load_rules, rules_location
from repospbe.findings import Finding, Severity
from repospbe.registry.model import Record
from repospbe.yamlio import locate

CHECK_ID = "record.placeholder"
DEFAULT_TOKEN = "ISI"


def check(ctx: CheckContext) -> list[Finding]:
    reg = ctx.registry
    rules = load_rules(ctx.root, rules_location(reg))
    token = rules.token if isinstance(rules, DocRules) else DEFAULT_TOKEN  # a broken rules file is reported by doc.*
    out: list[Finding] = []
    for record in (*reg.opds.values(), *reg.apps.values(), *reg.subdomains.values()):
        if reg.selected(record.path) and token in record.text:
            out += _in_record(record, token)
    return out


def _in_record(record: Record, token: str) -> list[Finding]:
    out: list[Finding] = []
    for where, value in _strings(record.data, []):
        found = next(placeholders(value, token), None)
        if found is None:
            continue
        line, col = locate(record.text, where)
        field = ".".join(map(str, where))
        out.append(
            Finding.make(
                CHECK_ID, Severity.HIGH, path=record.path, line=line, column=col, field=field, token=found.group(0)[:60]
            )
        )
    return out


def _strings(node: Any, where: list[str | int]) -> Iterator[tuple[list[str | int], str]]:
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, [*where, str(key)])
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, [*where, i])
