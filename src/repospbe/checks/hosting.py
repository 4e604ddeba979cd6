"""hosting.*: every address an app declares is hosted in the Pusat Data (seed 6.2.2, 6.2.4.1).

Data and servers of every OPD belong in the Pusat Data Elektronik Daerah; an OPD may run
its own server only with the Walikota's approval and DISKOMINFO's feasibility approval,
given after evaluating criteria a-d (human resources, facilities, information security,
track record). The subdomain checks judge registered A/AAAA records; this check covers
every URL in an app's ``alamat``:

- ``hosting.exception-incomplete`` (high): ``hosting.lokasi: pengecualian`` without the
  Walikota approval (``pengecualian.nomor/tanggal/disetujui_oleh``) or without DISKOMINFO's
  feasibility assessment (``pengecualian.kelayakan`` with ``nomor``, ``tanggal`` and the four
  ``kriteria``: ``sdm``, ``sarana``, ``keamanan``, ``rekam_jejak``);
- ``hosting.address-outside`` (high): an address whose host is an IP outside the Pusat Data
  ranges, or a Pemda name whose subdomain points (CNAME) outside the Pemda's domain, or a
  host outside the Pemda's domain, without a complete exception;
- ``hosting.address-unverified`` (medium): a Pemda name with no registered subdomain
  records, so nothing shows where it is hosted.

Apps hosted nationally (``hosting.lokasi: nasional``, central apps of 6.2.4.3) are not judged.
"""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from repospbe.checks.base import CheckContext
from repospbe.checks.subdomains.addresses import ranges
from repospbe.checks.subdomains.common import subdomain
from repospbe.findings import Finding, Severity
from repospbe.registry.model import Record, Registry
from repospbe.subdomains.policy import hosting_exception_gaps
from repospbe.yamlio import locate

NATIONAL = "nasional"
EXCEPTION = "pengecualian"


def check(ctx: CheckContext) -> list[Finding]:
    reg = ctx.registry
    out: list[Finding] = []
    for _key, record in sorted(reg.apps.items()):
        if reg.selected(record.path):
            out += _app(reg, record)
    return out


def _app(reg: Registry, record: Record) -> list[Finding]:
    hosting = record.get("hosting")
    lokasi = hosting.get("lokasi") if isinstance(hosting, dict) else None
    if lokasi == NATIONAL:
        return []
    out: list[Finding] = []
    excepted = False
    if lokasi == EXCEPTION:
        gaps = hosting_exception_gaps(hosting)
        excepted = not gaps
        if gaps:
            out.append(
                _at(
                    record,
                    ["hosting", "lokasi"],
                    "hosting.exception-incomplete",
                    Severity.HIGH,
                    missing=", ".join(gaps),
                )
            )
    alamat = record.get("alamat")
    for i, url in enumerate(alamat if isinstance(alamat, list) else []):
        verdict = _judge(reg, url) if isinstance(url, str) else None
        if verdict is None or (excepted and verdict[0] == "hosting.address-outside"):
            continue
        out.append(_at(record, ["alamat", i], verdict[0], verdict[1], address=url, host=verdict[2]))
    return out


def _judge(reg: Registry, url: str) -> tuple[str, Severity, str] | None:
    """(check id, severity, the host judged) for one address; None when it is hosted in the Pusat Data."""
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None  # a malformed address is the address checks' business
    if not host:
        return None  # a malformed address is the address checks' business
    try:
        return _ip(reg, ipaddress.ip_address(host))
    except ValueError:
        pass
    domain = reg.domain.lower().rstrip(".")
    if not domain or not (host == domain or host.endswith("." + domain)):
        return "hosting.address-outside", Severity.HIGH, host
    label = host[: -len(domain) - 1] if host != domain else "@"
    spec = subdomain(reg, label) if label != "@" else None
    records = spec.records if spec is not None else []
    if any(r.type in ("A", "AAAA") for r in records):
        return None  # judged record by record by subdomain.address-*
    targets = [str(v).rstrip(".").lower() for r in records if r.type == "CNAME" for v in r.values]
    if targets and all(t == domain or t.endswith("." + domain) for t in targets):
        return None
    if targets:
        return "hosting.address-outside", Severity.HIGH, ", ".join(targets)
    return "hosting.address-unverified", Severity.MEDIUM, host


def _ip(reg: Registry, addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> tuple[str, Severity, str] | None:
    real, example = ranges(reg)
    if any(addr in net for net in (*real, *example)):
        return None
    return "hosting.address-outside", Severity.HIGH, str(addr)


def _at(record: Record, where: list[str | int], check_id: str, severity: Severity, **params: Any) -> Finding:
    line, col = locate(record.text, where)
    return Finding.make(
        check_id,
        severity,
        f"{check_id}.msg",
        path=record.path,
        line=line,
        column=col,
        hint=f"{check_id}.hint",
        breadcrumb=" > ".join(map(str, where)),
        **params,
    )
