"""The deployed state: a zone file (what the server serves) or the state file
written by the last ``repospbe dns apply``. Both become a ``Zone`` whose values
use the same canonical text as the registry's, so equal records compare equal."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dns.exception
import dns.name
import dns.rdata
import dns.rdatatype
import dns.zone

from repospbe.dns.zone import APEX, RRset, Zone
from repospbe.errors import InputError
from repospbe.subdomains.values import quote, txt_text

STATE_FORMAT = "repospbe-dns-state/1"
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Deployed:
    """Record sets currently deployed and the SOA serial they carry (0 = none)."""

    zone: Zone
    serial: int
    source: str


def empty(source: str) -> Deployed:
    return Deployed({}, 0, source)


def _host(rd: Any, attr: str) -> str:
    return str(getattr(rd, attr).to_text()).lower()


_CANON: dict[str, Callable[[Any], str]] = {
    "A": lambda rd: str(rd.address),
    "AAAA": lambda rd: str(rd.address),
    "CNAME": lambda rd: _host(rd, "target"),
    "NS": lambda rd: _host(rd, "target"),
    "MX": lambda rd: f"{rd.preference} {_host(rd, 'exchange')}",
    "SRV": lambda rd: f"{rd.priority} {rd.weight} {rd.port} {_host(rd, 'target')}",
    "CAA": lambda rd: (
        f"{rd.flags} {rd.tag.decode('ascii', 'replace')} {quote(rd.value.decode('utf-8', 'backslashreplace'))}"
    ),
    "TXT": lambda rd: txt_text(b"".join(rd.strings).decode("utf-8", "backslashreplace")),
}


def read_zonefile(path: Path, domain: str) -> Deployed:
    """Parse a zone file for ``domain``; a broken file is an input error."""
    _check_size(path)
    origin = dns.name.from_text(domain)
    try:
        parsed = dns.zone.from_file(str(path), origin=origin, relativize=False, check_origin=True)
    except (dns.exception.DNSException, UnicodeDecodeError, ValueError) as exc:
        raise InputError("dns.zonefile-invalid", file=str(path), error=str(exc)[:300]) from exc
    zone: Zone = {}
    serial = 0
    for name, rdataset in parsed.iterate_rdatasets():
        rtype = dns.rdatatype.to_text(rdataset.rdtype)
        if rtype == "SOA":
            serial = int(rdataset[0].serial)
            continue
        rel = name.relativize(origin).to_text().lower()
        values = tuple(sorted({_CANON.get(rtype, _opaque)(rd) for rd in rdataset}))
        key = (APEX if rel == "@" else rel, rtype)
        zone[key] = RRset(key[0], rtype, int(rdataset.ttl), values)
    return Deployed(zone, serial, str(path))


def _opaque(rd: Any) -> str:
    return str(rd.to_text())


def read_state(path: Path, domain: str) -> Deployed:
    """The last applied state; a missing file means nothing was applied yet."""
    if not path.exists():
        return empty(str(path))
    _check_size(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != STATE_FORMAT or data.get("zone") != domain:
            raise ValueError(f"format {data.get('format')!r}, zone {data.get('zone')!r}")
        zone: Zone = {}
        for item in data["records"]:
            rr = RRset(str(item["name"]), str(item["type"]), int(item["ttl"]), tuple(sorted(map(str, item["values"]))))
            zone[rr.key] = rr
        return Deployed(zone, int(data.get("serial", 0)), str(path))
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise InputError("dns.state-invalid", file=str(path), error=str(exc)[:300]) from exc


def state_text(domain: str, zone: Zone, serial: int, checksum: str) -> str:
    """The state file written after a successful apply (canonical JSON)."""
    records = [zone[k].as_dict() for k in sorted(zone)]
    doc = {"format": STATE_FORMAT, "zone": domain, "serial": serial, "plan_checksum": checksum, "records": records}
    return json.dumps(doc, indent=1, sort_keys=True) + "\n"


def _check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError("dns.deployed-unreadable", file=str(path), error=exc.strerror or str(exc)) from exc
    if size > MAX_BYTES:
        raise InputError("dns.deployed-unreadable", file=str(path), error=f"{size} > {MAX_BYTES} bytes")
