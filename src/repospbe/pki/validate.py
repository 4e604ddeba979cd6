"""Certificate path validation at a given moment, offline, revocation status required.

pyhanko-certvalidator builds the path from the signer's certificate through the
intermediates the signature carries to an anchor of the registry's trust store, at the
signing time. Revocation: every certificate of the path below the anchor must have
its status established by a stored CRL or OCSP response (certvalidator's ``require``
mode, nothing is fetched); a status that cannot be established is its own defect,
never valid. Stored revocation data issued after the signing time counts (it says
whether the certificate had been revoked by then). A stored CRL that lists a certificate
of the path as revoked by then is never outweighed by an OCSP "good" (``listed``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from repospbe.pki.asn1names import forget_reverse_names
from repospbe.pki.identity import identity_of
from repospbe.pki.listed import listed_revoked
from repospbe.pki.trust import TrustStore
from repospbe.pki.verdict import Defect, Verdict, refused

if TYPE_CHECKING:  # pyhanko-certvalidator takes a quarter of a second to import: only validating pays for it
    from pyhanko_certvalidator import ValidationContext


def _order() -> tuple[tuple[type[Exception], Defect], ...]:
    from pyhanko_certvalidator import errors as cv

    return (
        (cv.RevokedError, Defect.REVOKED),
        (cv.InsufficientRevinfoError, Defect.REVOCATION_UNKNOWN),
        (cv.ExpiredError, Defect.EXPIRED),
        (cv.NotYetValidError, Defect.NOT_YET_VALID),
        (cv.PathBuildingError, Defect.UNTRUSTED),
    )


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))


def may_sign(cert: x509.Certificate) -> bool:
    """The certificate has a key usage extension allowing digitalSignature or nonRepudiation."""
    try:
        ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return False
    return bool(ku.digital_signature or ku.content_commitment)


def _context(
    store: TrustStore, others: Sequence[x509.Certificate], moment: datetime, ocsps: Sequence[bytes]
) -> ValidationContext:
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(
        trust_roots=[asn1_x509.Certificate.load(der) for der in store.roots],
        other_certs=[_asn1(c) for c in others],
        crls=list(store.crls),
        ocsps=[*ocsps, *store.ocsps],
        allow_fetching=False,
        moment=moment,
        revocation_mode="require",
        retroactive_revinfo=True,
    )


def defect_of(exc: Exception) -> Defect:
    for kind, defect in _order():
        if isinstance(exc, kind):
            return defect
    return Defect.INVALID


def validate(
    cert: x509.Certificate,
    intermediates: Sequence[x509.Certificate],
    store: TrustStore,
    moment: datetime,
    ocsps: Sequence[bytes] = (),
) -> Verdict:
    """Valid when ``cert`` chains to an anchor of ``store`` at ``moment``, none of the path is
    revoked, every status is established, and ``cert`` may sign."""
    who = {
        "identity": identity_of(cert),
        "signing_time": moment,
        "subject": cert.subject.rfc4514_string(),
        "issuer": cert.issuer.rfc4514_string(),
    }
    if store.empty:
        return refused(Defect.UNTRUSTED, "the registry has no trust anchor", **who)
    from pyhanko_certvalidator import CertificateValidator
    from pyhanko_certvalidator import errors as cv

    forget_reverse_names()
    validator = CertificateValidator(
        _asn1(cert), [_asn1(c) for c in intermediates], validation_context=_context(store, intermediates, moment, ocsps)
    )
    try:
        asyncio.run(validator.async_validate_path())
    except (cv.PathValidationError, cv.PathBuildingError, cv.ValidationError) as exc:
        return refused(defect_of(exc), str(exc), **who)
    roots = [x509.load_der_x509_certificate(der) for der in store.roots]
    if listed_revoked(cert, [*intermediates, *roots], store.crls, moment) is not None:
        return refused(Defect.REVOKED, "listed as revoked in a stored CRL of its issuer", **who)
    if not may_sign(cert):
        return refused(Defect.KEY_USAGE, "no digitalSignature/nonRepudiation key usage", **who)
    return Verdict(None, **who)  # type: ignore[arg-type]
