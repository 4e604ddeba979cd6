"""Which signature kinds a backup verification accepts and requires, and each set's judgement.

Kinds: ``ssh`` (``manifest.json.sig``, judged against the backup signers list) and
``sertifikat`` (``manifest.p7s``, judged against a ``BackupTrust``). A kind is *accepted*
when its trust source is given. The requirement:

- ``salah-satu`` (default): each set carries at least one valid signature of an accepted kind;
- ``ssh`` / ``sertifikat``: that kind must be there and valid on each set;
- ``keduanya``: both.

Whatever the requirement, a signature of an accepted kind that is present must be valid (a
manifest whose certificate signature fails is refused even if its SSH signature verifies).
A signature of a kind not accepted is reported as not checked, never as valid.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from repospbe.backup.certsign import CMS_SIGNATURE, CertCheck, check_manifest
from repospbe.backup.certtrust import BackupTrust
from repospbe.backup.manifest import MANIFEST, NAMESPACE, SIGNATURE
from repospbe.backup.signing import verify_file
from repospbe.errors import InputError
from repospbe.findings import Finding, Severity


class Requirement(StrEnum):
    ANY = "salah-satu"
    SSH = "ssh"
    CERT = "sertifikat"
    BOTH = "keduanya"


class Status(StrEnum):
    VALID = "sah"
    INVALID = "tidak-sah"
    ABSENT = "tidak-ada"
    UNCHECKED = "tidak-diperiksa"


@dataclass(frozen=True)
class SignaturePolicy:
    signers: Path | None = None
    trust: BackupTrust | None = None
    require: Requirement = Requirement.ANY

    def __post_init__(self) -> None:
        if self.signers is None and self.trust is None:
            raise InputError("backup.no-trust-source")
        if self.require in (Requirement.SSH, Requirement.BOTH) and self.signers is None:
            raise InputError("backup.require-unconfigured", kind="ssh", option="--allowed-signers")
        if self.require in (Requirement.CERT, Requirement.BOTH) and self.trust is None:
            raise InputError("backup.require-unconfigured", kind="sertifikat", option="--trust-backup")

    def required(self, kind: str) -> bool:
        return self.require in (kind, Requirement.BOTH)


@dataclass(frozen=True)
class SetSignatures:
    """How each signature of one set was judged."""

    name: str
    ssh: Status
    principal: str = ""
    cert: Status = Status.ABSENT
    cert_check: CertCheck | None = None

    @property
    def accepted(self) -> bool:
        return Status.VALID in (self.ssh, self.cert)


def _bad(check_id: str, where: str, **params: Any) -> Finding:
    return Finding.make(check_id, Severity.HIGH, path=where, **params)


def _ssh(set_dir: Path, policy: SignaturePolicy) -> tuple[Status, str]:
    if not (set_dir / SIGNATURE).is_file():
        return Status.ABSENT, ""
    if policy.signers is None:
        return Status.UNCHECKED, ""
    principal = verify_file(set_dir / MANIFEST, set_dir / SIGNATURE, policy.signers, NAMESPACE)
    return (Status.VALID, principal) if principal else (Status.INVALID, "")


def _cert(set_dir: Path, policy: SignaturePolicy) -> tuple[Status, CertCheck | None]:
    if not (set_dir / CMS_SIGNATURE).is_file():
        return Status.ABSENT, None
    if policy.trust is None:
        return Status.UNCHECKED, None
    check = check_manifest(set_dir / MANIFEST, set_dir / CMS_SIGNATURE, policy.trust)
    return (Status.VALID if check.ok else Status.INVALID), check


def judge(set_dir: Path, policy: SignaturePolicy) -> tuple[SetSignatures, list[Finding]]:
    """The judgement of ``set_dir``'s signatures under ``policy`` and its problems."""
    ssh, principal = _ssh(set_dir, policy)
    cert, check = _cert(set_dir, policy)
    result = SetSignatures(set_dir.name, ssh, principal, cert, check)
    out: list[Finding] = []
    ssh_where, cert_where = f"{set_dir.name}/{SIGNATURE}", f"{set_dir.name}/{CMS_SIGNATURE}"
    if ssh is Status.INVALID:
        out.append(_bad("backup.signature", ssh_where))
    if cert is Status.INVALID and check is not None:
        out.append(_bad(f"backup.cert-{check.reason}", cert_where, signer=check.number or check.name or "-"))
    missing_ssh = ssh is Status.ABSENT and policy.signers is not None
    missing_cert = cert is Status.ABSENT and policy.trust is not None
    nothing_valid = not result.accepted and not out
    if missing_ssh and (policy.required("ssh") or nothing_valid):
        out.append(_bad("backup.signature", ssh_where))
    if missing_cert and (policy.required("sertifikat") or nothing_valid):
        out.append(_bad("backup.cert-missing", cert_where))
    if not result.accepted and not out:  # only signatures of kinds not accepted here
        out.append(_bad("backup.no-accepted-signature", set_dir.name))
    return result, out
