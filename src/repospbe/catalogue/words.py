"""Words for machine values on catalogue pages: statuses, a decision's effective status,
the maintenance arrangement. Texts live in ``locale/catalogue2.yaml``; the catalogue is
Indonesian (``LANG``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from repospbe.governance import standing
from repospbe.governance.types import Decision
from repospbe.i18n import catalog, t

LANG = "id"
IN_FORCE = "berlaku"
SUPERSEDED = "digantikan"
NOT_COUNTED = "tidak-berlaku"


def status_word(status: object) -> str:
    """``passed`` → ``lulus`` (unknown values are shown as they are)."""
    key = f"catalogue.status.{status}"
    return t(key, LANG) if key in catalog() else str(status)


def decision_states(decisions: Sequence[Decision]) -> list[tuple[str, str]]:
    """(state, explanation) for each decision, in order, from governance's effective status
    (``governance.standing``, the one computation ``mr show`` and the evidence pack use):
    in force, superseded by the same reviewer's later decision, or not in force and why."""
    out = []
    for d in decisions:
        if d.status == standing.IN_FORCE:
            out.append((IN_FORCE, t("catalogue.decision.in-force", LANG)))
        elif d.status == standing.SUPERSEDED:
            out.append((SUPERSEDED, t("catalogue.decision.superseded", LANG)))
        else:
            out.append((NOT_COUNTED, t("catalogue.decision.not-counted", LANG, reason=problem_word(d.problem))))
    return out


def problem_word(problem: str) -> str:
    key = f"catalogue.problem.{problem or 'unknown'}"
    return t(key, LANG) if key in catalog() else problem


def maintenance(data: Any) -> str:
    """``pemeliharaan`` in words: "Vendor: CV Contoh (kontrak 12/2026, berakhir 2027-12-31)"."""
    if not isinstance(data, dict):
        return str(data or "")
    text = upkeep_kind(str(data.get("jenis", "")))
    extra = [
        t(f"catalogue.upkeep.field.{name}", LANG, value=data[name])
        for name in ("penyedia", "nomor_kontrak", "berakhir", "dasar")
        if data.get(name)
    ]
    return text + (" (" + "; ".join(extra) + ")" if extra else "")


def upkeep_kind(kind: str) -> str:
    """``pusat`` → "Dikelola Pemerintah Pusat"."""
    key = f"catalogue.upkeep.{kind}"
    return t(key, LANG) if key in catalog() else kind
