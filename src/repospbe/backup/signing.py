"""Detached SSH signatures over backup manifests (the same ``ssh-keygen -Y`` wrapper
the approvals use, in the backup's own namespace)."""

from __future__ import annotations

from pathlib import Path

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
