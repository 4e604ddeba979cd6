"""Certificate (CMS, PKCS#7 detached) signatures over backup manifests: ``manifest.p7s``.

Signed over the exact bytes of ``manifest.json``; verified with ``pki.cms`` against a
``BackupTrust`` kept outside the backup (path validated at the signing time, revocation
status required, unknown status never valid), and the signer's NIP/NIK must be one of
the trust directory's ``operators.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from repospbe.backup.certtrust import BackupTrust
from repospbe.errors import PolicyError
from repospbe.governance.certsig import CertSigner
from repospbe.pki import cms
from repospbe.writefile import write_atomic

CMS_SIGNATURE = "manifest.p7s"
OCSP_RESPONSE = "manifest.ocsp"  # optional DER OCSP response about the signer (evidence, signed by its CA)
_MAX_OCSP = 100_000
NOT_OPERATOR = "operator"  # reason beside the pki defects: valid certificate, not a backup operator


@dataclass(frozen=True)
class CertCheck:
    """The verdict on one set's ``manifest.p7s``: ``reason`` is '' when valid, a ``pki.verdict.Defect``
    value, or ``operator``."""

    reason: str
    name: str = ""
    number: str = ""
    signing_time: datetime | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return not self.reason


def require_operator_cert(signer: CertSigner, trust: BackupTrust) -> str:
    """``<name> (<NIP:…>)`` of a certificate that validates now and names a listed operator;
    PolicyError before anything is written otherwise."""
    verdict = signer.check_now(trust.store)
    if not verdict.ok:
        raise PolicyError("backup.cert-refused-now", reason=verdict.reason, detail=verdict.detail or "-")
    number = verdict.identity.number if verdict.identity else ""
    operator = trust.operator(number)
    if operator is None:
        raise PolicyError(
            "backup.cert-not-operator-now", identity=number or "-", file=str(trust.directory / "operators.yaml")
        )
    return f"{operator.nama} ({number})"


def sign_manifest(manifest: Path, signer: CertSigner) -> Path:
    """Write ``manifest.p7s`` beside ``manifest`` over its exact bytes (and ``manifest.ocsp`` when
    the signer brought an OCSP response); return its path."""
    out = manifest.with_name(CMS_SIGNATURE)
    write_atomic(out, signer.sign(manifest.read_bytes()))
    if signer.ocsp:
        write_atomic(manifest.with_name(OCSP_RESPONSE), signer.ocsp)
    return out


def check_manifest(manifest: Path, signature: Path, trust: BackupTrust) -> CertCheck:
    """The verdict on ``signature`` as the certificate signature of ``manifest``."""
    ocsp = manifest.with_name(OCSP_RESPONSE)
    try:
        if signature.stat().st_size > cms.MAX_SIGNATURE_BYTES:
            return CertCheck("rusak", detail="too large")
        payload, sig = manifest.read_bytes(), signature.read_bytes()
        ocsps = (ocsp.read_bytes(),) if ocsp.is_file() and ocsp.stat().st_size <= _MAX_OCSP else ()
    except OSError as exc:
        return CertCheck("rusak", detail=str(exc)[:200])
    verdict = cms.verify_detached(payload, sig, trust.store, ocsps)
    ident = verdict.identity
    name, number = (ident.name, ident.number) if ident else ("", "")
    if not verdict.ok:
        return CertCheck(verdict.reason, name, number, verdict.signing_time, verdict.detail)
    if trust.operator(number) is None:
        return CertCheck(NOT_OPERATOR, name, number, verdict.signing_time)
    return CertCheck("", name, number, verdict.signing_time)
