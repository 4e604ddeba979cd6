"""Who opened a merge request: the opening's SSH signature (``pembukaan.sig``) and/or its certificate
signature (``pembukaan.p7s``, detached CMS over the same bytes, with an optional ``pembukaan.ocsp``).

The opening names its signers in ``pembuka``: ``kunci`` (the SSH key) and/or ``sertifikat`` (the
``NIP:…``/``NIK:…`` the certificate's subject must carry). A signature counts only when it verifies
AND the signed opening names its signer: a ``.p7s`` planted beside an SSH-signed opening whose
``pembuka`` names no certificate never changes who opened it (``sertifikat-bukan-pembuka``). A
certificate counts when its path validates at its signing time against the trust store of the rules'
commit, revocation status established (``certsig.certificate_check``, the same judge as decisions).
Whether the opener may change what the merge request changes is ownership's question, asked of
each counted signer (``Opener.principals``): the SSH key, or the certificate's NIP matched to an OPD
maintainer's ``nip`` (``ownership.members.roles_of``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from repospbe.governance import sshsig
from repospbe.governance.certsig import CERT, PREFIX, SSH, CertSigner, SigCheck, certificate_check, opener_identity
from repospbe.governance.evidence import Evidence, Signed
from repospbe.governance.rules import Rules
from repospbe.pki.verdict import Defect

NO_NUMBER = PREFIX + "tanpa-nip"  # the certificate's subject carries no NIP/NIK
NOT_OPENER = PREFIX + "bukan-pembuka"  # its NIP/NIK is not the one the signed opening names


@dataclass(frozen=True)
class Opener:
    key: str  # the SSH key when the SSH signature counted, else ''
    fingerprint: str
    email: str
    reviewer: str  # reviewer id when the opener is a reviewer (by key, else by certificate), else ''
    identity: str = ""  # 'NIP:…'/'NIK:…' of a counted certificate signature, else ''
    name: str = ""  # the certificate subject's CN
    cert_reviewer: str = ""  # reviewer the certificate names, when both signatures count

    @property
    def principals(self) -> tuple[str, ...]:
        """What ownership judges the opener by: the SSH key and/or the certificate identity."""
        return tuple(p for p in (self.key, self.identity) if p)


@dataclass(frozen=True)
class OpeningVerdict:
    opener: Opener | None
    signatures: tuple[SigCheck, ...]  # every signature present beside the opening, each judged


def pembuka(data: dict[str, Any]) -> dict[str, Any]:
    raw = data.get("pembuka")
    return raw if isinstance(raw, dict) else {}


def _ssh(ev: Evidence, opening: Signed, rules: Rules, key: str) -> SigCheck:
    ok = (
        bool(key)
        and opening.data.get("mr") == ev.number
        and sshsig.verify(f"pembuka {key}\n", "pembuka", rules.ns("mr"), opening.raw, opening.sig)
    )
    return SigCheck(SSH, ok, "" if ok else "tanda-tangan")


def _cert(ev: Evidence, opening: Signed, rules: Rules, claimed: str) -> SigCheck:
    check = certificate_check(rules.trust, opening, claimed)
    if check.problem == PREFIX + Defect.IDENTITY:
        return replace(check, problem=NOT_OPENER if check.number else NO_NUMBER)
    if check.counted and opening.data.get("mr") != ev.number:
        return replace(check, counted=False, problem="mr-lain")
    return check


def judge(ev: Evidence, rules: Rules) -> OpeningVerdict:
    """The opening's signatures, each judged, and the opener they establish (None: none counted)."""
    opening = ev.opening
    if opening is None:
        return OpeningVerdict(None, ())
    who = pembuka(opening.data)
    key = sshsig.normalise(str(who.get("kunci", "")))
    checks: list[SigCheck] = []
    if opening.sig or key:
        checks.append(_ssh(ev, opening, rules, key))
    if opening.cms:
        checks.append(_cert(ev, opening, rules, str(who.get("sertifikat", ""))))
    ssh_ok = any(c.counted for c in checks if c.kind == SSH)
    cert = next((c for c in checks if c.kind == CERT and c.counted), None)
    if not ssh_ok and cert is None:
        return OpeningVerdict(None, tuple(checks))
    by_key = rules.reviewer_by_key(key) if ssh_ok else None
    by_cert = rules.reviewer_by_cert(cert.number) if cert else None
    reviewer = by_key or by_cert
    opener = Opener(
        key=key if ssh_ok else "",
        fingerprint=sshsig.fingerprint(key) if ssh_ok else "",
        email=str(who.get("email", "")).lower(),
        reviewer=reviewer.id if reviewer else "",
        identity=cert.number if cert else "",
        name=cert.name if cert else "",
        cert_reviewer=by_cert.id if by_cert and by_key else "",
    )
    return OpeningVerdict(opener, tuple(checks))


def opener_fields(rules: Rules, key: Path | None, cert: CertSigner | None, email: str) -> dict[str, str]:
    """``pembuka``: who signs the opening, named inside the signed bytes (a signature naming anyone
    else beside it never counts): the SSH key, and/or the NIP/NIK the certificate's subject carries."""
    out = {"email": email}
    if key is not None:
        pub = sshsig.public_key_of(key)
        out |= {"kunci": pub, "sidik": sshsig.fingerprint(pub)}
    if cert is not None:
        out["sertifikat"] = opener_identity(rules, cert)
    return out


def opening_files(rules: Rules, raw: bytes, key: Path | None, cert: CertSigner | None) -> dict[str, bytes]:
    files = {"pembukaan.json": raw}
    if key is not None:
        files["pembukaan.sig"] = sshsig.sign(key, rules.ns("mr"), raw)
    if cert is not None:
        files["pembukaan.p7s"] = cert.sign(raw)
        if cert.ocsp:
            files["pembukaan.ocsp"] = cert.ocsp
    return files
