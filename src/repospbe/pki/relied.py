"""The certificates whose revocation status the registry relies on, each with its issuer.

Gathered from: the trust anchors and any intermediates bundled with them (``registry/trust/*.pem``);
every certificate carried in a certificate signature (``*.p7s``) stored as evidence under
``refs/repospbe/`` (decisions, openings, releases: whatever ref holds one); the signers of the
signed PDF documents under ``registry/apps/`` (``pdfcerts``); and certificates named by the caller
(``trust refresh --sertifikat``: a reviewer's own, before signing). Only certificates that chain to
an anchor are kept; the others are listed apart (``orphans``). A self-signed anchor has no
revocation status to fetch.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import AuthorityInformationAccessOID

from repospbe.git.runner import run_git
from repospbe.pki.cms import certificates
from repospbe.pki.pdfcerts import pdf_certificates
from repospbe.pki.trust import TRUST_DIR, parse_certs

EVIDENCE_REFS = "refs/repospbe/"
_MAX_P7S = 1_000_000


@dataclass(frozen=True)
class Relied:
    """A certificate, its issuer, and where its revocation data is published (http(s) or not)."""

    cert: x509.Certificate
    issuer: x509.Certificate
    crl_urls: tuple[str, ...]
    ocsp_urls: tuple[str, ...]


def _uris(names: Iterable[x509.GeneralName]) -> list[str]:
    return [n.value for n in names if isinstance(n, x509.UniformResourceIdentifier)]


def crl_urls(cert: x509.Certificate) -> tuple[str, ...]:
    try:
        points = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    except x509.ExtensionNotFound:
        return ()
    return tuple(dict.fromkeys(u for p in points for u in _uris(p.full_name or [])))


def ocsp_urls(cert: x509.Certificate) -> tuple[str, ...]:
    try:
        aia = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
    except x509.ExtensionNotFound:
        return ()
    found = [d.access_location for d in aia if d.access_method == AuthorityInformationAccessOID.OCSP]
    return tuple(dict.fromkeys(_uris(found)))


def _anchors(root: Path) -> list[x509.Certificate]:
    out: list[x509.Certificate] = []
    for path in sorted((root / TRUST_DIR).glob("*.pem")):
        if path.is_file() and not path.is_symlink():
            try:
                out += parse_certs(path.read_bytes())
            except ValueError:
                continue  # reported by the trust.unreadable check
    return out


def _evidence_signatures(root: Path) -> list[bytes]:
    """Every ``.p7s`` blob at the tips of ``refs/repospbe/*`` (each blob once)."""
    refs = run_git(root, "for-each-ref", "--format=%(objectname)", EVIDENCE_REFS, check=False)
    if not refs.ok:
        return []
    blobs: set[str] = set()
    for tip in dict.fromkeys(refs.text.split()):
        listing = run_git(root, "ls-tree", "-r", "-z", "--full-tree", tip, check=False)
        for entry in listing.text.split("\0") if listing.ok else []:
            meta, _, rel = entry.partition("\t")
            parts = meta.split()
            if rel.endswith(".p7s") and len(parts) == 3 and parts[1] == "blob":
                blobs.add(parts[2])
    if not blobs:
        return []
    got = run_git(root, "cat-file", "--batch", input="".join(b + "\n" for b in sorted(blobs)).encode(), check=False)
    return _batch(got.stdout) if got.ok else []


def _batch(data: bytes) -> list[bytes]:
    """The contents in ``git cat-file --batch`` output (``<oid> <type> <size>\\n<content>\\n`` each)."""
    out: list[bytes] = []
    pos = 0
    while pos < len(data):
        end = data.find(b"\n", pos)
        header = data[pos:end].split() if end >= 0 else []
        if len(header) != 3 or not header[2].isdigit():
            break  # "<oid> missing" or a truncated answer: nothing more to read
        size = int(header[2])
        if size <= _MAX_P7S:
            out.append(data[end + 1 : end + 1 + size])
        pos = end + 1 + size + 1
    return out


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    if cert.issuer != issuer.subject:
        return False
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _unique(certs: Iterable[x509.Certificate]) -> list[x509.Certificate]:
    seen: dict[bytes, x509.Certificate] = {}
    for cert in certs:
        seen.setdefault(cert.public_bytes(Encoding.DER), cert)
    return list(seen.values())


def _chains_to(cert: x509.Certificate, issuers: dict[bytes, x509.Certificate], anchors: set[bytes]) -> bool:
    seen: set[bytes] = set()
    der = cert.public_bytes(Encoding.DER)
    while der not in anchors:
        if der in seen or der not in issuers:
            return False
        seen.add(der)
        der = issuers[der].public_bytes(Encoding.DER)
    return True


def link(
    anchors: Sequence[x509.Certificate], others: Sequence[x509.Certificate]
) -> tuple[list[Relied], list[x509.Certificate]]:
    """(each certificate of ``others`` and ``anchors`` that chains to an anchor, with its issuer; the
    certificates that do not). Only these are asked about: a signature planted in the evidence with a
    foreign chain does not choose which URLs repospbe contacts."""
    anchor_ders = {c.public_bytes(Encoding.DER) for c in anchors}
    pool = _unique([*anchors, *others])
    issuers: dict[bytes, x509.Certificate] = {}
    for cert in pool:
        if not _issued_by(cert, cert):  # a self-signed certificate has no issuer to ask
            found = next((c for c in pool if c is not cert and _issued_by(cert, c)), None)
            if found is not None:
                issuers[cert.public_bytes(Encoding.DER)] = found
    relied: list[Relied] = []
    orphans: list[x509.Certificate] = []
    for cert in pool:
        der = cert.public_bytes(Encoding.DER)
        if der in issuers and _chains_to(issuers[der], issuers, anchor_ders):
            relied.append(Relied(cert, issuers[der], crl_urls(cert), ocsp_urls(cert)))
        elif der not in anchor_ders and not _issued_by(cert, cert):  # a foreign root: its leaves say enough
            orphans.append(cert)
    return relied, orphans


def collect(root: Path, extra: Sequence[x509.Certificate] = ()) -> tuple[list[Relied], list[x509.Certificate]]:
    """The certificates the registry at ``root`` relies on (see the module doc), linked to their issuers."""
    others = [c for sig in _evidence_signatures(root) for c in certificates(sig)]
    return link(_anchors(root), [*others, *pdf_certificates(root), *extra])
