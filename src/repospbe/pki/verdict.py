"""The result of verifying a certificate signature: valid, or one named defect."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from repospbe.pki.identity import Identity


class Defect(StrEnum):
    """Why a certificate signature does not count (each has its own message key ``pki.defect.<value>``)."""

    MALFORMED = "rusak"  # not a DER CMS SignedData, or a certificate that cannot be parsed
    BAD_SIGNATURE = "tanda-tangan"  # the signature does not cover these bytes with this certificate
    NO_SIGNING_TIME = "tanpa-waktu"  # no signingTime signed attribute: nothing to validate at
    UNTRUSTED = "tak-tepercaya"  # no path to a trust anchor of the registry
    EXPIRED = "kedaluwarsa"  # a certificate of the path had expired at the signing time
    NOT_YET_VALID = "belum-berlaku"  # a certificate of the path was not yet valid at the signing time
    REVOKED = "dicabut"  # a certificate of the path was revoked before the signing time
    REVOCATION_UNKNOWN = "status-tak-diketahui"  # no stored CRL/OCSP establishes the status
    KEY_USAGE = "penggunaan-kunci"  # the certificate may not sign (digitalSignature / nonRepudiation)
    INVALID = "tidak-sah"  # any other path validation failure (weak algorithm, constraints)
    IDENTITY = "identitas"  # no NIP/NIK in the subject, or not the reviewer's


@dataclass(frozen=True)
class Verdict:
    """Valid when ``defect`` is None; ``detail`` is the validator's own words (English, for logs)."""

    defect: Defect | None
    identity: Identity | None = None
    signing_time: datetime | None = None
    detail: str = ""
    subject: str = ""
    issuer: str = ""

    @property
    def ok(self) -> bool:
        return self.defect is None

    @property
    def reason(self) -> str:
        """The defect's short name ('' when valid)."""
        return self.defect.value if self.defect else ""


def refused(defect: Defect, detail: str = "", **rest: object) -> Verdict:
    return Verdict(defect, detail=detail[:300], **rest)  # type: ignore[arg-type]
