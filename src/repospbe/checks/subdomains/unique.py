"""subdomain.duplicate / subdomain.nested-owner: one owner per name.

Names are unique ignoring case (DNS does not see case, RFC 4343), so
``Jdih.yaml`` next to ``jdih.yaml`` is one name twice. A nested name
(``sipd.dinkes``) belongs to the owner of its nearest registered parent
(``dinkes``): nobody may create names under another OPD's name.
"""

from __future__ import annotations

from collections import defaultdict

from repospbe.checks.base import CheckContext
from repospbe.checks.subdomains.common import SUBDOMAIN_DIR, at, specs, subdomain
from repospbe.findings import Finding, Severity
from repospbe.registry.model import Registry
from repospbe.subdomains.names import parent
from repospbe.subdomains.spec import SubdomainSpec


def check(ctx: CheckContext) -> list[Finding]:
    reg = ctx.registry
    out = _duplicates(reg)
    lower = {n.lower(): n for n in reg.subdomain_names}
    for spec in specs(reg):
        out += _nested(reg, spec, lower)
    return out


def _duplicates(reg: Registry) -> list[Finding]:
    groups: dict[str, list[str]] = defaultdict(list)
    for name in reg.subdomain_names:
        groups[name.lower()].append(name)
    out: list[Finding] = []
    for spec in specs(reg):
        names = sorted(groups.get(spec.name.lower(), []))
        if len(names) > 1:
            others = ", ".join(f"{SUBDOMAIN_DIR}/{n}.yaml" for n in names if n != spec.name)
            out.append(at(spec.record, [], "duplicate", Severity.HIGH, name=spec.name, others=others))
    return out


def _nested(reg: Registry, spec: SubdomainSpec, lower: dict[str, str]) -> list[Finding]:
    up = parent(spec.name.lower())
    while up is not None and up not in lower:
        up = parent(up)
    if up is None:
        return []
    owner = subdomain(reg, lower[up])
    if owner is None or owner.opd is None or owner.opd == spec.opd:
        return []
    return [at(spec.record, ["opd"], "nested-owner", Severity.HIGH, name=spec.name, parent_name=up, owner=owner.opd)]
