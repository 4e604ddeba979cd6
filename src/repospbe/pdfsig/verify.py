"""Every signature of one PDF validated offline with pyHanko (PAdES).

For each signature pyHanko says whether it is intact (digest and signature value) and
what it covers (the whole file, or a revision followed by later changes, and whether
those changes leave the signed content alone). The signer's certificate is then
validated with the registry's trust store at the signing time the signature carries
(``repospbe.pki.validate``: offline, stored CRLs, revocation status required, key
usage), so a PDF signature and a certificate-signed decision are judged alike. A PDF
pyHanko cannot read is one problem for the whole file, never a pass.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext

from repospbe.pdfsig.limits import MAX_PDF_BYTES
from repospbe.pki.asn1names import forget_reverse_names
from repospbe.pki.trust import TrustStore
from repospbe.pki.validate import validate
from repospbe.pki.verdict import Defect, Verdict, refused

forget_reverse_names()  # pyHanko was just imported (repospbe.pki.asn1names)

# pyHanko logs every refused path with a traceback; the findings say it instead.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

# pyHanko's modification levels that leave an earlier signature's content untouched.
_HARMLESS = frozenset({"NONE", "LTA_UPDATES", "FORM_FILLING"})
_ERRORS = (SignatureValidationError, PdfError, ValueError, KeyError, TypeError, IndexError)


@dataclass(frozen=True)
class SignatureReport:
    """One signature: integrity and coverage from pyHanko, the certificate ``verdict`` from ``repospbe.pki``."""

    field: str
    intact: bool
    covers_file: bool
    later_changes_harmless: bool
    verdict: Verdict


class UnreadablePdf(Exception):
    """The bytes are not a PDF pyHanko can read; ``args[0]`` says why (English, for the finding)."""


def verify_pdf(data: bytes, store: TrustStore) -> list[SignatureReport]:
    """One report per signature of ``data``, in file order (earliest revision first)."""
    if len(data) > MAX_PDF_BYTES:
        raise UnreadablePdf(f"larger than {MAX_PDF_BYTES} bytes")
    if not data.startswith(b"%PDF-"):
        raise UnreadablePdf("no %PDF- header")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_regular_signatures)
    except _ERRORS as exc:
        raise UnreadablePdf(f"{type(exc).__name__}: {exc}"[:200]) from None
    return [_one(sig, store) for sig in embedded]


def _one(sig: EmbeddedPdfSignature, store: TrustStore) -> SignatureReport:
    name = str(sig.field_name or "")
    try:
        # Integrity and coverage only: an empty context trusts nothing and fetches nothing.
        status = validate_pdf_signature(sig, signer_validation_context=ValidationContext(trust_roots=[]))
    except _ERRORS as exc:
        return SignatureReport(name, False, False, False, refused(Defect.MALFORMED, f"{type(exc).__name__}: {exc}"))
    return _report(name, sig, status, store)


def _report(name: str, sig: EmbeddedPdfSignature, status: PdfSignatureStatus, store: TrustStore) -> SignatureReport:
    coverage = getattr(status.coverage, "name", str(status.coverage))
    level = status.modification_level.name if status.modification_level is not None else "NONE"
    return SignatureReport(
        field=name,
        intact=bool(status.intact and status.valid),
        covers_file=coverage == "ENTIRE_FILE",
        later_changes_harmless=coverage == "ENTIRE_FILE" or (level in _HARMLESS and bool(status.docmdp_ok)),
        verdict=_certificate(sig, status, store),
    )


def _certificate(sig: EmbeddedPdfSignature, status: PdfSignatureStatus, store: TrustStore) -> Verdict:
    try:
        cert = _crypto(status.signing_cert)
        others = [_crypto(c) for c in sig.other_embedded_certs]
    except ValueError as exc:
        return refused(Defect.MALFORMED, str(exc))
    if status.signer_reported_dt is None:
        return refused(Defect.NO_SIGNING_TIME, "no signing time attribute", subject=cert.subject.rfc4514_string())
    return validate(cert, others, store, status.signer_reported_dt)


def _crypto(cert: asn1_x509.Certificate) -> x509.Certificate:
    return x509.load_der_x509_certificate(cert.dump())
