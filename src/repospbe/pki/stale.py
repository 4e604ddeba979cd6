"""Stored revocation data past its nextUpdate (what ``trust refresh`` should renew).

A CRL or OCSP response past its nextUpdate still says what was revoked up to its thisUpdate,
so it is kept and still read; but revocations since then are unknown, and ``repospbe check``
says so for each such file.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.x509 import ocsp

from repospbe.pki.trust import CRL_DIR, OCSP_DIR


def _files(root: Path, rel_dir: str) -> list[Path]:
    base = root / rel_dir
    if not base.is_dir():
        return []
    return [p for p in sorted(base.iterdir()) if p.is_file() and not p.is_symlink() and not p.name.startswith(".")]


def _crl_next(data: bytes) -> tuple[str, datetime | None]:
    crl = x509.load_pem_x509_crl(data) if data.lstrip().startswith(b"-----BEGIN") else x509.load_der_x509_crl(data)
    return crl.issuer.rfc4514_string(), crl.next_update_utc


def _ocsp_next(data: bytes) -> tuple[str, datetime | None]:
    resp = ocsp.load_der_ocsp_response(data)
    if resp.response_status != ocsp.OCSPResponseStatus.SUCCESSFUL:
        return "", None
    single = next(iter(resp.responses))
    return f"serial {single.serial_number:x}", single.next_update_utc


def stale_files(root: Path, now: datetime | None = None) -> list[tuple[str, str, str, str]]:
    """(file, "crl"|"ocsp", issuer or serial, nextUpdate) for each stored file past its nextUpdate;
    unreadable files are left to ``trust.unreadable``."""
    now = now or datetime.now(UTC)
    out: list[tuple[str, str, str, str]] = []
    for kind, rel_dir, read in (("crl", CRL_DIR, _crl_next), ("ocsp", OCSP_DIR, _ocsp_next)):
        for path in _files(root, rel_dir):
            try:
                who, next_update = read(path.read_bytes())
            except (ValueError, OSError, StopIteration):
                continue
            if next_update is not None and next_update < now:
                out.append((path.relative_to(root).as_posix(), kind, who, next_update.isoformat()))
    return out
