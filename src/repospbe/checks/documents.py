"""doc.*: every app has the documents its jenis and status require, and they are finished.

Rules come from the file named by ``registry/instance.yaml`` (``aturan_dokumen``,
default ``checks/documents.yaml``), validated against its schema; a missing or
invalid rules file is a critical finding (``doc.rules-*``), never a pass.

- ``doc.missing``: a required document file is absent (reported on app.yaml, at ``status``).
- ``doc.declared-missing``: app.yaml ``dokumen:`` lists a kind whose file is absent.
- ``doc.section-missing``: a required heading is not in the document.
- ``doc.section-empty``: a required section is empty or holds only ``> Panduan:`` lines.
- ``doc.section-short``: a required section has fewer words than its minimum.
- ``doc.placeholder``: a template token ``[ISI]`` / ``[ISI: ...]`` is still there.
- ``doc.lorem``: lorem ipsum filler text.

Every present document is checked, required or not. A document the rules require only at a
later status than the app's (the template creates ``pengujian.md``, ``manual.md`` and ``bast.md``
while the app is still ``usulan``) is reported at ``info``: it does not block yet.
"""

from __future__ import annotations

from typing import Any

from repospbe.checks.base import CheckContext, app_local
from repospbe.documents.rawscan import scan_raw
from repospbe.documents.rules import (
    DocKind,
    DocRules,
    load_rules,
    not_yet_required,
    required_documents,
    rules_location,
)
from repospbe.findings import Finding, Severity
from repospbe.registry.model import Record, Registry
from repospbe.yamlio import locate

_SEVERITY = {"doc.section-short": Severity.MEDIUM}


@app_local  # findings on an app depend on its own record and documents only
def check(ctx: CheckContext) -> list[Finding]:
    reg = ctx.registry
    rules = load_rules(ctx.root, rules_location(reg))
    if not isinstance(rules, DocRules):
        return list(rules)
    findings: list[Finding] = []
    memo: dict[object, tuple[tuple[str, ...], frozenset[str]]] = {}
    for key in sorted(set(reg.apps) | set(reg.documents)):
        record = reg.apps.get(key)
        later: frozenset[str] = frozenset()
        if record is not None:
            required, later = _requirements(rules, record.data, memo)
            findings += _presence(reg, rules, key, record, required)
        findings += _contents(reg, rules, key, later)
    return findings


def _requirements(
    rules: DocRules, app: Any, memo: dict[object, tuple[tuple[str, ...], frozenset[str]]]
) -> tuple[tuple[str, ...], frozenset[str]]:
    """``required_documents`` and ``not_yet_required`` of ``app``: they depend only on its
    ``jenis``, ``status`` and ``pemeliharaan.jenis``, so they are worked out once per combination."""
    if not isinstance(app, dict):
        return required_documents(rules, app), not_yet_required(rules, app)
    upkeep = app.get("pemeliharaan")
    signature = (app.get("jenis"), app.get("status"), upkeep.get("jenis") if isinstance(upkeep, dict) else None)
    try:
        known = memo.get(signature)
    except TypeError:  # a list or mapping where a word belongs: not memoized (the schema check reports it)
        return required_documents(rules, app), not_yet_required(rules, app)
    if known is None:
        known = memo[signature] = (required_documents(rules, app), not_yet_required(rules, app))
    return known


def _presence(reg: Registry, rules: DocRules, key: str, record: Record, required: tuple[str, ...]) -> list[Finding]:
    declared = [d for d in (record.get("dokumen") or []) if isinstance(d, str)]
    out: list[Finding] = []
    for i, kind in enumerate(declared):
        spec = rules.kinds.get(kind)
        if spec is not None and not _present(reg, key, spec):
            out.append(_on_record(record, ["dokumen", i], "doc.declared-missing", kind, spec))
    for kind in required:
        spec = rules.kinds[kind]
        if kind not in declared and not _present(reg, key, spec):
            out.append(
                _on_record(
                    record,
                    ["status"],
                    "doc.missing",
                    kind,
                    spec,
                    jenis=record.get("jenis"),
                    status=record.get("status"),
                    sections=", ".join(s.title for s in spec.sections),
                )
            )
    return out


def _present(reg: Registry, key: str, spec: DocKind) -> bool:
    """The Markdown, or a signed PDF named after it (``bast.pdf``; its signatures are the pdfsig check's)."""
    pdf = f"registry/apps/{key}/{spec.filename.rsplit('.', 1)[0]}.pdf"
    return f"registry/apps/{key}/{spec.filename}" in reg.files or pdf in reg.files


def _on_record(
    record: Record, where: list[str | int], check_id: str, kind: str, spec: DocKind, **params: Any
) -> Finding:
    line, col = locate(record.text, where)
    doc_path = record.path.rsplit("/", 1)[0] + "/" + spec.filename
    return Finding.make(
        check_id,
        Severity.HIGH,
        f"{check_id}.msg",
        path=record.path,
        line=line,
        column=col,
        hint=f"{check_id}.hint",
        breadcrumb=f"dokumen > {kind}",
        doc=spec.name,
        file=doc_path,
        **params,
    )


def _contents(reg: Registry, rules: DocRules, key: str, later: frozenset[str]) -> list[Finding]:
    docs = reg.documents.get(key, {})
    out: list[Finding] = []
    for spec in rules.kinds.values():
        doc = docs.get(spec.filename[:-3])
        if doc is None:
            continue
        for issue in scan_raw(doc.raw, spec, rules):
            params = dict(issue.params)
            severity = Severity.INFO if spec.kind in later else _SEVERITY.get(issue.check_id, Severity.HIGH)
            out.append(
                Finding.make(
                    issue.check_id,
                    severity,
                    f"{issue.check_id}.msg",
                    path=doc.path,
                    line=issue.line,
                    column=1,
                    hint=f"{issue.check_id}.hint",
                    breadcrumb=str(params.get("section", "")),
                    doc=spec.name,
                    **params,
                )
            )
    return out
