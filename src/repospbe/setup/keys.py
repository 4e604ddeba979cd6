"""An OpenSSH public key file, checked the way ``ssh-keygen`` reads it (type, blob, the type inside the blob)."""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

from repospbe.errors import InputError

KEY_TYPES = frozenset(
    {
        "ssh-ed25519",
        "ssh-rsa",
        "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com",
    }
)
MAX_KEY_FILE = 16 * 1024


def read_public_key(path: Path) -> str:
    """``type base64`` of the one public key in ``path`` (comment dropped); refuses private keys and junk."""
    try:
        raw = path.read_bytes()[: MAX_KEY_FILE + 1]
    except OSError as exc:
        raise InputError("setup.key-unreadable", file=str(path), error=exc.strerror or str(exc)) from None
    text = raw.decode("utf-8", "replace")
    if "PRIVATE KEY" in text:
        raise InputError("setup.key-private", file=str(path))
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if len(raw) > MAX_KEY_FILE or len(lines) != 1:
        raise InputError("setup.key-bad", file=str(path))
    parts = lines[0].split()
    if len(parts) < 2 or parts[0] not in KEY_TYPES or _blob_type(parts[1]) != parts[0]:
        raise InputError("setup.key-bad", file=str(path))
    return f"{parts[0]} {parts[1]}"


def _blob_type(b64: str) -> str:
    try:
        blob = base64.b64decode(b64, validate=True)
    except (binascii.Error, ValueError):
        return ""
    if len(blob) < 4:
        return ""
    size = int.from_bytes(blob[:4], "big")
    return blob[4 : 4 + size].decode("ascii", "replace") if 0 < size <= len(blob) - 4 else ""
