"""Detached SSH signatures over backup manifests (``ssh-keygen -Y``)."""
from __future__ import annotations

import subprocess
from pathlib import Path

from repospbe.errors import InputError


def sign_file(path: Path, key: Path, namespace: str) -> Path:
    """Write ``<path>.sig`` signed with private ``key``; return the signature path."""
    proc = subprocess.run(
        ["ssh-keygen", "-q", "-Y", "sign", "-f", str(key), "-n", namespace, str(path)],
        capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL,
    )
    if proc.returncode != 0:
        raise InputError("backup.sign-failed", key=str(key), error=proc.stderr.strip()[:300])
    return path.with_name(path.name + ".sig")


def verify_file(path: Path, signature: Path, allowed_signers: Path, namespace: str) -> str | None:
    """The principal whose key signed ``path`` under ``namespace``, or None."""
    if not signature.is_file() or not allowed_signers.is_file():
        return None
    found = subprocess.run(
        ["ssh-keygen", "-Y", "find-principals", "-s", str(signature), "-f", str(allowed_signers)],
        capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL,
    )
    for principal in found.stdout.split():
        with path.open("rb") as data:
            ok = subprocess.run(
                ["ssh-keygen", "-Y", "verify", "-f", str(allowed_signers), "-I", principal,
                 "-n", namespace, "-s", str(signature)],
                stdin=data, capture_output=True, check=False,
            )
        if ok.returncode == 0:
            return principal
    return None
