"""Place an app on the ladder: each level needs its criteria and every lower level."""

from __future__ import annotations

from dataclasses import dataclass

from repospbe.maturity.criteria import CRITERIA
from repospbe.maturity.evidence import AppEvidence
from repospbe.maturity.rules import Ladder
from repospbe.maturity.technical import TECH_REQUIREMENTS, declared_level


@dataclass(frozen=True)
class CriterionResult:
    level: str
    criterion: str
    ok: bool
    reason: str


@dataclass(frozen=True)
class AppLevel:
    key: str
    opd: str
    level: str  # "" = below the first level
    index: int  # 0-based index of ``level``; -1 when below the first
    results: tuple[CriterionResult, ...]
    blocking: tuple[CriterionResult, ...]  # failed criteria of the next level
    tech_declared: str
    tech_accepted: str
    tech_missing: tuple[str, ...]
    example: bool = False  # record marked ``contoh: true``: reported with a badge, never aggregated


def place(ev: AppEvidence, ladder: Ladder) -> AppLevel:
    results: list[CriterionResult] = []
    by_level: dict[str, list[CriterionResult]] = {}  # level id -> its results, in order
    params, shared = ladder.params, _RESULTS
    for lvl in ladder.process:
        mine = by_level.setdefault(lvl.id, [])
        for c in lvl.needs:
            ok, reason = CRITERIA[c](ev, params)
            result = shared.get((lvl.id, c, ok, reason)) if type(ok) is bool and type(reason) is str else None
            if result is None:
                result = _result(lvl.id, c, ok, reason)
            results.append(result)
            mine.append(result)
    index = -1
    for i, lvl in enumerate(ladder.process):
        if all(r.ok for r in by_level[lvl.id]):
            index = i
        else:
            break
    nxt = ladder.process[index + 1].id if index + 1 < len(ladder.process) else ""
    blocking = tuple(r for r in by_level.get(nxt, ()) if not r.ok)
    declared, accepted, missing = _technical(ev, ladder, index)
    return AppLevel(
        key=ev.key,
        opd=ev.key.split("/")[0],
        level=ladder.process[index].id if index >= 0 else "",
        index=index,
        results=tuple(results),
        blocking=blocking,
        tech_declared=declared,
        tech_accepted=accepted,
        tech_missing=missing,
        example=ev.record.get("contoh") is True,
    )


_RESULTS: dict[tuple[str, str, bool, str], CriterionResult] = {}


def _result(level: str, criterion: str, ok: bool, reason: str) -> CriterionResult:
    """``CriterionResult(level, criterion, ok, reason)``: immutable, so one object serves every app
    with the same result (the catalogue knows equal results by identity; a few dozen in all)."""
    found = CriterionResult(level, criterion, ok, reason)
    exact = type(level) is str and type(criterion) is str and type(ok) is bool and type(reason) is str
    if exact and len(_RESULTS) < 4096:  # the ladder's data: a bounded set (keyed by values of these types only)
        return _RESULTS.setdefault((level, criterion, ok, reason), found)
    return found


def _technical(ev: AppEvidence, ladder: Ladder, process_index: int) -> tuple[str, str, tuple[str, ...]]:
    declared = declared_level(ev)
    ids = [lvl.id for lvl in ladder.technical]
    if declared not in ids:
        return declared, "", ()
    accepted = ""
    for lvl in ladder.technical[: ids.index(declared) + 1]:
        missing = tuple(r for r in lvl.needs if not TECH_REQUIREMENTS[r](ev, process_index))
        if missing:
            return declared, accepted, missing
        accepted = lvl.id
    return declared, accepted, ()
