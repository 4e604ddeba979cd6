"""A certificate listed as revoked in a stored CRL of its issuer: never set aside by an OCSP "good".

pyhanko-certvalidator reads a stored OCSP response first and, when it says ``good``, does not
look at CRLs. A responder that has not caught up (or a ``good`` response fetched before the
revocation and still within its nextUpdate) would then outweigh a CRL that lists the certificate
as revoked. This check runs after path validation: any CRL in the trust store that the
certificate's issuer signed and that lists the certificate as revoked at or before the moment
makes it revoked. A ``certificateHold`` entry (which a CA may lift) is left to the validator.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature

from repospbe.pki.crl import signed_by


def _issuer(cert: x509.Certificate, candidates: Sequence[x509.Certificate]) -> x509.Certificate | None:
    for cand in candidates:
        if cand.subject == cert.issuer:
            try:
                cert.verify_directly_issued_by(cand)
            except (ValueError, TypeError, InvalidSignature):
                continue
            return cand
    return None


def _held(entry: x509.RevokedCertificate) -> bool:
    try:
        reason = entry.extensions.get_extension_for_class(x509.CRLReason).value.reason
    except x509.ExtensionNotFound:
        return False
    return reason == x509.ReasonFlags.certificate_hold


def _chain(cert: x509.Certificate, pool: Sequence[x509.Certificate]) -> list[tuple[x509.Certificate, x509.Certificate]]:
    """(certificate, issuer) pairs from ``cert`` up to a self-signed one: the path itself, not every
    certificate a signature happens to carry (its certificate set is not signed)."""
    out: list[tuple[x509.Certificate, x509.Certificate]] = []
    while len(out) < 10:
        issuer = _issuer(cert, pool)
        if issuer is None or issuer == cert:
            break
        out.append((cert, issuer))
        cert = issuer
    return out


def listed_revoked(
    cert: x509.Certificate, pool: Sequence[x509.Certificate], crls: Sequence[bytes], moment: datetime
) -> x509.Certificate | None:
    """The first certificate of ``cert``'s path (issuers from ``pool``) that a stored CRL of its issuer
    lists as revoked at ``moment``."""
    parsed = []
    for der in crls:
        try:
            parsed.append(x509.load_der_x509_crl(der))
        except ValueError:
            continue
    for member, issuer in _chain(cert, pool):
        for crl in parsed:
            entry = crl.get_revoked_certificate_by_serial_number(member.serial_number)
            if entry is None or _held(entry) or not signed_by(crl, issuer):
                continue
            if entry.revocation_date_utc <= moment:
                return member
    return None
