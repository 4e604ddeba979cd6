"""The source handover obligation of an app record (seed 6.2.5.2, 6.2.5.3, 6.2.4.3).

Where an app stands: source pinned, owed (``pengembangan``/``produksi`` without a pinned
source), not required (``usulan``/``dihentikan``), or exempt because the central or provincial
government maintains it, with (``exempt``) or without (``exempt-unfounded``) a cited basis.
The registry check ``checks/source_handover.py`` turns an owed state into a blocking finding;
the pipeline and the catalogue read the same state from here.
"""

from __future__ import annotations

from typing import Any

NOT_HANDED_OVER = "source.not-handed-over"
NO_BASIS = "source.exemption-without-basis"
REQUIRED_STATUSES = ("pengembangan", "produksi")
EXEMPT_KINDS = ("pusat", "provinsi")

# handover states of an app record
PINNED, MISSING, NOT_REQUIRED, EXEMPT, EXEMPT_UNFOUNDED = (
    "pinned",
    "missing",
    "not-required",
    "exempt",
    "exempt-unfounded",
)


def handover_state(data: Any) -> str:
    """Where an app record stands on the source handover obligation."""
    if not isinstance(data, dict):
        return NOT_REQUIRED
    pin = data.get("sumber")
    if isinstance(pin, dict) and pin.get("repo") and pin.get("commit"):
        return PINNED
    if data.get("status") not in REQUIRED_STATUSES:
        return NOT_REQUIRED
    upkeep = data.get("pemeliharaan")
    if isinstance(upkeep, dict) and upkeep.get("jenis") in EXEMPT_KINDS:
        basis = upkeep.get("dasar")
        return EXEMPT if isinstance(basis, str) and basis.strip() else EXEMPT_UNFOUNDED
    return MISSING


def needs_handover(data: Any) -> bool:
    """True when the record breaks the obligation (a blocking finding)."""
    return handover_state(data) in (MISSING, EXEMPT_UNFOUNDED)


def pemda_built(data: Any) -> bool:
    """Built by an OPD or a vendor for the Pemda (not maintained by the central/provincial government)."""
    upkeep = data.get("pemeliharaan") if isinstance(data, dict) else None
    return not (isinstance(upkeep, dict) and upkeep.get("jenis") in EXEMPT_KINDS)
