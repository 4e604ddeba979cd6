"""The trust store of a registry: the anchors the Pemda accepts and stored revocation data.

    registry/trust/*.pem        trust anchors (PSrE / BSrE roots), PEM, one or more each
    registry/trust/crl/*        CRLs (DER or PEM) fetched while a network was present
    registry/trust/ocsp/*       OCSP responses (DER) fetched by ``repospbe trust refresh``

Read from the working tree (``load_dir``) or from a commit's files (``from_files``); a
file that cannot be parsed is a problem, never silently an anchor.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from repospbe.registry.paths import TRUST_DIR as TRUST_DIR  # one name, also offered here

CRL_DIR = f"{TRUST_DIR}/crl"
OCSP_DIR = f"{TRUST_DIR}/ocsp"
_MAX_BYTES = 2_000_000


@dataclass(frozen=True)
class TrustStore:
    roots: tuple[bytes, ...]  # DER certificates
    crls: tuple[bytes, ...]  # DER CRLs
    problems: tuple[str, ...] = ()  # files that could not be read
    ocsps: tuple[bytes, ...] = ()  # DER OCSP responses (the validator reads them beside the evidence's own)

    @property
    def empty(self) -> bool:
        return not self.roots


def parse_certs(data: bytes) -> list[x509.Certificate]:
    """Every certificate in ``data`` (PEM bundle or one DER); ValueError when none."""
    if b"-----BEGIN" in data:
        return x509.load_pem_x509_certificates(data)
    return [x509.load_der_x509_certificate(data)]


def _parse_crl(data: bytes) -> bytes:
    crl = x509.load_pem_x509_crl(data) if b"-----BEGIN" in data else x509.load_der_x509_crl(data)
    from cryptography.hazmat.primitives.serialization import Encoding

    return crl.public_bytes(Encoding.DER)


def _parse_ocsp(data: bytes) -> bytes:
    from cryptography.x509 import ocsp

    if ocsp.load_der_ocsp_response(data).response_status != ocsp.OCSPResponseStatus.SUCCESSFUL:
        raise ValueError("an unsuccessful OCSP response says nothing")  # refresh never stores one
    return data


def from_files(files: Mapping[str, bytes]) -> TrustStore:
    """The store from repo-relative paths and their bytes (only paths under ``registry/trust/``)."""
    from cryptography.hazmat.primitives.serialization import Encoding

    roots: list[bytes] = []
    crls: list[bytes] = []
    ocsps: list[bytes] = []
    problems: list[str] = []
    for rel in sorted(files):
        data = files[rel]
        parent, _, name = rel.rpartition("/")
        try:
            if len(data) > _MAX_BYTES:
                raise ValueError("too large")
            if parent == TRUST_DIR and name.endswith(".pem"):
                roots += [c.public_bytes(Encoding.DER) for c in parse_certs(data)]
            elif parent == CRL_DIR and not name.startswith("."):
                crls.append(_parse_crl(data))
            elif parent == OCSP_DIR and not name.startswith("."):
                ocsps.append(_parse_ocsp(data))
        except ValueError:
            problems.append(rel)
    return TrustStore(tuple(roots), tuple(crls), tuple(problems), tuple(ocsps))


def load_dir(root: Path) -> TrustStore:
    """The store of the registry checkout at ``root`` (empty when it has no ``registry/trust``)."""
    files: dict[str, bytes] = {}
    base = root / TRUST_DIR
    for path in [*base.glob("*.pem"), *(base / "crl").glob("*"), *(base / "ocsp").glob("*")]:
        if path.is_file() and not path.is_symlink():
            files[path.relative_to(root).as_posix()] = path.read_bytes()
    return from_files(files)
