"""The zone as an RFC 1035 zone file (BIND): $ORIGIN, $TTL, SOA, then every
record set in a readable order (apex, then names from the domain down)."""

from __future__ import annotations

import datetime as dt

from repospbe.dns.zone import APEX, Zone, sort_key
from repospbe.subdomains.policy import DnsConfig


def next_serial(previous: int, changed: bool, today: dt.date) -> int:
    """YYYYMMDDnn: unchanged zones keep their serial; otherwise the larger of
    today's first serial and previous + 1, so the serial always increases."""
    if previous and not changed:
        return previous
    return max(previous + 1, int(today.strftime("%Y%m%d")) * 100 + 1)


def rname(hostmaster: str) -> str:
    """``hostmaster@pontianakkota.go.id`` -> ``hostmaster.pontianakkota.go.id.``
    (a dot in the local part is escaped, RFC 1035 §8)."""
    local, _, domain = hostmaster.partition("@")
    return f"{local.replace('.', chr(92) + '.')}.{domain}."


def zone_text(cfg: DnsConfig, zone: Zone, serial: int) -> str:
    primary = cfg.nameservers[0][0] if cfg.nameservers else f"ns1.{cfg.domain}"
    refresh, retry, expire, minimum = cfg.soa
    lines = [
        f"; Zona {cfg.domain} dibangun oleh repospbe dari registry/subdomains/ (jangan disunting manual).",
        f"$ORIGIN {cfg.domain}.",
        f"$TTL {cfg.ttl}",
        f"@ {cfg.ttl} IN SOA {primary}. {rname(cfg.hostmaster)} ( {serial} {refresh} {retry} {expire} {minimum} )",
    ]
    for key in sorted(zone, key=sort_key):
        rr = zone[key]
        owner = "@" if rr.name == APEX else rr.name
        lines += [f"{owner} {rr.ttl} IN {rr.type} {value}" for value in rr.values]
    return "\n".join(lines) + "\n"
