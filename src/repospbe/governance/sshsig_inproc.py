"""SSHSIG verification in-process (``cryptography``), with ``ssh-keygen -Y verify`` as the reference.

The format (OpenSSH ``PROTOCOL.sshsig``): an armored blob ``"SSHSIG" || uint32 version=1 ||
string publickey || string namespace || string reserved || string hash_algorithm || string
signature``; the signature covers ``"SSHSIG" || string namespace || string reserved || string
hash_algorithm || string H(message)``.

``verdict`` answers True or False only for the cases it fully understands: ed25519, ECDSA
(nistp256/384/521) and RSA (``rsa-sha2-256``/``-512``, modulus ≥ 1024 bits) keys, an
``allowed_signers`` file of plain ``principal key`` lines (no patterns, no options, no
certificate authorities). Anything else answers None and the caller asks ``ssh-keygen``,
so a verdict never depends on which path was taken (``tests/governance/test_gov_audit_sshsig.py``
compares both on valid and forged inputs).
"""

from __future__ import annotations

import base64
import hashlib
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

MAGIC = b"SSHSIG"
BEGIN, END = "-----BEGIN SSH SIGNATURE-----", "-----END SSH SIGNATURE-----"
HASHES = {"sha256": hashlib.sha256, "sha512": hashlib.sha512}
CURVES: dict[str, tuple[ec.EllipticCurve, hashes.HashAlgorithm]] = {
    "nistp256": (ec.SECP256R1(), hashes.SHA256()),
    "nistp384": (ec.SECP384R1(), hashes.SHA384()),
    "nistp521": (ec.SECP521R1(), hashes.SHA512()),
}
RSA_SIGS: dict[str, hashes.HashAlgorithm] = {"rsa-sha2-256": hashes.SHA256(), "rsa-sha2-512": hashes.SHA512()}
KEY_TYPES = ("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521")


class Unsure(Exception):
    """The input is outside what this module decides: ask ssh-keygen."""


@dataclass(frozen=True)
class Parsed:
    key_blob: bytes
    namespace: bytes
    reserved: bytes
    hash_alg: bytes
    signature: bytes


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise Unsure("short")
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out

    def u32(self) -> int:
        value: int = struct.unpack(">I", self.take(4))[0]
        return value

    def string(self) -> bytes:
        return self.take(self.u32())

    def done(self) -> bool:
        return self.pos == len(self.data)


def _string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def parse(armored: bytes) -> Parsed:
    """The fields of an armored SSHSIG (Unsure when it is not one in the usual shape)."""
    try:
        lines = armored.decode("ascii").strip().splitlines()
    except UnicodeDecodeError as exc:
        raise Unsure("encoding") from exc
    if len(lines) < 3 or lines[0].strip() != BEGIN or lines[-1].strip() != END:
        raise Unsure("armor")
    try:
        blob = base64.b64decode("".join(line.strip() for line in lines[1:-1]), validate=True)
    except ValueError as exc:
        raise Unsure("base64") from exc
    r = _Reader(blob)
    if r.take(6) != MAGIC or r.u32() != 1:
        raise Unsure("magic")
    parsed = Parsed(r.string(), r.string(), r.string(), r.string(), r.string())
    if not r.done():
        raise Unsure("trailing")
    return parsed


def signers_for(allowed_signers: str, principal: str) -> list[bytes]:
    """Key blobs of the plain lines naming exactly ``principal`` (Unsure for any other line shape)."""
    out = []
    for raw in allowed_signers.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) < 3:
            raise Unsure("line")
        principals, keytype, b64 = parts[0], parts[1], parts[2]
        if keytype not in KEY_TYPES or any(c in principals for c in '*?!"'):
            raise Unsure("options or patterns")
        try:
            blob = base64.b64decode(b64, validate=True)
        except ValueError as exc:
            raise Unsure("key") from exc
        if principal in principals.split(","):
            out.append(blob)
    return out


def verdict(allowed_signers: str, principal: str, namespace: str, payload: bytes, signature: bytes) -> bool | None:
    """True/False as ``ssh-keygen -Y verify`` would answer, or None when only it can say."""
    try:
        sig = parse(signature)
        if sig.hash_alg.decode("ascii", "replace") not in HASHES:
            return False
        keys = signers_for(allowed_signers, principal)
        if sig.namespace != namespace.encode("utf-8") or not namespace:
            return False
        digest = HASHES[sig.hash_alg.decode()](payload).digest()
        signed = MAGIC + _string(sig.namespace) + _string(sig.reserved) + _string(sig.hash_alg) + _string(digest)
        if not _verify_raw(sig.key_blob, sig.signature, signed):
            return False
        return sig.key_blob in keys
    except Unsure:
        return None


def _verify_raw(key_blob: bytes, signature: bytes, data: bytes) -> bool:
    """The SSH signature ``signature`` by ``key_blob`` over ``data`` (Unsure for other key types)."""
    key, s = _Reader(key_blob), _Reader(signature)
    keytype = key.string().decode("ascii", "replace")
    sigtype, sigblob = s.string().decode("ascii", "replace"), s.string()
    if not s.done():
        return False
    try:
        if keytype == "ssh-ed25519":
            return _ed25519(key, sigtype, sigblob, data)
        if keytype.startswith("ecdsa-sha2-") and keytype[11:] in CURVES:
            return _ecdsa(key, keytype, sigtype, sigblob, data)
        if keytype == "ssh-rsa":
            return _rsa(key, sigtype, sigblob, data)
    except (InvalidSignature, ValueError, UnsupportedAlgorithm):
        return False
    raise Unsure(keytype)


def _ed25519(key: _Reader, sigtype: str, sigblob: bytes, data: bytes) -> bool:
    pub = key.string()
    if not key.done() or len(pub) != 32:
        raise Unsure("ed25519 key")
    if sigtype != "ssh-ed25519" or len(sigblob) != 64:
        return False
    ed25519.Ed25519PublicKey.from_public_bytes(pub).verify(sigblob, data)
    return True


def _ecdsa(key: _Reader, keytype: str, sigtype: str, sigblob: bytes, data: bytes) -> bool:
    curve_name = key.string().decode("ascii", "replace")
    point = key.string()
    if not key.done() or curve_name != keytype[11:]:
        raise Unsure("ecdsa key")
    if sigtype != keytype:
        return False
    curve, algo = CURVES[curve_name]
    inner = _Reader(sigblob)
    r, s = _mpint(inner.string()), _mpint(inner.string())
    if not inner.done():
        return False
    pub = ec.EllipticCurvePublicKey.from_encoded_point(curve, point)
    pub.verify(encode_dss_signature(r, s), data, ec.ECDSA(algo))
    return True


def _rsa(key: _Reader, sigtype: str, sigblob: bytes, data: bytes) -> bool:
    e, n = _mpint(key.string()), _mpint(key.string())
    if not key.done() or n.bit_length() < 1024:
        raise Unsure("rsa key")
    if sigtype not in RSA_SIGS:
        raise Unsure(sigtype)  # e.g. ssh-rsa (SHA-1): ssh-keygen's own policy decides
    pub = rsa.RSAPublicNumbers(e, n).public_key()
    pub.verify(sigblob, data, padding.PKCS1v15(), RSA_SIGS[sigtype])
    return True


def _mpint(raw: bytes) -> int:
    if raw and raw[0] & 0x80:
        raise ValueError("negative mpint")
    return int.from_bytes(raw, "big")
