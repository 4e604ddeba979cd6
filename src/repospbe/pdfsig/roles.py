"""Who must sign a document: the officials an app record names (``penandatangan``).

An app names each official once: role (``peran``), name, NIP (18 digits, civil servants)
or NIK (16 digits, e.g. the vendor's representative), and optionally the document kinds
they sign (``dokumen``; all kinds when absent). A signature is matched to an official by
the NIP/NIK in the certificate subject, never by name. A document kind may need certain
roles: a BAST needs the vendor's representative (``penyedia``, who hands over) and the
PPK (``ppk``, who receives); any other kind needs one signature by a listed official.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

REQUIRED_ROLES: dict[str, tuple[str, ...]] = {"bast": ("penyedia", "ppk")}


@dataclass(frozen=True)
class Official:
    """One official named in app.yaml ``penandatangan``; ``index`` is their position there."""

    index: int
    role: str
    name: str
    id_kind: str
    id_number: str
    documents: frozenset[str] | None

    @property
    def ident(self) -> str:
        return f"{self.id_kind.upper()} {self.id_number}"

    def signs(self, kind: str) -> bool:
        return self.documents is None or kind in self.documents


def officials(record: Any) -> list[Official]:
    """The well-formed entries of ``record['penandatangan']`` (the schema check reports the others)."""
    raw = record.get("penandatangan") if isinstance(record, dict) else None
    out: list[Official] = []
    for i, item in enumerate(raw if isinstance(raw, list) else []):
        official = _official(i, item)
        if official is not None:
            out.append(official)
    return out


def _official(index: int, item: Any) -> Official | None:
    if not isinstance(item, dict) or not isinstance(item.get("peran"), str):
        return None
    id_kind = "nip" if isinstance(item.get("nip"), str) else "nik" if isinstance(item.get("nik"), str) else ""
    if not id_kind:
        return None
    docs = item.get("dokumen")
    kinds = frozenset(d for d in docs if isinstance(d, str)) if isinstance(docs, list) else None
    return Official(index, item["peran"], str(item.get("nama", "")), id_kind, str(item[id_kind]), kinds)


def required_roles(kind: str) -> tuple[str, ...]:
    return REQUIRED_ROLES.get(kind, ())


def match(people: Iterable[Official], kind: str, id_kind: str, id_number: str) -> Official | None:
    """The official who may sign ``kind`` and holds this NIP/NIK, if any."""
    for person in people:
        if person.id_kind == id_kind and person.id_number == id_number and person.signs(kind):
            return person
    return None
