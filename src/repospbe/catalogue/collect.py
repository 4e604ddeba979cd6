"""Gather what the catalogue shows: registry records, check findings, governance records."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from repospbe import background
from repospbe.catalogue import compliance as comp
from repospbe.catalogue.findcache import FindingsStore
from repospbe.catalogue.lean import forget_bytes, load_lean_digests
from repospbe.catalogue.views import AppView, Catalogue, Cells, OpdView
from repospbe.engine import run_checks
from repospbe.findings import Finding
from repospbe.governance import query
from repospbe.governance.types import AuditEvent
from repospbe.maturity.aggregate import moves
from repospbe.maturity.assess import assess_at, assess_loaded
from repospbe.maturity.rules import load_ladder
from repospbe.registry.handover import EXEMPT, handover_state
from repospbe.registry.model import Record, Registry
from repospbe.registry.paths import SLUG_RE
from repospbe.yamlio import load_file

MAX_MANIFEST_BYTES = 32 * 1024 * 1024
__all__ = ["AppView", "Catalogue", "OpdView", "collect"]


def collect(root: Path, since: str | None = None, cache: FindingsStore | None = None) -> Catalogue:
    """Load the registry at ``root``, run its checks and read its governance records;
    place every app on the maturity ladder (and compare with ``since`` when given).
    ``cache``: the findings of unchanged apps kept by the last build (``findcache``)."""
    audit_read = background.start(query.audit_events, root)  # mostly git's time: beside the load
    try:
        return _collect(root, since, cache, audit_read)
    except BaseException:
        background.wait_quietly(audit_read)  # waited for once more: nothing left running
        raise


def _collect(
    root: Path, since: str | None, cache: FindingsStore | None, audit_read: Callable[[], list[AuditEvent]]
) -> Catalogue:
    lean = load_lean_digests(root, *((cache.records, cache.files) if cache is not None else ()))
    reg = lean.registry
    if cache is not None:
        cache.bind(reg, lean.digests)
    findings = run_checks(reg, cache=cache)
    forget_bytes(reg)
    if cache is not None:
        cache.forget_last()
    grouped = comp.group_by_app(reg, findings)
    subs_by_app = _subdomains_by_app(reg)
    side = _side_by_app(reg)
    apps = {
        key: _app(reg, key, record, grouped.get(key, []), subs_by_app.get(key, []), side.get(key, []))
        for key, record in sorted(reg.apps.items())
    }
    opds = _opds(reg, apps)
    audit = audit_read()
    known = {k: (tuple(a.pipelines), tuple(a.releases), tuple(a.decisions)) for k, a in apps.items()}
    ladder = load_ladder(root)
    placed = assess_loaded(reg, findings, root, sorted(reg.apps), audit=audit, known=known, ladder=ladder)
    levels = {lv.key: lv for lv in placed}
    moves_since = moves(assess_at(root, since, sorted(reg.apps)), list(levels.values())) if since else None
    return Catalogue(
        reg,
        apps,
        opds,
        grouped.get(comp.GLOBAL, []),
        audit,
        levels,
        tuple(lv.id for lv in ladder.process),
        moves_since,
        dict(cache.keys) if cache is not None else {},
    )


def _subdomains_by_app(reg: Registry) -> dict[str, list[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for label in reg.subdomains:
        owner = comp.subdomain_owner(reg, label)
        if owner:
            found[owner].add(label)
    for key, record in reg.apps.items():
        for label in record.get("subdomain") or []:
            if isinstance(label, str):
                found[key].add(label)
    return {key: sorted(labels) for key, labels in found.items()}


def _side_by_app(reg: Registry) -> dict[str, list[tuple[str, str]]]:
    side: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for rel, kind in reg.files.items():
        if kind in ("waivers", "handover"):
            side[rel.split("/")[2] + "/" + rel.split("/")[3]].append((rel, kind))
    return side


def _app(
    reg: Registry,
    key: str,
    record: Record,
    findings: list[Finding],
    subs: list[str],
    side: list[tuple[str, str]],
) -> AppView:
    docs = set(reg.documents.get(key, {}))
    sumber = record.get("sumber")
    exempt = handover_state(record.data) == EXEMPT
    has_source = isinstance(sumber, dict) and bool(sumber.get("repo")) or exempt
    hosting = record.get("hosting")
    cells = comp.registry_cells(
        findings,
        docs,
        has_source,
        bool(subs),
        pemda_built=not exempt,
        has_address=bool(record.get("alamat")),
        national=isinstance(hosting, dict) and hosting.get("lokasi") == "nasional",
    )
    view = AppView(key, record, findings, cells, subs)
    _governance(reg.root, view)
    view.cells = Cells(view.cells)  # complete: from now on its changes are counted
    _side_files(reg.root, view, side)
    return view


def _governance(root: Path, view: AppView) -> None:
    records = query.pipeline_records(root, view.key)
    view.pipelines = records
    if records:
        view.pipeline = records[-1]
        view.app_run = next((a for a in records[-1].apps if a.key == view.key), None)
    view.decisions = query.decisions(root, view.key)
    view.releases = query.releases(root, view.key)
    view.cells["pipeline"] = comp.pipeline_cell(view.pipeline.status if view.pipeline else None)
    view.cells["persetujuan"] = comp.approval_cell(view.decisions)
    scanned = {c.name: c.status for c in view.app_run.checks} if view.app_run else {}
    pinned = isinstance(view.record.get("sumber"), dict)
    for scanner, column in comp.SCANNER_COLUMNS:
        view.cells[column] = comp.scanner_cell(view.cells[column], scanned.get(scanner), pinned)
    if view.releases and view.cells["rilis"].status != "gagal":
        view.cells["rilis"] = comp.OK_CELL


def _side_files(root: Path, view: AppView, side: list[tuple[str, str]]) -> None:
    for rel, kind in sorted(side):
        if kind == "waivers":
            data = load_file(root / rel, rel).data
            items = data.get("pengecualian", []) if isinstance(data, dict) else []
            view.waivers = list(items) if isinstance(items, list) else []
        elif rel.endswith(".json"):
            view.handover.append((rel, _json(root / rel)))
        elif rel.endswith((".yaml", ".yml")):
            view.handover.append((rel, load_file(root / rel, rel).data))


def _json(path: Path) -> Any:
    """A handover manifest (JSON, at most ``MAX_MANIFEST_BYTES``); None when unreadable."""
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            return None
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _opds(reg: Registry, apps: dict[str, AppView]) -> dict[str, OpdView]:
    opds = {code: OpdView(code, record) for code, record in sorted(reg.opds.items())}
    for key in apps:
        opds.setdefault(key.split("/", 1)[0], OpdView(key.split("/", 1)[0], None)).apps.append(key)
    for label, record in sorted(reg.subdomains.items()):
        owner = record.get("opd")
        if isinstance(owner, str) and SLUG_RE.match(owner):  # the code names a page: never a path
            opds.setdefault(owner, OpdView(owner, None)).subdomains.append(label)
    return opds
