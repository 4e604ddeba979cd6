"""Typed, tolerant view of one subdomain record.

Schema errors are the schema check's business: here a malformed part is skipped,
so every rule can run on whatever is well formed and all problems show at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from repospbe.registry.model import Record

RECORD_TYPES = ("A", "AAAA", "CNAME", "MX", "TXT", "CAA", "SRV")


@dataclass(frozen=True)
class RecordSpec:
    """One entry of ``records``: its index (for line lookups), type and values."""

    index: int
    type: str
    values: tuple[Any, ...]
    ttl: int | None
    example: bool
    hosting_exception: bool

    @property
    def where(self) -> list[str | int]:
        return ["records", self.index]


@dataclass(frozen=True)
class SubdomainSpec:
    """A subdomain file: name (from the file name), owner and records."""

    name: str
    record: Record
    opd: str | None
    app: str | None
    for_opd: str | None
    ttl: int | None
    records: tuple[RecordSpec, ...]

    @property
    def path(self) -> str:
        return self.record.path


def from_record(name: str, record: Record) -> SubdomainSpec:
    """Build the view; anything of the wrong shape is left out."""
    data = _dict(record.data)
    untuk = _dict(data.get("untuk"))
    return SubdomainSpec(
        name=name,
        record=record,
        opd=_str(data.get("opd")),
        app=_str(untuk.get("app")),
        for_opd=_str(untuk.get("opd")),
        ttl=_int(data.get("ttl")),
        records=tuple(_records(data.get("records"))),
    )


def _records(raw: Any) -> list[RecordSpec]:
    if not isinstance(raw, list):
        return []
    out: list[RecordSpec] = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict) or item.get("type") not in RECORD_TYPES:
            continue
        values = item.get("values") if "values" in item else [item.get("value")]
        if not isinstance(values, list):
            continue
        out.append(
            RecordSpec(
                index=index,
                type=str(item["type"]),
                values=tuple(v for v in values if v is not None),
                ttl=_int(item.get("ttl")),
                example=item.get("contoh") is True,
                hosting_exception=isinstance(item.get("pengecualian_hosting"), dict),
            )
        )
    return out


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
