"""source.*: the source code of every Pemda app is handed over (seed 6.2.5.2, 6.2.5.3).

An app built by an OPD or a vendor for the Pemda whose ``status`` is ``pengembangan`` or
``produksi`` must record a pinned source (``sumber.repo`` and ``sumber.commit``); without
one it is a blocking finding (``source.not-handed-over``) on the ``status`` line of its
``app.yaml``. Only apps maintained by the central or provincial government (6.2.4.3) are
exempt, and only with the evidence the record cites: ``pemeliharaan.jenis`` ``pusat`` or
``provinsi`` together with ``pemeliharaan.dasar`` (the document or seed line that says so).
An exemption without a cited basis is itself a blocking finding
(``source.exemption-without-basis``). ``usulan`` and ``dihentikan`` apps need no source (and
no exemption).
"""

from __future__ import annotations

from typing import Any

from repospbe.checks.base import CheckContext, app_local
from repospbe.findings import Finding, Severity
from repospbe.registry.handover import EXEMPT_UNFOUNDED, MISSING, NO_BASIS, NOT_HANDED_OVER, handover_state
from repospbe.registry.model import Record
from repospbe.yamlio import locate

__all__ = ["NO_BASIS", "NOT_HANDED_OVER", "check"]


@app_local
def check(ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for key, record in sorted(ctx.registry.apps.items()):
        finding = _finding(key, record)
        if finding is not None:
            out.append(finding)
    return out


def _finding(key: str, record: Record) -> Finding | None:
    state = handover_state(record.data)
    if state == MISSING:
        where: list[str | int] = ["sumber"] if isinstance(record.get("sumber"), dict) else ["status"]
        return _at(record, where, NOT_HANDED_OVER, app=key, status=str(record.get("status")))
    if state == EXEMPT_UNFOUNDED:
        kind = str(record.data["pemeliharaan"]["jenis"])
        return _at(record, ["pemeliharaan", "jenis"], NO_BASIS, app=key, kind=kind)
    return None


def _at(record: Record, where: list[str | int], check_id: str, **params: Any) -> Finding:
    line, col = locate(record.text, where)
    return Finding.make(
        check_id,
        Severity.HIGH,
        f"{check_id}.msg",
        path=record.path,
        line=line,
        column=col,
        hint=f"{check_id}.hint",
        breadcrumb=" > ".join(map(str, where)),
        **params,
    )
