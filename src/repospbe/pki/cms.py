"""Detached CMS (PKCS#7) signatures over a payload: make one, verify one.

The same thing the auditor runs by hand::

    openssl cms -verify -binary -inform DER -in SIG.p7s -content PAYLOAD -CAfile TRUST.pem -purpose any

Verification: one SignerInfo, its certificate in the signature, signed attributes with
content type ``data``, the payload's digest and a signing time; the signature over the
signed attributes verifies with the certificate's key; then the certificate path is
validated at that signing time (``validate``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime

from asn1crypto import cms
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding, pkcs7

import repospbe.pki.asn1names  # noqa: F401  (asn1crypto.tsp's names registered before any lookup)
from repospbe.pki.trust import TrustStore
from repospbe.pki.validate import validate
from repospbe.pki.verdict import Defect, Verdict, refused

_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}
MAX_SIGNATURE_BYTES = 1_000_000


def sign_detached(
    payload: bytes, cert: x509.Certificate, key: pkcs7.PKCS7PrivateKeyTypes, chain: Sequence[x509.Certificate] = ()
) -> bytes:
    """A DER detached signature of ``payload`` (signing time in the signed attributes; the
    intermediates of ``chain`` carried in the signature)."""
    builder = pkcs7.PKCS7SignatureBuilder().set_data(payload).add_signer(cert, key, hashes.SHA256())
    for extra in chain:
        builder = builder.add_certificate(extra)
    return builder.sign(Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary])


class _Malformed(Exception):
    pass


def _signed_data(sig: bytes) -> cms.SignedData:
    if not sig or len(sig) > MAX_SIGNATURE_BYTES:
        raise _Malformed("empty or too large")
    info = cms.ContentInfo.load(sig, strict=True)
    if info["content_type"].native != "signed_data":
        raise _Malformed("not SignedData")
    sd: cms.SignedData = info["content"]
    if sd["encap_content_info"]["content"].native is not None:
        raise _Malformed("not detached")
    if len(sd["signer_infos"]) != 1:
        raise _Malformed("not exactly one signer")
    return sd


def certificates(sig: bytes) -> list[x509.Certificate]:
    """Every certificate a detached signature carries (the signer's and its intermediates); [] when
    ``sig`` is not one."""
    try:
        return _certs(_signed_data(sig))
    except (_Malformed, ValueError, TypeError, KeyError):
        return []


def _certs(sd: cms.SignedData) -> list[x509.Certificate]:
    out = []
    for choice in sd["certificates"] or []:
        if choice.name == "certificate":
            out.append(x509.load_der_x509_certificate(choice.chosen.dump()))
    return out


def _signer_cert(si: cms.SignerInfo, certs: list[x509.Certificate]) -> x509.Certificate:
    sid = si["sid"]
    for cert in certs:
        if sid.name == "issuer_and_serial_number":
            ias = sid.chosen
            if cert.serial_number == ias["serial_number"].native and cert.issuer.public_bytes() == ias["issuer"].dump():
                return cert
        else:
            try:
                ski = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
            except x509.ExtensionNotFound:
                continue
            if ski == sid.chosen.native:
                return cert
    raise _Malformed("signer certificate not in the signature")


def _attrs(si: cms.SignerInfo) -> dict[str, list[object]]:
    out: dict[str, list[object]] = {}
    for attr in si["signed_attrs"]:
        out.setdefault(attr["type"].native, []).extend(attr["values"].native)
    return out


def _check_signature(si: cms.SignerInfo, cert: x509.Certificate, algo: hashes.HashAlgorithm) -> bool:
    data = b"\x31" + si["signed_attrs"].dump()[1:]  # signed over as a SET OF, not [0] IMPLICIT
    sig = si["signature"].native
    pub = cert.public_key()
    try:
        if isinstance(pub, rsa.RSAPublicKey):
            pad: padding.AsymmetricPadding = padding.PKCS1v15()
            if si["signature_algorithm"].signature_algo == "rsassa_pss":
                pad = padding.PSS(padding.MGF1(algo), padding.PSS.AUTO)
            pub.verify(sig, data, pad, algo)
        elif isinstance(pub, ec.EllipticCurvePublicKey):
            pub.verify(sig, data, ec.ECDSA(algo))
        elif isinstance(pub, ed25519.Ed25519PublicKey):
            pub.verify(sig, data)
        else:
            return False
    except (InvalidSignature, ValueError):
        return False
    return True


def verify_detached(payload: bytes, sig: bytes, store: TrustStore, ocsps: Sequence[bytes] = ()) -> Verdict:
    """The verdict on ``sig`` as a detached CMS signature of ``payload`` under ``store``."""
    try:
        sd = _signed_data(sig)
        si = sd["signer_infos"][0]
        certs = _certs(sd)
        cert = _signer_cert(si, certs)
        algo_name = si["digest_algorithm"]["algorithm"].native
        if algo_name not in _HASHES or not si["signed_attrs"].native:
            raise _Malformed(f"digest {algo_name} or no signed attributes")
        attrs = _attrs(si)
    except (_Malformed, ValueError, TypeError, KeyError) as exc:
        return refused(Defect.MALFORMED, str(exc))
    algo = _HASHES[algo_name]()
    digest = hashlib.new(algo.name, payload).digest()
    if attrs.get("content_type") != ["data"] or attrs.get("message_digest") != [digest]:
        return refused(Defect.BAD_SIGNATURE, "content type or message digest does not match the payload")
    if not _check_signature(si, cert, algo):
        return refused(Defect.BAD_SIGNATURE, "signature over the signed attributes does not verify")
    times = attrs.get("signing_time", [])
    if len(times) != 1 or not isinstance(times[0], datetime):
        return refused(Defect.NO_SIGNING_TIME, "no single signingTime attribute")
    moment = times[0].astimezone(UTC)
    return validate(cert, [c for c in certs if c is not cert], store, moment, ocsps)
