"""The desired zone: one record set per (name, type), values in canonical form."""

from __future__ import annotations

from dataclasses import dataclass

from repospbe.registry.model import Registry
from repospbe.subdomains.policy import DnsConfig
from repospbe.subdomains.spec import SubdomainSpec, from_record
from repospbe.subdomains.values import canonical

APEX = "@"


@dataclass(frozen=True)
class RRset:
    """A record set: relative name (``@`` = apex), type, TTL, sorted values."""

    name: str
    type: str
    ttl: int
    values: tuple[str, ...]

    @property
    def key(self) -> tuple[str, str]:
        return (self.name, self.type)

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "type": self.type, "ttl": self.ttl, "values": list(self.values)}


Zone = dict[tuple[str, str], RRset]


def sort_key(key: tuple[str, str]) -> tuple[int, tuple[str, ...], str]:
    """Apex first, then names ordered from the domain down (``dinkes`` before
    ``sipd.dinkes``), then type: the order of a readable zone file."""
    name, rtype = key
    return (0 if name == APEX else 1, tuple(reversed(name.split("."))), rtype)


def build(reg: Registry, cfg: DnsConfig) -> Zone:
    """Every record of every subdomain file plus the apex NS and its glue."""
    zone: Zone = {}
    _add(zone, APEX, "NS", cfg.ttl, [f"{host}." for host, _ in cfg.nameservers])
    for host, addresses in cfg.nameservers:
        rel = relative(host, cfg.domain)
        if rel is not None:
            for rtype in ("A", "AAAA"):
                _add(zone, rel, rtype, cfg.ttl, [v for a in addresses if (v := canonical(rtype, a))])
    for name, record in sorted(reg.subdomains.items()):
        _add_spec(zone, from_record(name.lower(), record), cfg.ttl)
    return zone


def _add_spec(zone: Zone, spec: SubdomainSpec, default_ttl: int) -> None:
    for rec in spec.records:
        values = [v for raw in rec.values if (v := canonical(rec.type, raw))]
        _add(zone, spec.name, rec.type, rec.ttl or spec.ttl or default_ttl, values)


def _add(zone: Zone, name: str, rtype: str, ttl: int, values: list[str]) -> None:
    if not values:
        return
    old = zone.get((name, rtype))
    if old is not None:
        values = [*old.values, *values]
        ttl = min(ttl, old.ttl)
    zone[(name, rtype)] = RRset(name, rtype, ttl, tuple(sorted(set(values))))


def relative(host: str, domain: str) -> str | None:
    """``ns1.pontianakkota.go.id`` -> ``ns1``; None when outside the domain."""
    host = host.lower().rstrip(".")
    if host == domain:
        return APEX
    return host[: -len(domain) - 1] if host.endswith("." + domain) else None
