"""subdomain.address-*: A/AAAA records point into the Pusat Data (seed 6.2.4.1).

Servers and data of every OPD belong in the Pusat Data Elektronik Daerah unless
the Walikota approves otherwise. An address must be global (no private, loopback,
link-local, shared or documentation address; ``address-global``) and inside one
of the ``pusat_data`` ranges of ``instance.yaml`` (``address-pusat-data``),
unless the record carries ``pengecualian_hosting`` or the app it names has an
approved ``hosting.pengecualian`` (then ``address-exception``, info).

Ranges marked ``contoh: true`` are documentation ranges standing in for the real
Pusat Data in the bundled example registry: an address inside them is accepted
although it is not global, and always reported as info (``address-example``) so
nobody mistakes it for production. Such a record must say ``contoh: true``
itself (``address-example-unmarked`` otherwise).
"""

from __future__ import annotations

import ipaddress

from repospbe.checks.base import CheckContext
from repospbe.checks.subdomains.common import app_record, at, specs
from repospbe.findings import Finding, Severity
from repospbe.registry.model import Registry
from repospbe.subdomains.spec import RecordSpec, SubdomainSpec
from repospbe.subdomains.values import canonical

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def ranges(reg: Registry) -> tuple[list[Network], list[Network]]:
    """(real, example) Pusat Data networks from instance.yaml."""
    real: list[Network] = []
    example: list[Network] = []
    items = reg.instance.get("pusat_data") if reg.instance else None
    for item in items if isinstance(items, list) else []:
        try:
            net = ipaddress.ip_network(str(item.get("cidr")), strict=False)
        except (ValueError, AttributeError):
            continue
        (example if item.get("contoh") is True else real).append(net)
    return real, example


def check(ctx: CheckContext) -> list[Finding]:
    reg = ctx.registry
    real, example = ranges(reg)
    out: list[Finding] = []
    for spec in specs(reg):
        approved = _app_exception(reg, spec)
        for rec in spec.records:
            if rec.type in ("A", "AAAA"):
                out += _record(spec, rec, real, example, approved)
    return out


def _app_exception(reg: Registry, spec: SubdomainSpec) -> bool:
    app = app_record(reg, spec.opd, spec.app) if spec.opd and spec.app else None
    hosting = app.get("hosting") if app is not None else None
    return isinstance(hosting, dict) and isinstance(hosting.get("pengecualian"), dict)


def _record(
    spec: SubdomainSpec, rec: RecordSpec, real: list[Network], example: list[Network], approved: bool
) -> list[Finding]:
    out: list[Finding] = []
    for i, value in enumerate(rec.values):
        text = canonical(rec.type, value)
        if text is None:
            continue
        where = [*rec.where, "values", i] if len(rec.values) > 1 else [*rec.where, "value"]
        rule, sev = _classify(ipaddress.ip_address(text), rec, real, example, approved)
        if rule:
            out.append(at(spec.record, where, rule, sev, address=text))
    return out


def _classify(
    addr: Address, rec: RecordSpec, real: list[Network], example: list[Network], approved: bool
) -> tuple[str, Severity]:
    if any(addr in net for net in example):
        return ("address-example", Severity.INFO) if rec.example else ("address-example-unmarked", Severity.MEDIUM)
    if not addr.is_global:
        return "address-global", Severity.HIGH
    if any(addr in net for net in real):
        return "", Severity.INFO
    if rec.hosting_exception or approved:
        return "address-exception", Severity.INFO
    return "address-pusat-data", Severity.HIGH
