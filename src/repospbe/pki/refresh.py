"""``repospbe trust refresh``: fetch, verify, compare, then (``--terapkan``) store revocation data.

Plan then apply, as ``dns plan``/``apply``: without ``--terapkan`` nothing is written and the plan
says what would change (a new CRL and its number and nextUpdate, an OCSP status); with it the
same run writes exactly what it verified. Each URL is one ``Item``: either data to store (new,
newer, or the same as stored, which is not written again) or one finding saying why not
(``trust.refresh.<kind>``: offline, http, too-large, not-der, wrong-issuer, replay, ocsp-*, ...).
Nothing is written for a refused URL and the stored data stays as it was.

Where: CRLs in ``registry/trust/crl/`` (a stored CRL of the same issuer is replaced under its
own name), OCSP responses in ``registry/trust/ocsp/<issuer>-<serial>.der``; ``trust.load_dir``
and the rules' trust store read both, so the validator uses them. ``registry/trust/`` is a
governance path: the operator commits the files through a merge request like any rule change.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from cryptography.x509.oid import NameOID

from repospbe.findings import Finding, Severity
from repospbe.pki import crl, fetch, ocsp
from repospbe.pki.relied import Relied, collect
from repospbe.pki.trust import CRL_DIR, OCSP_DIR
from repospbe.writefile import write_atomic


@dataclass(frozen=True)
class Item:
    """One URL: what it gave (``change`` and ``data`` to store at ``target``) or why not (``finding``)."""

    kind: str  # "crl" | "ocsp"
    url: str
    about: str  # the issuer (CRL) or the certificate (OCSP), by common name
    target: str = ""  # repo-relative file
    change: crl.Change | None = None
    data: bytes = b""
    facts: dict[str, str] = field(default_factory=dict)  # number, previous, next_update, status
    finding: Finding | None = None
    issued: datetime | None = None  # thisUpdate of what was fetched

    @property
    def writes(self) -> bool:
        return self.finding is None and self.change in (crl.Change.NEW, crl.Change.NEWER)


@dataclass(frozen=True)
class Plan:
    items: tuple[Item, ...]
    notes: tuple[Finding, ...]  # certificates with nothing to fetch, or outside the trust anchors

    @property
    def complete(self) -> bool:
        """Every URL gave verified data (the exit code says "not all refreshed" otherwise)."""
        return all(i.finding is None for i in self.items)

    @property
    def changes(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.writes)


def cn(cert: x509.Certificate) -> str:
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.subject.rfc4514_string()


def _tag(issuer: x509.Certificate) -> str:
    spki = issuer.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    slug = re.sub(r"[^a-z0-9]+", "-", cn(issuer).lower()).strip("-")[:40] or "ca"
    return f"{slug}-{hashlib.sha256(spki).hexdigest()[:8]}"


def _refused(kind: str, url: str, about: str, exc: fetch.Refused) -> Item:
    finding = Finding.make(f"trust.refresh.{exc.kind}", Severity.HIGH, url=url, detail=exc.detail)
    return Item(kind, url, about, finding=finding)


def _stored_crl(root: Path, issuer: x509.Certificate) -> tuple[str, crl.CrlInfo | None]:
    """(file to write, newest stored CRL of ``issuer``): its own file when one is stored."""
    best: tuple[str, crl.CrlInfo | None] = (f"{CRL_DIR}/{_tag(issuer)}.crl", None)
    for path in sorted((root / CRL_DIR).glob("*")):
        if not path.is_file() or path.is_symlink() or path.name.startswith("."):
            continue
        try:
            parsed = crl.parse(path.read_bytes())
        except (fetch.Refused, OSError):
            continue
        if crl.signed_by(parsed, issuer):
            got = crl.info(parsed)
            if best[1] is None or got.this_update > best[1].this_update:
                best = (path.relative_to(root).as_posix(), got)
    return best


def _crl_item(root: Path, url: str, issuer: x509.Certificate, timeout: float) -> Item:
    about = cn(issuer)
    try:
        body = fetch.fetch(url, accept="application/pkix-crl", timeout=timeout).body
        got = crl.verify(body, issuer)
        target, stored = _stored_crl(root, issuer)
        change = crl.compare(got, stored)
    except fetch.Refused as exc:
        return _refused("crl", url, about, exc)
    facts = {
        "number": "-" if got.number is None else str(got.number),
        "previous": "-" if stored is None or stored.number is None else str(stored.number),
        "next_update": got.next_update.isoformat() if got.next_update else "-",
        "revoked": str(got.revoked),
    }
    return Item("crl", url, about, target, change, got.der, facts, issued=got.this_update)


def _ocsp_item(root: Path, url: str, relied: Relied, timeout: float) -> Item:
    cert, issuer = relied.cert, relied.issuer
    about = f"{cn(cert)} ({cert.serial_number:x})"
    target = f"{OCSP_DIR}/{_tag(issuer)}-{cert.serial_number:x}.der"
    try:
        req, nonce = ocsp.request(cert, issuer)
        body = fetch.fetch(url, data=req, content_type=ocsp.CONTENT_TYPE, accept=ocsp.ACCEPT, timeout=timeout).body
        got = ocsp.verify(body, cert, issuer, nonce)
        path = root / target
        stored = ocsp.stored_info(path.read_bytes(), cert, issuer) if path.is_file() else None
        if stored is not None and got.this_update < stored.this_update:
            raise fetch.Refused("replay", f"{got.this_update.isoformat()} < {stored.this_update.isoformat()}")
    except fetch.Refused as exc:
        return _refused("ocsp", url, about, exc)
    same = stored is not None and stored.this_update == got.this_update and stored.status == got.status
    change = crl.Change.SAME if same else crl.Change.NEWER if stored is not None else crl.Change.NEW
    facts = {"status": got.status, "next_update": got.next_update.isoformat() if got.next_update else "-"}
    return Item("ocsp", url, about, target, change, got.der, facts, issued=got.this_update)


def _notes(relied: Sequence[Relied], orphans: Sequence[x509.Certificate]) -> list[Finding]:
    out = [Finding.make("trust.refresh.outside", Severity.INFO, subject=cn(c)) for c in orphans]
    for r in relied:
        if not any(map(fetch.usable, (*r.crl_urls, *r.ocsp_urls))):
            out.append(Finding.make("trust.refresh.no-source", Severity.INFO, subject=cn(r.cert)))
    return out


def plan(root: Path, extra: Sequence[x509.Certificate] = (), timeout: float = fetch.DEFAULT_TIMEOUT) -> Plan:
    """Fetch and verify the revocation data of every certificate the registry at ``root`` relies on
    (and of ``extra``); nothing is written."""
    relied, orphans = collect(root, extra)
    items: list[Item] = []
    crl_sources: dict[tuple[str, bytes], x509.Certificate] = {}
    for r in relied:
        for url in filter(fetch.usable, r.crl_urls):
            crl_sources.setdefault((url, r.issuer.public_bytes(Encoding.DER)), r.issuer)
    for (url, _), issuer in crl_sources.items():
        items.append(_crl_item(root, url, issuer, timeout))
    for r in relied:
        if r.cert.not_valid_after_utc < datetime.now(UTC):
            continue  # an expired certificate is answered from CRLs (responders forget them)
        items += [_ocsp_item(root, url, r, timeout) for url in filter(fetch.usable, r.ocsp_urls)]
    return Plan(tuple(items), tuple(_notes(relied, orphans)))


def apply(root: Path, planned: Plan) -> list[str]:
    """Write what ``planned`` verified (new or newer data only); the files written."""
    chosen: dict[str, Item] = {}  # two mirrors of one CRL: the most recent of them is written
    for item in planned.changes:
        had = chosen.get(item.target)
        if had is None or (item.issued and had.issued and item.issued > had.issued):
            chosen[item.target] = item
    for target, item in chosen.items():
        write_atomic(root / target, item.data)
    return list(chosen)


def read_certificates(paths: Sequence[Path]) -> list[x509.Certificate]:
    """The certificates of ``paths`` (PEM bundles or DER); InputError naming the unreadable file."""
    from repospbe.errors import InputError
    from repospbe.pki.trust import parse_certs

    out: list[x509.Certificate] = []
    for path in paths:
        try:
            out += parse_certs(path.read_bytes())
        except (OSError, ValueError) as exc:
            raise InputError("trust.refresh.cert-unreadable", file=str(path), error=str(exc)[:200]) from exc
    return out
