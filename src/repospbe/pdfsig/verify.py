"""Every signature of one PDF validated offline with pyHanko (PAdES).

For each signature: is it intact (digest and signature value), what does it cover
(the whole file, or only a revision followed by unsigned changes), does the signer's
certificate chain to a configured trust anchor at validation time with the stored CRLs
(never fetched: ``allow_fetching=False``; a status that cannot be established is
``revocation-unknown``, never valid), and who signed, when. A PDF pyHanko cannot read
is one problem for the whole file, never a pass.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, replace
from datetime import datetime

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext

# pyHanko logs every refused path with a traceback; the findings say it instead.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False

MAX_PDF_BYTES = 20 * 1024 * 1024
# pyHanko's modification levels that keep an earlier signature's content untouched.
_HARMLESS = frozenset({"NONE", "LTA_UPDATES", "FORM_FILLING"})


@dataclass(frozen=True)
class Anchors:
    """What validation trusts: root certificates, intermediates offered, stored CRLs (DER)."""

    roots: tuple[asn1_x509.Certificate, ...]
    intermediates: tuple[asn1_x509.Certificate, ...] = ()
    crls: tuple[bytes, ...] = ()


@dataclass(frozen=True)
class SignatureReport:
    """One signature: ``trust`` is ``ok``, ``untrusted``, ``revoked``, ``revocation-unknown``, ``expired``."""

    field: str
    intact: bool
    covers_file: bool
    later_changes_harmless: bool
    trust: str
    trust_detail: str
    certificate: asn1_x509.Certificate | None
    signing_time: datetime | None

    @property
    def subject(self) -> str:
        return self.certificate.subject.human_friendly if self.certificate is not None else ""


class UnreadablePdf(Exception):
    """The bytes are not a PDF pyHanko can read; ``args[0]`` says why (English, for the finding)."""


def verify_pdf(data: bytes, anchors: Anchors, *, moment: datetime | None = None) -> list[SignatureReport]:
    """One report per signature of ``data``, in file order (earliest revision first)."""
    if len(data) > MAX_PDF_BYTES:
        raise UnreadablePdf(f"larger than {MAX_PDF_BYTES} bytes")
    if not data.startswith(b"%PDF-"):
        raise UnreadablePdf("no %PDF- header")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_regular_signatures)
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise UnreadablePdf(f"{type(exc).__name__}: {exc}"[:200]) from None
    return [_one(sig, anchors, moment) for sig in embedded]


def _context(anchors: Anchors, moment: datetime | None, mode: str = "require") -> ValidationContext:
    return ValidationContext(
        trust_roots=list(anchors.roots),
        other_certs=list(anchors.intermediates),
        crls=list(anchors.crls),
        allow_fetching=False,
        revocation_mode=mode,
        moment=moment,
    )


def _one(sig: object, anchors: Anchors, moment: datetime | None) -> SignatureReport:
    name = str(getattr(sig, "field_name", "") or "")
    try:
        status = validate_pdf_signature(sig, signer_validation_context=_context(anchors, moment))  # type: ignore[arg-type]
    except (SignatureValidationError, PdfError, ValueError, KeyError, TypeError) as exc:
        return SignatureReport(name, False, False, False, "untrusted", f"{type(exc).__name__}: {exc}"[:200], None, None)
    report = _report(name, status)
    if report.trust == "untrusted" and report.intact and _trusted_without_revocation(sig, anchors, moment):
        return replace(report, trust="revocation-unknown", trust_detail="no stored CRL covers the chain")
    return report


def _trusted_without_revocation(sig: object, anchors: Anchors, moment: datetime | None) -> bool:
    """True when the chain validates once revocation is not required: its status is unknown, not bad."""
    try:
        status = validate_pdf_signature(sig, signer_validation_context=_context(anchors, moment, "soft-fail"))  # type: ignore[arg-type]
    except (SignatureValidationError, PdfError, ValueError, KeyError, TypeError):
        return False
    return bool(status.trusted)


def _report(name: str, status: PdfSignatureStatus) -> SignatureReport:
    coverage = getattr(status.coverage, "name", str(status.coverage))
    level = getattr(status.modification_level, "name", "OTHER") if status.modification_level is not None else "NONE"
    trust, detail = _trust(status)
    return SignatureReport(
        field=name,
        intact=bool(status.intact and status.valid),
        covers_file=coverage == "ENTIRE_FILE",
        later_changes_harmless=coverage == "ENTIRE_FILE" or (level in _HARMLESS and bool(status.docmdp_ok)),
        trust=trust,
        trust_detail=detail,
        certificate=status.signing_cert,
        signing_time=status.signer_reported_dt,
    )


def _trust(status: PdfSignatureStatus) -> tuple[str, str]:
    indic = status.trust_problem_indic
    if indic is None and status.trusted:
        return "ok", ""
    label = getattr(indic, "name", str(indic))
    if label.startswith("REVOKED"):
        return "revoked", label
    if label in {"TRY_LATER", "REVOCATION_OUT_OF_BOUNDS_NO_POE"}:
        return "revocation-unknown", label
    if label in {"OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED", "EXPIRED", "NOT_YET_VALID"}:
        return "expired", label
    return "untrusted", label

