"""Per-OPD aggregates and the change since a previous period."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from repospbe.maturity.ladder import AppLevel


@dataclass(frozen=True)
class OpdSummary:
    opd: str
    apps: int
    counts: tuple[tuple[str, int], ...]  # level id -> apps at exactly that level
    lowest: str
    average: float  # mean 1-based level index (0 = below the first level)


@dataclass(frozen=True)
class Move:
    key: str
    before: str
    after: str
    delta: int


def per_opd(levels: list[AppLevel], level_ids: list[str]) -> list[OpdSummary]:
    """Aggregates per OPD over the apps that count (examples marked ``contoh: true`` never do)."""
    groups: dict[str, list[AppLevel]] = {}
    for lvl in (lv for lv in levels if not lv.example):
        groups.setdefault(lvl.opd, []).append(lvl)
    out = []
    for opd, items in sorted(groups.items()):
        counts = Counter(i.level for i in items)
        lowest = min(items, key=lambda i: i.index)
        out.append(
            OpdSummary(
                opd=opd,
                apps=len(items),
                counts=tuple((lid, counts.get(lid, 0)) for lid in ["", *level_ids]),
                lowest=lowest.level,
                average=round(sum(i.index + 1 for i in items) / len(items), 2),
            )
        )
    return out


def moves(before: list[AppLevel], after: list[AppLevel]) -> list[Move]:
    old = {lvl.key: lvl for lvl in before}
    out = []
    for lvl in after:
        prev = old.get(lvl.key)
        b_index = prev.index if prev else -1
        if lvl.index != b_index:
            out.append(Move(lvl.key, prev.level if prev else "", lvl.level, lvl.index - b_index))
    return sorted(out, key=lambda m: (-m.delta, m.key))
