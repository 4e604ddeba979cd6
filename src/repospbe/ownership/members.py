"""Who is who, by public key or by certificate identity (NIP/NIK), in a registry snapshot."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from repospbe.registry.instance import config_of
from repospbe.registry.model import Registry

IDENTITY = re.compile(r"^(NIP:[0-9]{18}|NIK:[0-9]{16})$")  # what a certificate's subject names
_NIP = re.compile(r"^[0-9]{18}$")


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


def roles_by_identity(reg: Registry) -> dict[str, list[Role]]:
    """Roles by certificate identity: an OPD maintainer by ``NIP:<nip>`` of their ``pengelola`` entry,
    a reviewer of the approver role by their ``sertifikat.identitas`` (vendors carry no NIP)."""
    out: dict[str, list[Role]] = {}
    role_name = config_of(reg).approver_role
    for r in (reg.reviewers.get("reviewers", []) if reg.reviewers else []) or []:
        if not isinstance(r, dict):
            continue
        cert = r.get("sertifikat")
        number = str(cert.get("identitas", "")) if isinstance(cert, dict) else ""
        if r.get("peran") == role_name and IDENTITY.match(number):
            out.setdefault(number, []).append(Role("diskominfo", str(r.get("id")), str(r.get("nama", ""))))
    for code, record in reg.opds.items():
        for m in record.get("pengelola") or []:
            if isinstance(m, dict) and _NIP.match(str(m.get("nip", ""))):
                role = Role("maintainer", str(m.get("id")), str(m.get("nama", "")), opd=code)
                out.setdefault(f"NIP:{m['nip']}", []).append(role)
    return out


def roles_of(reg: Registry, principal: str) -> list[Role]:
    """The roles of an opener named by an SSH public key line, or by a certificate identity ``NIP:…``."""
    if IDENTITY.match(principal):
        return roles_by_identity(reg).get(principal, [])
    return roles_by_key(reg).get(normalise_key(principal), [])
