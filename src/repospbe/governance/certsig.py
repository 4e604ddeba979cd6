"""Decisions signed with an electronic certificate (PSrE / BSrE) beside, or instead of, SSH.

A decision counts when at least one signature beside it is valid and names the
reviewer: the SSH signature through ``allowed_signers``, or the certificate's detached
CMS signature (``.p7s``) over the same stored bytes, whose path validates at its
signing time against the trust store of the rules' commit and whose subject carries
the reviewer's ``sertifikat.identitas`` (NIP/NIK). Each certificate defect is its own
problem (``sertifikat-<defect>``), never folded into "valid".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from repospbe.errors import InputError, PolicyError
from repospbe.governance import sshsig
from repospbe.governance.evidence import Signed
from repospbe.governance.rules import Reviewer, Rules
from repospbe.pki.verdict import Defect

if TYPE_CHECKING:  # X.509 and CMS are imported where a certificate is handled, not by every command
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import pkcs7

    from repospbe.pki.trust import TrustStore
    from repospbe.pki.verdict import Verdict

PREFIX = "sertifikat-"
SSH, CERT = "ssh", "sertifikat"


@dataclass(frozen=True)
class SigCheck:
    """One signature beside stored bytes, judged on its own: ``kind`` (``ssh``/``sertifikat``), whether it
    counted, and why not (``tanda-tangan`` / ``sertifikat-<defect>``); for a certificate, who it names."""

    kind: str
    counted: bool
    problem: str = ""
    name: str = ""  # the certificate subject's CN
    number: str = ""  # 'NIP:<18 digits>' / 'NIK:<16 digits>' from the subject, '' when none
    issuer: str = ""  # the issuing CA's CN


@dataclass(frozen=True)
class CertSigner:
    """A certificate (with the intermediates that follow it in its PEM file), its private key, and
    optionally a DER OCSP response about it (fetched while online; stored beside the decision)."""

    cert: x509.Certificate
    chain: tuple[x509.Certificate, ...]
    key: pkcs7.PKCS7PrivateKeyTypes
    ocsp: bytes = b""

    def sign(self, payload: bytes) -> bytes:
        from repospbe.pki import cms

        return cms.sign_detached(payload, self.cert, self.key, self.chain)

    def check_now(self, store: TrustStore) -> Verdict:
        """The certificate as it stands now under ``store`` (refuse before signing, not after)."""
        from datetime import UTC, datetime

        from repospbe.pki.validate import validate

        return validate(self.cert, self.chain, store, datetime.now(UTC), (self.ocsp,) if self.ocsp else ())


def load_signer(cert_file: Path, key_file: Path, ocsp_file: Path | None = None) -> CertSigner:
    """Read a PEM certificate (chain), an unencrypted PEM private key and optionally a DER OCSP
    response; InputError when unusable."""
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    from repospbe.pki.trust import parse_certs

    try:
        certs = parse_certs(cert_file.read_bytes())
    except (OSError, ValueError) as exc:
        raise InputError("pki.cert-unreadable", file=str(cert_file), error=str(exc)[:200]) from exc
    try:
        key = load_pem_private_key(key_file.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise InputError("pki.key-unreadable", file=str(key_file), error=str(exc)[:200]) from exc
    if (
        not isinstance(key, (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey))
        or key.public_key() != certs[0].public_key()
    ):
        raise InputError("pki.key-mismatch", file=str(key_file), cert=str(cert_file))
    try:
        ocsp = ocsp_file.read_bytes() if ocsp_file is not None else b""
    except OSError as exc:
        raise InputError("pki.cert-unreadable", file=str(ocsp_file), error=str(exc)[:200]) from exc
    return CertSigner(certs[0], tuple(certs[1:]), key, ocsp)


def from_options(cert: Path | None, key: Path | None, ocsp: Path | None = None) -> CertSigner | None:
    """The signer of ``--sertifikat``/``--kunci-sertifikat`` (both or neither; ``--ocsp`` only with them)."""
    if cert is None and key is None and ocsp is None:
        return None
    if cert is None or key is None:
        raise InputError("pki.cert-and-key")
    return load_signer(cert, key, ocsp)


def signer_reviewer(rules: Rules, signer: CertSigner) -> Reviewer:
    """The reviewer the certificate names (its NIP/NIK) once it validates now; PolicyError otherwise."""
    verdict = signer.check_now(rules.trust)
    if not verdict.ok:
        raise PolicyError("pki.refused", reason=verdict.reason, detail=verdict.detail or "-")
    number = verdict.identity.number if verdict.identity else ""
    reviewer = rules.reviewer_by_cert(number)
    if reviewer is None or reviewer.peran != rules.peran:
        raise PolicyError("pki.not-reviewer", identity=number or "-", role=rules.peran)
    return reviewer


def certificate_of(signer: CertSigner) -> SigCheck:
    """Who ``signer``'s certificate names, as a counted certificate signature (for what the CLI states)."""
    from repospbe.pki.identity import identity_of

    ident = identity_of(signer.cert)
    return SigCheck(CERT, True, "", ident.name, ident.number, _cn(signer.cert.issuer.rfc4514_string()))


def opener_identity(rules: Rules, signer: CertSigner) -> str:
    """The NIP/NIK an opening signed with ``signer`` names, once the certificate validates now;
    PolicyError when it does not, or when its subject carries no NIP/NIK (no maintainer to match)."""
    verdict = signer.check_now(rules.trust)
    if not verdict.ok:
        raise PolicyError("pki.refused", reason=verdict.reason, detail=verdict.detail or "-")
    number = verdict.identity.number if verdict.identity else ""
    if not number:
        raise PolicyError("pki_open.no-identity", subject=verdict.subject or "-")
    return number


def one_signer(rules: Rules, by_key: Reviewer | None, cert: CertSigner | None) -> Reviewer:
    """The reviewer signing: the one the SSH key names (``by_key``, None without a key) and/or the one
    the certificate names; both must be the same reviewer."""
    by_cert = signer_reviewer(rules, cert) if cert is not None else None
    if by_key is not None and by_cert is not None and by_key.id != by_cert.id:
        raise PolicyError("pki.not-same-reviewer", ssh=by_key.id, cert=by_cert.id)
    signer = by_key or by_cert
    if signer is None:
        raise InputError("mr.decide.no-signer")
    return signer


def _cn(rfc4514: str) -> str:
    """The common name of a distinguished name in RFC 4514 form ('' when it has none or cannot be read)."""
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    try:
        values = x509.Name.from_rfc4514_string(rfc4514).get_attributes_for_oid(NameOID.COMMON_NAME)
    except ValueError:
        return ""
    return str(values[0].value) if values else ""


def certificate_check(store: TrustStore, signed: Signed, expected: str) -> SigCheck:
    """The certificate signature ``signed.cms`` judged under ``store``: counted when it validates at its
    signing time and its subject names ``expected`` (``NIP:…``/``NIK:…``; '' never matches)."""
    from repospbe.pki import cms

    verdict = cms.verify_detached(signed.raw, signed.cms, store, (signed.ocsp,) if signed.ocsp else ())
    number = verdict.identity.number if verdict.identity else ""
    who = {
        "name": verdict.identity.name if verdict.identity else "",
        "number": number,
        "issuer": _cn(verdict.issuer) if verdict.issuer else "",
    }
    if not verdict.ok:
        return SigCheck(CERT, False, PREFIX + verdict.reason, **who)
    if not number or number != expected:
        return SigCheck(CERT, False, PREFIX + Defect.IDENTITY, **who)
    return SigCheck(CERT, True, "", **who)


def certificate_problem(rules: Rules, reviewer: Reviewer, signed: Signed) -> str:
    """'' when ``signed.cms`` is a valid certificate signature naming ``reviewer``, else its problem."""
    if not reviewer.cert_identity:
        return PREFIX + Defect.IDENTITY
    return certificate_check(rules.trust, signed, reviewer.cert_identity).problem


def _ssh_ok(rules: Rules, reviewer: Reviewer, signed: Signed, purpose: str) -> bool:
    return bool(
        signed.sig
        and reviewer.key
        and sshsig.verify(rules.allowed_signers(), reviewer.id, rules.ns(purpose), signed.raw, signed.sig)
    )


def decision_signature(rules: Rules, rid: str, signed: Signed, purpose: str = "keputusan") -> tuple[bool, str]:
    """(valid, problem): valid when the SSH (namespace of ``purpose``) or the certificate signature
    names reviewer ``rid``.

    The problem is '' when valid, ``tanda-tangan`` for SSH, ``sertifikat-<defect>`` when only a
    certificate signature was there to judge and it failed."""
    reviewer = rules.reviewer(rid)
    if reviewer is None:
        return False, "tanda-tangan"
    if _ssh_ok(rules, reviewer, signed, purpose):
        return True, ""
    if not signed.cms:
        return False, "tanda-tangan"
    problem = certificate_problem(rules, reviewer, signed)
    return not problem, problem


def decision_signatures(rules: Rules, rid: str, signed: Signed, purpose: str = "keputusan") -> tuple[SigCheck, ...]:
    """Every signature beside a decision judged on its own (for ``mr show``: which kind counted, and why
    a present one did not); ``decision_signature`` is the verdict, this is the account of it."""
    reviewer = rules.reviewer(rid)
    out: list[SigCheck] = []
    if signed.sig:
        ok = reviewer is not None and _ssh_ok(rules, reviewer, signed, purpose)
        out.append(SigCheck(SSH, ok, "" if ok else "tanda-tangan"))
    if signed.cms:
        out.append(certificate_check(rules.trust, signed, reviewer.cert_identity if reviewer else ""))
    return tuple(out)


def signatures_verdict(known: bool, checks: tuple[SigCheck, ...]) -> tuple[bool, str]:
    """``decision_signature``'s (valid, problem) from the signatures judged one by one (``known``: the
    named reviewer exists): valid when one counted; else the certificate's problem, or ``tanda-tangan``."""
    if known and any(c.counted for c in checks):
        return True, ""
    cert = next((c.problem for c in checks if c.kind == CERT), "") if known else ""
    return False, cert or "tanda-tangan"


def signature_digest(signed: Signed) -> str:
    """The digest an approval trailer names: of the SSH signature, else of the certificate signature."""
    from repospbe.pipeline.record import sha256_bytes

    sig = signed.sig or signed.cms
    return sha256_bytes(sig) if sig else ""
