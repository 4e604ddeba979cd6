"""Ladder criteria: one small function each, registered in one table.

Each returns ``(ok, reason)`` where ``reason`` is an i18n key suffix explaining a
failure (``maturity.why.<reason>``), and the fix hint is ``maturity.fix.<criterion>``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any

from repospbe import stamp
from repospbe.errors import InputError
from repospbe.licences import is_open_source
from repospbe.maturity.evidence import AppEvidence
from repospbe.registry.handover import pemda_built
from repospbe.states import Status

Result = tuple[bool, str]
Criterion = Callable[[AppEvidence, dict[str, Any]], Result]
_RECORD_PREFIXES = ("schema.", "ref.", "yaml.", "file.", "layout.")


def terdaftar(ev: AppEvidence, p: dict[str, Any]) -> Result:
    """Registered: a valid record with an existing owner OPD and a lifecycle status."""
    if not ev.record:
        return False, "no-record"
    if any(f.check_id.startswith(_RECORD_PREFIXES) for f in ev.findings):
        return False, "record-invalid"
    return True, ""


def dokumen_lengkap(ev: AppEvidence, p: dict[str, Any]) -> Result:
    """Every document the rules require is present and complete (no ``doc.*`` finding)."""
    return (False, "documents") if any(f.check_id.startswith("doc.") for f in ev.findings) else (True, "")


def pipeline_hijau_rilis(ev: AppEvidence, p: dict[str, Any]) -> Result:
    """The deployed version has a verified release and its pipeline passed."""
    if not any(r.verified for r in ev.releases):
        return False, "no-release"
    if not ev.pipelines or ev.pipelines[-1].status != Status.PASSED:
        return False, "pipeline-not-green"
    return True, ""


def templat_terkini(ev: AppEvidence, p: dict[str, Any]) -> Result:
    """Special apps follow the current template (``templat`` recorded, no drift finding)."""
    if ev.jenis != "khusus":
        return True, ""
    if not ev.record.get("templat"):
        return False, "no-template"
    if any(f.check_id.startswith("template.") for f in ev.findings):
        return False, "template-behind"
    return True, ""


def lisensi_hak_cipta(ev: AppEvidence, p: dict[str, Any]) -> Result:
    """Open-source SPDX license (shared list checks/lisensi.yaml); the Pemda holds the copyright of every app
    built for it (umum and khusus; not central/provincial ones)."""
    spdx = ev.record.get("lisensi")
    if not isinstance(spdx, str):
        return False, "license"
    allowed = p["lisensi_terbuka"]
    if not (_open_source(str(spdx), allowed) if isinstance(allowed, frozenset) else is_open_source(spdx, allowed)):
        return False, "license"
    if pemda_built(ev.record) and ev.record.get("hak_cipta") != ev.pemda:
        return False, "copyright"
    return True, ""


@lru_cache(maxsize=1024)
def _open_source(spdx: str, allowed: frozenset[str]) -> bool:
    """``is_open_source``, once per expression and list (most apps name the same few)."""
    return is_open_source(spdx, allowed)


def terintegrasi(ev: AppEvidence, p: dict[str, Any]) -> Result:
    """Integrated in the single-window portal or the interoperability system."""
    integ = ev.record.get("integrasi") or {}
    return (True, "") if integ.get("portal") or integ.get("interoperabilitas") else (False, "not-integrated")


def riwayat_pipeline(ev: AppEvidence, p: dict[str, Any]) -> Result:
    """Measured over time: at least N pipeline records for the app."""
    return (True, "") if len(ev.pipelines) >= p["riwayat_pipeline_minimal"] else (False, "history")


def tanpa_temuan_tinggi(ev: AppEvidence, p: dict[str, Any]) -> Result:
    """No open High or Critical finding, in the registry or the latest pipeline."""
    if any(f.severity.value in ("high", "critical") for f in ev.findings):
        return False, "high-findings"
    latest = ev.pipelines[-1] if ev.pipelines else None
    if latest is None or any(c.blocking for a in latest.apps for c in a.checks):
        return False, "high-findings"
    return True, ""


def pengecualian_berlaku(ev: AppEvidence, p: dict[str, Any]) -> Result:
    """Every waiver is within its expiry date (and none is flagged stale)."""
    if any(f.check_id.startswith("waiver.") for f in ev.findings):
        return False, "waiver"
    for waiver in ev.waivers:
        expiry = str(waiver.get("kedaluwarsa") or waiver.get("berlaku_sampai") or waiver.get("expires") or "")
        if not expiry or expiry < ev.today.isoformat():
            return False, "waiver"
    return True, ""


def rilis_terkini(ev: AppEvidence, p: dict[str, Any]) -> Result:
    """A verified release within the last N months."""
    months = int(p["rilis_maksimal_bulan"])
    cutoff = _months_before(ev.today, months)
    return (True, "") if any(r.verified and _on_or_after(r.time, cutoff) for r in ev.releases) else (False, "stale")


def audit_bersih(ev: AppEvidence, p: dict[str, Any]) -> Result:
    """``audit verify`` over the registry history reports no breach."""
    return (False, "audit") if ev.audit_problems else (True, "")


def _on_or_after(time: str, day: date) -> bool:
    """The stamp ``time`` falls on ``day`` or later (UTC); an unreadable stamp does not."""
    try:
        return stamp.parse(time).date() >= day
    except InputError:
        return False


def _months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, 28))


CRITERIA: dict[str, Criterion] = {
    "terdaftar": terdaftar,
    "dokumen-lengkap": dokumen_lengkap,
    "pipeline-hijau-rilis": pipeline_hijau_rilis,
    "templat-terkini": templat_terkini,
    "lisensi-hak-cipta": lisensi_hak_cipta,
    "terintegrasi": terintegrasi,
    "riwayat-pipeline": riwayat_pipeline,
    "tanpa-temuan-tinggi": tanpa_temuan_tinggi,
    "pengecualian-berlaku": pengecualian_berlaku,
    "rilis-terkini": rilis_terkini,
    "audit-bersih": audit_bersih,
}
