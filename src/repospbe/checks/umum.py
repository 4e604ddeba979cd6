"""umum.*: aplikasi umum are used uniformly; a khusus app duplicating one is justified and approved (seed 6.2.5.1).

Aplikasi umum "wajib digunakan secara seragam oleh semua Perangkat Daerah" (6.2.5.1), and a new
aplikasi khusus needs Diskominfo's "sepengetahuan, koordinasi, persetujuan dan supervisi"
(6.2.5.2). A ``jenis: khusus`` app whose ``fungsi`` include one of the aplikasi umum functions of
``registry/instance.yaml`` (``aplikasi_umum_fungsi``, the nine of 6.2.5.1 huruf a-i) must record:

- ``justifikasi_duplikasi``: why the aplikasi umum cannot serve (``umum.duplicate-unjustified``
  when absent), and
- ``persetujuan_duplikasi: {nomor, tanggal, disetujui_oleh}``: Diskominfo's approval of that
  justification, the letter number, its date (a real calendar date) and the approving official
  (``umum.duplicate-unapproved`` when absent or incomplete).

Apps that are not ``dihentikan`` are checked; an app with no overlapping function needs neither.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from repospbe.checks.base import CheckContext, app_local
from repospbe.findings import Finding, Severity
from repospbe.registry.model import Record
from repospbe.yamlio import locate

APPROVAL_FIELDS = ("nomor", "tanggal", "disetujui_oleh")


@app_local
def check(ctx: CheckContext) -> list[Finding]:
    raw = ctx.registry.instance.get("aplikasi_umum_fungsi") if ctx.registry.instance else None
    common = {str(x) for x in raw} if isinstance(raw, list) else set()
    out: list[Finding] = []
    for key, record in sorted(ctx.registry.apps.items()):
        data = record.data
        if not isinstance(data, dict) or data.get("jenis") != "khusus" or data.get("status") == "dihentikan":
            continue
        fns = data.get("fungsi")
        same = sorted({str(f) for f in fns if isinstance(f, str)} & common) if isinstance(fns, list) else []
        if same:
            out += _justified(key, record, ", ".join(same))
    return out


def _justified(key: str, record: Record, same: str) -> list[Finding]:
    reason = record.get("justifikasi_duplikasi")
    if not isinstance(reason, str) or not reason.strip():
        return [_at(record, ["fungsi"], "umum.duplicate-unjustified", app=key, functions=same)]
    missing = _approval_gaps(record.get("persetujuan_duplikasi"))
    if missing:
        where: list[str | int] = (
            ["persetujuan_duplikasi"] if "persetujuan_duplikasi" in record.data else ["justifikasi_duplikasi"]
        )
        return [_at(record, where, "umum.duplicate-unapproved", app=key, functions=same, fields=missing)]
    return []


def _approval_gaps(approval: Any) -> str:
    if not isinstance(approval, dict):
        return ", ".join(APPROVAL_FIELDS)
    gaps = [f for f in APPROVAL_FIELDS if not isinstance(approval.get(f), str) or not approval[f].strip()]
    if "tanggal" not in gaps and not _real_date(approval["tanggal"]):
        gaps.append("tanggal")
    return ", ".join(gaps)


def _real_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _at(record: Record, where: list[str | int], check_id: str, **params: Any) -> Finding:
    line, col = locate(record.text, where)
    return Finding.make(
        check_id,
        Severity.HIGH,
        path=record.path,
        line=line,
        column=col,
        breadcrumb=" > ".join(map(str, where)),
        **params,
    )
