"""The plan: what applying the registry would change in the deployed zone.

Modelled on octoDNS (``provider/plan.py``, ``record/change.py``): changes are
tiny typed classes (Delete, Create, Update, in that order), each with a ``data``
form; the plan's checksum is the sha256 of its canonical JSON, so an approval
names exactly one plan. Safety: with at least ``min_records`` existing record
sets, changing or deleting more than ``threshold`` of them, or touching the
apex NS, needs ``--force``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from repospbe.canonical import digest
from repospbe.dns.zone import APEX, RRset, Zone, sort_key


@dataclass(frozen=True)
class Change:
    """One record set to create, update or delete."""

    existing: RRset | None
    desired: RRset | None
    ORDER: ClassVar[int] = 0
    KIND: ClassVar[str] = ""

    @property
    def record(self) -> RRset:
        rr = self.desired or self.existing
        assert rr is not None
        return rr

    @property
    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"change": self.KIND, "name": self.record.name, "type": self.record.type}
        if self.existing is not None:
            out["existing"] = {"ttl": self.existing.ttl, "values": list(self.existing.values)}
        if self.desired is not None:
            out["desired"] = {"ttl": self.desired.ttl, "values": list(self.desired.values)}
        return out

    def sort_key(self) -> tuple[int, tuple[int, tuple[str, ...], str]]:
        return (self.ORDER, sort_key(self.record.key))


class Delete(Change):
    ORDER = 0
    KIND = "delete"


class Create(Change):
    ORDER = 1
    KIND = "create"


class Update(Change):
    ORDER = 2
    KIND = "update"


@dataclass(frozen=True)
class Unsafe:
    """Why a plan needs ``--force``: ``too-much-change`` or ``root-ns``."""

    reason: str
    changed: int = 0
    existing: int = 0
    percent: float = 0.0
    limit: float = 0.0


@dataclass(frozen=True)
class Plan:
    zone: str
    changes: tuple[Change, ...]
    existing: Zone
    desired: Zone

    @property
    def data(self) -> dict[str, Any]:
        return {"zone": self.zone, "changes": [c.data for c in self.changes]}

    @property
    def checksum(self) -> str:
        return digest(self.data)

    def count(self, kind: type[Change]) -> int:
        return sum(1 for c in self.changes if type(c) is kind)

    def unsafe(self, threshold: float, min_records: int) -> list[Unsafe]:
        """Reasons this plan must not be applied without ``--force``."""
        out: list[Unsafe] = []
        existing = len(self.existing)
        touched = self.count(Update) + self.count(Delete)
        if existing >= min_records and existing and touched / existing > threshold:
            out.append(Unsafe("too-much-change", touched, existing, 100.0 * touched / existing, 100.0 * threshold))
        if existing and any(c.record.key == (APEX, "NS") and not isinstance(c, Create) for c in self.changes):
            out.append(Unsafe("root-ns"))
        return out


def make_plan(zone: str, existing: Zone, desired: Zone) -> Plan:
    """Compare ``existing`` with ``desired``; changes sorted deterministically."""
    changes: list[Change] = []
    for key in existing.keys() - desired.keys():
        changes.append(Delete(existing[key], None))
    for key, rr in desired.items():
        old = existing.get(key)
        if old is None:
            changes.append(Create(None, rr))
        elif (old.ttl, old.values) != (rr.ttl, rr.values):
            changes.append(Update(old, rr))
    return Plan(zone, tuple(sorted(changes, key=Change.sort_key)), dict(existing), dict(desired))
