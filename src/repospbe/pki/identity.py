"""Who a certificate names: name (CN), NIP or NIK, organisation.

Convention (documented in docs/panduan/sertifikat-elektronik.md): the civil-servant
number sits in the subject's ``serialNumber`` attribute (OID 2.5.4.5) as
``NIP:<18 digits>``, or ``NIK:<16 digits>`` for a person without a NIP (a vendor's
representative). Anything else in that attribute is no identity: a certificate whose
subject carries no such number cannot be matched to a reviewer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cryptography import x509
from cryptography.x509.oid import NameOID

_NUMBER = re.compile(r"^(NIP):([0-9]{18})$|^(NIK):([0-9]{16})$")


@dataclass(frozen=True)
class Identity:
    name: str
    nip: str
    nik: str
    organisation: str

    @property
    def number(self) -> str:
        """``NIP:<digits>`` / ``NIK:<digits>``, or '' when the subject carries neither."""
        return f"NIP:{self.nip}" if self.nip else f"NIK:{self.nik}" if self.nik else ""


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if len(values) == 1 else ""


def identity_of(cert: x509.Certificate) -> Identity:
    """The identity in ``cert``'s subject (empty fields where the subject has none, or several)."""
    subject = cert.subject
    m = _NUMBER.match(_attr(subject, NameOID.SERIAL_NUMBER))
    return Identity(
        name=_attr(subject, NameOID.COMMON_NAME),
        nip=m.group(2) if m and m.group(1) else "",
        nik=m.group(4) if m and m.group(3) else "",
        organisation=_attr(subject, NameOID.ORGANIZATION_NAME),
    )
