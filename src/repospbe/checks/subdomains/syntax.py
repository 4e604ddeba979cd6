"""subdomain.label-* / subdomain.name-length: the name is a valid host name.

Lowercase LDH labels of 1-63 characters, no hyphen at either end, no ``--`` in
positions 3-4 (so no punycode ``xn--``), ``_`` only as the first character of a
label below the top label (``_dmarc.dinkes``), and at most 253 characters with
the Pemda domain. The name is the file name: ``registry/subdomains/<name>.yaml``.
"""

from __future__ import annotations

from repospbe.checks.base import CheckContext
from repospbe.checks.subdomains.common import at, specs
from repospbe.findings import Finding, Severity
from repospbe.subdomains.names import name_problems


def check(ctx: CheckContext) -> list[Finding]:
    domain = ctx.registry.domain
    out: list[Finding] = []
    for spec in specs(ctx.registry):
        for rule, params in name_problems(spec.name, domain):
            out.append(
                at(
                    spec.record,
                    [],
                    rule,
                    Severity.HIGH,
                    name=spec.name,
                    **{k: v for k, v in params.items() if k != "name"},
                )
            )
    return out
