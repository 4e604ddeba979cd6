"""subdomain.naming and owner references (seed 6.2.5.3, "Situs Web").

Every OPD site and app site is a subdomain named after the OPD or the app. The
top label of the name (``dinkes`` in ``sipd.dinkes``) must be one of:

- the owner OPD's code, or one of its ``singkatan`` (lowercased);
- the id, or one of the ``singkatan``, of an app that OPD owns;
- a name in ``registry/dns/pengecualian-nama.yaml`` approved for that OPD (reported as
  info, so a reviewer sees every exception in use);
- for the Diskominfo OPD only: a name ``reserved.txt`` keeps for Diskominfo, such
  as the Pemda portal ``www`` (seed: the portal is managed by Diskominfo).

Also: the owner OPD is registered (``subdomain.owner-missing``), ``untuk.app`` is
an app of the owner OPD (``subdomain.app-missing``), ``untuk.opd`` is the owner
itself (``subdomain.for-other-opd``), and an exception that matches no subdomain
any more is stale (``subdomain.exception-stale``); every exception names the OPD,
the reason and the approval letter (``subdomain.exception-invalid``).
"""

from __future__ import annotations

from dataclasses import replace

from repospbe.checks.base import CheckContext
from repospbe.checks.subdomains.common import app_record, at, at_text, specs
from repospbe.checks.subdomains.lifecycle import validate_policy
from repospbe.findings import Finding, Severity
from repospbe.registry.model import Registry
from repospbe.subdomains.names import top_label
from repospbe.subdomains.owner_names import allowed_names
from repospbe.subdomains.policy import EXCEPTIONS_FILE, Listed, load_list, load_reserved
from repospbe.subdomains.spec import SubdomainSpec

EXCEPTIONS_SCHEMA = "checks/schemas/naming-exceptions.schema.json"


def check(ctx: CheckContext) -> list[Finding]:
    reg = ctx.registry
    exceptions, ex_text, out = load_list(reg.root, EXCEPTIONS_FILE, "pengecualian")
    if ex_text:
        out += validate_policy(reg.root, EXCEPTIONS_FILE, EXCEPTIONS_SCHEMA, ex_text, "exception-invalid")
    infra = load_reserved(reg.root).for_diskominfo
    allowed: dict[str, set[str]] = {}
    for spec in specs(reg):
        out += _owner(reg, spec)
        if spec.opd and spec.opd in reg.opd_names:
            if spec.opd not in allowed:
                allowed[spec.opd] = allowed_names(reg, spec.opd)
            out += _name(spec, allowed[spec.opd], exceptions, infra)
    if reg.selection is None:
        out += _stale(reg, exceptions, ex_text)
    return out


def _owner(reg: Registry, spec: SubdomainSpec) -> list[Finding]:
    out: list[Finding] = []
    if spec.opd and spec.opd not in reg.opd_names:
        out.append(at(spec.record, ["opd"], "owner-missing", Severity.HIGH, opd=spec.opd))
    if spec.app and spec.opd and app_record(reg, spec.opd, spec.app) is None:
        out.append(at(spec.record, ["untuk", "app"], "app-missing", Severity.HIGH, app=spec.app, opd=spec.opd))
    if spec.for_opd and spec.opd and spec.for_opd != spec.opd:
        out.append(at(spec.record, ["untuk", "opd"], "for-other-opd", Severity.HIGH, target=spec.for_opd, opd=spec.opd))
    return out


def _name(spec: SubdomainSpec, allowed: set[str], exceptions: list[Listed], infra: frozenset[str]) -> list[Finding]:
    top = top_label(spec.name.lower())
    if top in allowed:
        return []
    if any(e.name == top and e.opd == spec.opd for e in exceptions):
        return [at(spec.record, ["opd"], "naming-exception", Severity.INFO, label=top, opd=spec.opd)]
    choices = ", ".join(sorted(allowed - infra))
    found = at(spec.record, [], "naming", Severity.HIGH, label=top, opd=spec.opd, choices=choices)
    # the hint names the real fix: the name as a `singkatan:` of the app or of the OPD
    hint = "subdomain.naming-alias-app.hint" if spec.app else "subdomain.naming-alias-opd.hint"
    return [replace(found, hint=hint, params=(*found.params, ("app", spec.app or "")))]


def _stale(reg: Registry, exceptions: list[Listed], text: str) -> list[Finding]:
    used = {(top_label(n.lower()), _opd_of(reg, n)) for n in reg.subdomain_names}
    return [
        at_text(
            EXCEPTIONS_FILE, text, ["pengecualian", e.index], "exception-stale", Severity.LOW, label=e.name, opd=e.opd
        )
        for e in exceptions
        if (e.name, e.opd) not in used
    ]


def _opd_of(reg: Registry, name: str) -> str:
    rec = reg.subdomains.get(name)
    return str(rec.get("opd") or "") if rec is not None else ""
