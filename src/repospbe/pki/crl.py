"""A fetched CRL, verified before it is stored; and how it compares with the stored one.

A CRL counts only when it parses (DER or PEM), names the certificate's issuer as its own
issuer, is signed by that issuer's key, is a complete CRL (not a delta) and was not issued in
the future. Against the stored CRL of the same issuer it must be newer: a lower CRL number
or an older ``thisUpdate`` is a replay (an attacker, or a stale mirror, serving yesterday's
list to hide today's revocation) and is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from repospbe.pki.fetch import Refused

SKEW = timedelta(minutes=5)  # clocks of a PSrE and a Pemda server may differ this much


class Change(StrEnum):
    NEW = "baru"  # no CRL of this issuer stored yet
    NEWER = "lebih-baru"  # replaces an older one
    SAME = "sama"  # what is stored already (nothing written)


@dataclass(frozen=True)
class CrlInfo:
    der: bytes
    tbs: bytes  # what is signed (ECDSA signs the same list differently each time)
    number: int | None
    this_update: datetime
    next_update: datetime | None
    revoked: int  # how many entries

    @property
    def stale(self) -> bool:
        return self.next_update is not None and self.next_update < datetime.now(UTC)


def parse(body: bytes) -> x509.CertificateRevocationList:
    """A CRL from DER or PEM bytes; Refused ``not-der`` otherwise."""
    try:
        if body.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_crl(body)
        return x509.load_der_x509_crl(body)
    except ValueError as exc:
        raise Refused("not-der", str(exc)) from exc


def info(crl: x509.CertificateRevocationList) -> CrlInfo:
    try:
        number: int | None = crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
    except x509.ExtensionNotFound:
        number = None
    return CrlInfo(
        crl.public_bytes(Encoding.DER),
        crl.tbs_certlist_bytes,
        number,
        crl.last_update_utc,
        crl.next_update_utc,
        sum(1 for _ in crl),
    )


def signed_by(crl: x509.CertificateRevocationList, issuer: x509.Certificate) -> bool:
    """``crl`` names ``issuer`` and its signature verifies with ``issuer``'s key."""
    if crl.issuer != issuer.subject:
        return False
    try:
        return bool(crl.is_signature_valid(issuer.public_key()))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def verify(body: bytes, issuer: x509.Certificate, now: datetime | None = None) -> CrlInfo:
    """The CRL in ``body`` if ``issuer`` signed it and it may be stored; Refused otherwise."""
    crl = parse(body)
    if not signed_by(crl, issuer):
        raise Refused("wrong-issuer", f"{crl.issuer.rfc4514_string()} / {issuer.subject.rfc4514_string()}")
    try:
        crl.extensions.get_extension_for_class(x509.DeltaCRLIndicator)
        raise Refused("not-der", "delta CRL")
    except x509.ExtensionNotFound:
        pass
    got = info(crl)
    if got.this_update > (now or datetime.now(UTC)) + SKEW:
        raise Refused("future", got.this_update.isoformat())
    return got


def compare(new: CrlInfo, stored: CrlInfo | None) -> Change:
    """How ``new`` stands against the ``stored`` CRL of the same issuer; Refused ``replay`` when older."""
    if stored is None:
        return Change.NEW
    if new.tbs == stored.tbs:
        return Change.SAME
    older_number = new.number is not None and stored.number is not None and new.number < stored.number
    if older_number or new.this_update < stored.this_update:
        was, now = stored.this_update.isoformat(), new.this_update.isoformat()
        raise Refused("replay", f"CRL {new.number}, {now} < CRL {stored.number}, {was}")
    if new.this_update == stored.this_update or (new.number is not None and new.number == stored.number):
        # another list under the same number or time: not a successor, refused as a replay is
        raise Refused("replay", f"CRL {new.number}/{new.this_update.isoformat()} again with other content")
    return Change.NEWER
