"""Detached SSH signatures with ``ssh-keygen -Y sign`` / ``-Y verify``.

A signature is bound to a namespace (``-n``): a signature made for one purpose
(e.g. a git commit, namespace ``git``) never verifies for another (an approval).
Verification always goes through an ``allowed_signers`` file and a principal, the
same thing an auditor runs by hand.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from repospbe.errors import InputError
from repospbe.governance import sshsig_inproc

TIMEOUT = 30


def _keygen() -> str:
    path = shutil.which("ssh-keygen")
    if path is None:
        raise InputError("ssh.missing")
    return path


def _env() -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/")}


def sign(key: Path, namespace: str, payload: bytes) -> bytes:
    """Detached signature of ``payload`` made with private key ``key``."""
    if not key.is_file():
        raise InputError("ssh.key-missing", file=str(key))
    with tempfile.TemporaryDirectory(prefix="repospbe-sig-") as tmp:
        data = Path(tmp) / "payload"
        data.write_bytes(payload)
        proc = subprocess.run(
            [_keygen(), "-Y", "sign", "-f", str(key), "-n", namespace, str(data)],
            capture_output=True,
            env=_env(),
            timeout=TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        sig = Path(str(data) + ".sig")
        if proc.returncode != 0 or not sig.is_file():
            raise InputError("ssh.sign-failed", file=str(key), error=proc.stderr.decode()[:300])
        return sig.read_bytes()


def verify(allowed_signers: str, principal: str, namespace: str, payload: bytes, signature: bytes) -> bool:
    """True only when ``signature`` is ``principal``'s valid signature over ``payload``.

    Decided in-process (``sshsig_inproc``) for the usual key types and plain ``allowed_signers``
    lines; anything else goes to ``ssh-keygen -Y verify`` (the reference, ``keygen_verify``)."""
    if not allowed_signers.strip() or not signature or not principal:
        return False
    fast = sshsig_inproc.verdict(allowed_signers, principal, namespace, payload, signature)
    return fast if fast is not None else keygen_verify(allowed_signers, principal, namespace, payload, signature)


def keygen_verify(allowed_signers: str, principal: str, namespace: str, payload: bytes, signature: bytes) -> bool:
    """``verify`` by ``ssh-keygen -Y verify`` itself (one process per signature)."""
    if not allowed_signers.strip() or not signature or not principal:
        return False
    with tempfile.TemporaryDirectory(prefix="repospbe-ver-") as tmp:
        signers = Path(tmp) / "allowed_signers"
        signers.write_text(allowed_signers, encoding="utf-8")
        sig = Path(tmp) / "sig"
        sig.write_bytes(signature)
        proc = subprocess.run(
            [_keygen(), "-Y", "verify", "-f", str(signers), "-I", principal, "-n", namespace, "-s", str(sig)],
            input=payload,
            capture_output=True,
            env=_env(),
            timeout=TIMEOUT,
            check=False,
        )
        return proc.returncode == 0


def find_principals(allowed_signers: str, signature: bytes) -> list[str]:
    """Principals of ``allowed_signers`` whose key made ``signature`` (not yet verified)."""
    if not allowed_signers.strip() or not signature:
        return []
    with tempfile.TemporaryDirectory(prefix="repospbe-fp-") as tmp:
        signers = Path(tmp) / "allowed_signers"
        signers.write_text(allowed_signers, encoding="utf-8")
        sig = Path(tmp) / "sig"
        sig.write_bytes(signature)
        proc = subprocess.run(
            [_keygen(), "-Y", "find-principals", "-s", str(sig), "-f", str(signers)],
            capture_output=True,
            env=_env(),
            timeout=TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        return proc.stdout.decode().split() if proc.returncode == 0 else []


def public_key_of(key: Path, *, private_ok: bool = True) -> str:
    """The public key line (``type base64``) of private or public key file ``key``.

    With ``private_ok=False`` only ``key`` itself (a ``.pub``) or ``<key>.pub`` is read, never the private
    key: callers that must not touch the private key yet (before a pipeline ran) ask for this."""
    pub = Path(str(key) + ".pub")
    if key.suffix == ".pub":
        text = key.read_text(encoding="utf-8")
    elif pub.is_file():
        text = pub.read_text(encoding="utf-8")
    elif not private_ok:
        raise InputError("ssh.pub-missing", file=str(key))
    else:
        proc = subprocess.run(
            [_keygen(), "-y", "-f", str(key)],
            capture_output=True,
            env=_env(),
            timeout=TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        if proc.returncode != 0:
            raise InputError("ssh.key-missing", file=str(key))
        text = proc.stdout.decode()
    return normalise(text)


def normalise(key_line: str) -> str:
    """``type base64`` without the comment, or '' when it is not a key line."""
    parts = key_line.strip().split()
    if len(parts) < 2:
        return ""
    try:
        base64.b64decode(parts[1], validate=True)
    except ValueError:
        return ""
    return f"{parts[0]} {parts[1]}"


def fingerprint(key_line: str) -> str:
    """``SHA256:...`` fingerprint, as ``ssh-keygen -l`` prints it."""
    norm = normalise(key_line)
    if not norm:
        return ""
    raw = base64.b64decode(norm.split()[1])
    digest = base64.b64encode(hashlib.sha256(raw).digest()).decode().rstrip("=")
    return f"SHA256:{digest}"


def generate(path: Path, comment: str) -> str:
    """Create a new ed25519 key pair at ``path`` (no passphrase); return the public line."""
    subprocess.run(
        [_keygen(), "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", str(path)],
        check=True,
        capture_output=True,
        env=_env(),
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    return normalise(Path(str(path) + ".pub").read_text(encoding="utf-8"))
