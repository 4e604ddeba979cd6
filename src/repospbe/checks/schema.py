"""schema.*: every record validates against its JSON Schema in ``checks/schemas/``.

The validation itself (``jsonschema`` the authority, ``jsonschema_rs`` a fast path
checked to agree with it) is ``repospbe.registry.schema``; this check runs it over
the selected records and the instance record.
"""

from __future__ import annotations

from repospbe.checks.base import CheckContext, app_local
from repospbe.findings import Finding
from repospbe.registry.model import Record
from repospbe.registry.schema import validate_record


@app_local
def check(ctx: CheckContext) -> list[Finding]:
    reg = ctx.registry
    records: list[Record] = [r for r in (reg.instance, reg.reviewers) if r is not None]
    records += [*reg.opds.values(), *reg.apps.values(), *reg.subdomains.values()]
    findings: list[Finding] = []
    for record in records:
        if reg.selected(record.path) or record.kind == "instance":
            findings.extend(validate_record(ctx.root, record))
    return findings
