"""Detached SSH signatures over backup manifests (the same ``ssh-keygen -Y`` wrapper
the approvals use, in the backup's own namespace)."""

from __future__ import annotations

from pathlib import Path

from repospbe.errors import InputError
from repospbe.governance import sshsig
from repospbe.writefile import write_atomic


def sign_file(path: Path, key: Path, namespace: str) -> Path:
    """Write ``<path>.sig`` signed with private ``key``; return the signature path."""
    sig = path.with_name(path.name + ".sig")
    write_atomic(sig, sshsig.sign(key, namespace, path.read_bytes()))
    return sig


def verify_file(path: Path, signature: Path, allowed_signers: Path, namespace: str) -> str | None:
    """The principal whose key signed ``path`` under ``namespace``, or None."""
    if not signature.is_file() or not allowed_signers.is_file():
        return None
    signers, sig, payload = allowed_signers.read_text(encoding="utf-8"), signature.read_bytes(), path.read_bytes()
    for principal in sshsig.find_principals(signers, sig):
        if sshsig.verify(signers, principal, namespace, payload, sig):
            return principal
    return None


def require_accepted_key(key: Path, allowed_signers: Path, namespace: str) -> str:
    """The principal under which ``allowed_signers`` accepts ``key``'s signatures in
    ``namespace``; refuse (before anything is written) a key verification would reject."""
    if not allowed_signers.is_file():
        raise InputError("backup.signers-missing", file=str(allowed_signers))
    probe = b"repospbe backup key probe\n"
    sig = sshsig.sign(key, namespace, probe)
    signers = allowed_signers.read_text(encoding="utf-8")
    for principal in sshsig.find_principals(signers, sig):
        if sshsig.verify(signers, principal, namespace, probe, sig):
            return principal
    raise InputError("backup.key-not-accepted", keyfile=str(key), file=str(allowed_signers), namespace=namespace)
