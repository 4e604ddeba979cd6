"""subdomain.reserved / subdomain.reserved-diskominfo: names nobody may request.

``checks/naming/reserved.txt`` lists them (RFC 2142 mailboxes, RFC 6761 special
names, names clients probe on their own such as ``wpad`` and ``isatap``, zone
infrastructure such as ``ns1`` and ``mail``, misleading generic words). Names
marked ``diskominfo`` (the Pemda portal ``www``, ``mail``, ``ns1``...) may be held
only by the Diskominfo OPD of ``instance.yaml``; names marked ``semua`` are
refused at any level (``wpad.dinkes`` too).
"""

from __future__ import annotations

from repospbe.checks.base import CheckContext
from repospbe.checks.subdomains.common import at, specs
from repospbe.findings import Finding, Severity
from repospbe.subdomains.names import labels, top_label
from repospbe.subdomains.policy import dns_config, load_reserved


def check(ctx: CheckContext) -> list[Finding]:
    reg = ctx.registry
    reserved = load_reserved(reg.root)
    diskominfo = dns_config(reg).diskominfo
    out: list[Finding] = []
    for spec in specs(reg):
        name = spec.name.lower()
        top = top_label(name)
        hit = next((lb for lb in labels(name)[:-1] if lb in reserved.everywhere), None)
        if top in reserved.names or hit:
            out.append(at(spec.record, [], "reserved", Severity.HIGH, label=hit or top))
        elif top in reserved.for_diskominfo and spec.opd != diskominfo:
            out.append(at(spec.record, ["opd"], "reserved-diskominfo", Severity.HIGH, label=top, opd=diskominfo))
    return out
