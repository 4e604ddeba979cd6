"""Who is who, by public key, in a registry snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from repospbe.registry.instance import config_of
from repospbe.registry.model import Registry


@dataclass(frozen=True)
class Role:
    kind: str  # "diskominfo" | "maintainer" | "vendor"
    member: str  # member id
    name: str
    opd: str = ""
    app: str = ""  # opd/app for vendors
    until: str = ""  # contract end (vendors)

    def active(self, today: date) -> bool:
        return self.kind != "vendor" or (bool(self.until) and self.until >= today.isoformat())


def normalise_key(key: str) -> str:
    """``type base64`` of an OpenSSH public key line (comment dropped)."""
    parts = key.split()
    return " ".join(parts[:2]) if len(parts) >= 2 else key.strip()


def roles_by_key(reg: Registry) -> dict[str, list[Role]]:
    out: dict[str, list[Role]] = {}

    def add(key: Any, role: Role) -> None:
        if isinstance(key, str) and key.strip():
            out.setdefault(normalise_key(key), []).append(role)

    reviewers = reg.reviewers.get("reviewers", []) if reg.reviewers else []
    role_name = config_of(reg).approver_role
    for r in reviewers or []:
        if isinstance(r, dict) and r.get("peran") == role_name:
            add(r.get("kunci_publik"), Role("diskominfo", str(r.get("id")), str(r.get("nama", ""))))
    for code, record in reg.opds.items():
        for m in record.get("pengelola") or []:
            if isinstance(m, dict):
                add(m.get("kunci_publik"), Role("maintainer", str(m.get("id")), str(m.get("nama", "")), opd=code))
    for key, record in reg.apps.items():
        for v in record.get("vendor") or []:
            if isinstance(v, dict):
                add(
                    v.get("kunci_publik"),
                    Role(
                        "vendor",
                        str(v.get("id")),
                        str(v.get("nama", "")),
                        opd=key.split("/")[0],
                        app=key,
                        until=str(v.get("berakhir", "")),
                    ),
                )
    return out
