"""Technical function capability: the declared level, checked for plausibility.

A declared level is accepted only when its requirements and those of every lower
level hold; otherwise the accepted level is the highest one that does.
"""

from __future__ import annotations

from collections.abc import Callable

from repospbe.maturity.criteria import terintegrasi
from repospbe.maturity.evidence import AppEvidence

Requirement = Callable[[AppEvidence, int], bool]


def _tech(ev: AppEvidence) -> dict[str, object]:
    value = ev.record.get("kapabilitas_teknis")
    return value if isinstance(value, dict) else {}


TECH_REQUIREMENTS: dict[str, Requirement] = {
    "punya-alamat": lambda ev, lvl: bool(
        ev.record.get("alamat") or ev.record.get("tautan") or ev.record.get("subdomain")
    ),
    "punya-bukti": lambda ev, lvl: bool(_tech(ev).get("bukti")),
    # A verified certificate signature (a signed PDF document), never the free-text field
    # ``kapabilitas_teknis.sertifikat_elektronik`` (kept for the record, it proves nothing).
    "sertifikat-elektronik": lambda ev, lvl: bool(ev.certificates),
    "terintegrasi": lambda ev, lvl: terintegrasi(ev, {})[0],
    "proses-terintegrasi": lambda ev, lvl: lvl >= 3,
}


def declared_level(ev: AppEvidence) -> str:
    return str(_tech(ev).get("tingkat", ""))
