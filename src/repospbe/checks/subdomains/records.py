"""subdomain.cname-* / subdomain.value / subdomain.srv-name / subdomain.type-repeated.

- A CNAME stands alone (RFC 1034 §3.6.2, RFC 2181 §10.1): one CNAME entry with
  one value (``cname-single``), no other record type next to it
  (``cname-alone``), never pointing to the name itself (``cname-self``) or to
  the zone apex (``cname-apex``).
- Every value is valid for its type (``value``): IPv4/IPv6 addresses, full host
  names, MX priority and target, SRV priority/weight/port/target, CAA
  flags/tag/value, printable-ASCII TXT.
- An SRV record lives at ``_service._proto.<name>`` (RFC 2782): ``srv-name``.
- Each type appears once per file; put every value in one ``values`` list
  (``type-repeated``), so one record set has one TTL.
"""

from __future__ import annotations

from repospbe.checks.base import CheckContext
from repospbe.checks.subdomains.common import at, specs
from repospbe.findings import Finding, Severity
from repospbe.subdomains.names import fqdn, labels
from repospbe.subdomains.spec import RecordSpec, SubdomainSpec
from repospbe.subdomains.values import canonical, show


def check(ctx: CheckContext) -> list[Finding]:
    domain = ctx.registry.domain
    out: list[Finding] = []
    for spec in specs(ctx.registry):
        out += _values(spec)
        out += _cname(spec, domain)
        out += _repeated(spec)
        out += _srv_name(spec)
    return out


def _values(spec: SubdomainSpec) -> list[Finding]:
    out: list[Finding] = []
    for rec in spec.records:
        for i, value in enumerate(rec.values):
            if canonical(rec.type, value) is None:
                where = [*rec.where, "values", i] if len(rec.values) > 1 else [*rec.where, "value"]
                out.append(at(spec.record, where, "value", Severity.HIGH, rtype=rec.type, value=show(value)))
    return out


def _cname(spec: SubdomainSpec, domain: str) -> list[Finding]:
    cnames = [r for r in spec.records if r.type == "CNAME"]
    if not cnames:
        return []
    out: list[Finding] = []
    first = cnames[0]
    if len(cnames) > 1 or len(first.values) > 1:
        out.append(at(spec.record, first.where, "cname-single", Severity.HIGH, name=spec.name))
    others = sorted({r.type for r in spec.records if r.type != "CNAME"})
    if others:
        out.append(at(spec.record, first.where, "cname-alone", Severity.HIGH, name=spec.name, types=", ".join(others)))
    for rec in cnames:
        out += _cname_target(spec, rec, domain)
    return out


def _cname_target(spec: SubdomainSpec, rec: RecordSpec, domain: str) -> list[Finding]:
    out: list[Finding] = []
    for value in rec.values:
        target = canonical("CNAME", value)
        if target == fqdn(spec.name.lower(), domain):
            out.append(at(spec.record, [*rec.where, "value"], "cname-self", Severity.HIGH, target=target))
        elif target == fqdn("@", domain):
            out.append(at(spec.record, [*rec.where, "value"], "cname-apex", Severity.HIGH, target=target))
    return out


def _repeated(spec: SubdomainSpec) -> list[Finding]:
    seen: set[str] = set()
    out: list[Finding] = []
    for rec in spec.records:
        if rec.type in seen and rec.type != "CNAME":
            out.append(at(spec.record, rec.where, "type-repeated", Severity.MEDIUM, rtype=rec.type))
        seen.add(rec.type)
    return out


def _srv_name(spec: SubdomainSpec) -> list[Finding]:
    parts = labels(spec.name.lower())
    if len(parts) >= 3 and parts[0].startswith("_") and parts[1] in ("_tcp", "_udp", "_tls", "_sctp"):
        return []
    return [
        at(spec.record, r.where, "srv-name", Severity.HIGH, name=spec.name) for r in spec.records if r.type == "SRV"
    ]
