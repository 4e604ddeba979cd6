"""An OCSP request (RFC 6960, with a nonce) and the verification of its response before storing it.

A response counts only when: it is a DER OCSPResponse with status ``successful``; one of its
single responses is about this certificate (serial and issuer hashes of the CertID); it is
signed by the issuer itself or by a responder certificate the issuer issued directly with
``id-kp-OCSPSigning`` (valid now); it answers this request (our nonce) or, from a responder
that does not echo nonces (RFC 5019), its ``thisUpdate`` is recent and its ``nextUpdate`` not
past; and the status is ``good`` or ``revoked`` (``unknown`` establishes nothing and is not
stored: the validator keeps reporting the status as unknown, never as valid).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID

from repospbe.pki.crl import SKEW
from repospbe.pki.fetch import Refused

MAX_AGE = timedelta(days=4)  # without our nonce, a response older than this may be a replay
CONTENT_TYPE = "application/ocsp-request"
ACCEPT = "application/ocsp-response"


@dataclass(frozen=True)
class OcspInfo:
    der: bytes
    status: str  # "good" | "revoked"
    this_update: datetime
    next_update: datetime | None
    nonce: bool  # the response echoed our nonce


def request(cert: x509.Certificate, issuer: x509.Certificate) -> tuple[bytes, bytes]:
    """(DER request, nonce) asking about ``cert``; SHA-1 CertID, as every responder understands."""
    nonce = os.urandom(16)
    builder = ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA1())  # noqa: S303 - CertID
    built = builder.add_extension(x509.OCSPNonce(nonce), critical=False).build()
    return built.public_bytes(Encoding.DER), nonce


def _about(single: ocsp.OCSPSingleResponse, cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    if single.serial_number != cert.serial_number:
        return False
    try:
        expected = ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, single.hash_algorithm).build()
    except (ValueError, TypeError):
        return False
    return (expected.issuer_key_hash, expected.issuer_name_hash) == (single.issuer_key_hash, single.issuer_name_hash)


def _names_responder(resp: ocsp.OCSPResponse, cand: x509.Certificate) -> bool:
    if resp.responder_name is not None:
        return bool(resp.responder_name == cand.subject)
    key_sha1 = asn1_x509.Certificate.load(cand.public_bytes(Encoding.DER)).public_key.sha1
    return bool(resp.responder_key_hash == key_sha1)


def _verifies(resp: ocsp.OCSPResponse, key: object) -> bool:
    algo = resp.signature_hash_algorithm
    data, sig = resp.tbs_response_bytes, resp.signature
    try:
        if isinstance(key, rsa.RSAPublicKey) and algo is not None:
            key.verify(sig, data, padding.PKCS1v15(), algo)
        elif isinstance(key, ec.EllipticCurvePublicKey) and algo is not None:
            key.verify(sig, data, ec.ECDSA(algo))
        elif isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(sig, data)
        else:
            return False
    except (InvalidSignature, ValueError):
        return False
    return True


def _delegated(cand: x509.Certificate, issuer: x509.Certificate, now: datetime) -> bool:
    """``cand`` is a responder certificate ``issuer`` issued directly for OCSP signing, valid ``now``."""
    try:
        cand.verify_directly_issued_by(issuer)
        eku = cand.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except (ValueError, TypeError, InvalidSignature, x509.ExtensionNotFound):
        return False
    return ExtendedKeyUsageOID.OCSP_SIGNING in eku and cand.not_valid_before_utc <= now <= cand.not_valid_after_utc


def _signed_properly(resp: ocsp.OCSPResponse, issuer: x509.Certificate, now: datetime) -> bool:
    for cand in [issuer, *resp.certificates]:
        if cand is not issuer and not _delegated(cand, issuer, now):
            continue
        if _names_responder(resp, cand) and _verifies(resp, cand.public_key()):
            return True
    return False


def _nonce(resp: ocsp.OCSPResponse) -> bytes | None:
    try:
        return resp.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce
    except x509.ExtensionNotFound:
        return None


def _single(resp: ocsp.OCSPResponse, cert: x509.Certificate, issuer: x509.Certificate) -> ocsp.OCSPSingleResponse:
    for single in resp.responses:
        if _about(single, cert, issuer):
            return single
    raise Refused("ocsp-serial", f"no response about serial {cert.serial_number:x}")


def load(body: bytes) -> ocsp.OCSPResponse:
    try:
        resp = ocsp.load_der_ocsp_response(body)
    except ValueError as exc:
        raise Refused("not-der", str(exc)) from exc
    if resp.response_status != ocsp.OCSPResponseStatus.SUCCESSFUL:
        raise Refused("ocsp-status", resp.response_status.name.lower())
    return resp


def verify(
    body: bytes, cert: x509.Certificate, issuer: x509.Certificate, nonce: bytes | None, now: datetime | None = None
) -> OcspInfo:
    """The response in ``body`` about ``cert`` if it may be stored; Refused otherwise."""
    now = now or datetime.now(UTC)
    resp = load(body)
    single = _single(resp, cert, issuer)
    if not _signed_properly(resp, issuer, now):
        raise Refused("ocsp-signer", resp.responder_name.rfc4514_string() if resp.responder_name else "key hash")
    echoed = _nonce(resp)
    if echoed is not None and echoed != nonce:
        raise Refused("ocsp-nonce", "the nonce is not this request's")
    this_update, next_update = single.this_update_utc, single.next_update_utc
    if this_update > now + SKEW:
        raise Refused("future", this_update.isoformat())
    if echoed is None and (this_update < now - MAX_AGE or (next_update is not None and next_update < now)):
        raise Refused("ocsp-stale", this_update.isoformat())
    status = single.certificate_status
    if status == ocsp.OCSPCertStatus.UNKNOWN:
        raise Refused("ocsp-unknown", f"serial {cert.serial_number:x}")
    return OcspInfo(body, status.name.lower(), this_update, next_update, echoed is not None)


def stored_info(body: bytes, cert: x509.Certificate, issuer: x509.Certificate) -> OcspInfo | None:
    """What a stored response says about ``cert`` (None when it is unreadable or about another)."""
    try:
        single = _single(load(body), cert, issuer)
    except Refused:
        return None
    status = single.certificate_status.name.lower()
    return OcspInfo(body, status, single.this_update_utc, single.next_update_utc, False)
