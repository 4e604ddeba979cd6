"""subdomain.quarantine / subdomain.dangling / subdomain.review-due / subdomain.retired-invalid.

- Retiring a name: delete its file and add ``{nama, opd, tanggal, alasan}`` to
  ``registry/dns/pensiun.yaml``. For ``dns.karantina_hari`` days
  (instance.yaml, default 180) only the former owner may register the name again
  (``quarantine``): a freshly released name is a takeover target, since links,
  mail and bookmarks still point at it.
- A name that names an app with ``status: dihentikan`` is dangling: the service
  is gone but the name still resolves (``dangling``). Retire it. In a run over
  changed files only, an app that has just been discontinued is reported at its
  own ``subdomain`` list, since its subdomain files are not part of the change.
- ``tinjauan`` in the past: the name is due for its periodic review (info).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from repospbe.checks.base import CheckContext
from repospbe.checks.subdomains.common import app_record, at, at_text, specs
from repospbe.findings import Finding, Severity
from repospbe.registry.model import Registry
from repospbe.subdomains.policy import RETIRED_FILE, Listed, dns_config, load_list
from repospbe.subdomains.spec import SubdomainSpec
from repospbe.yamlio import parse

RETIRED_SCHEMA = "checks/schemas/subdomain-retired.schema.json"


def check(ctx: CheckContext) -> list[Finding]:
    reg = ctx.registry
    today = dt.date.today()
    retired, text, out = load_list(reg.root, RETIRED_FILE, "pensiun")
    if text:
        out += validate_policy(reg.root, RETIRED_FILE, RETIRED_SCHEMA, text, "retired-invalid")
    days = dns_config(reg).quarantine_days
    for spec in specs(reg):
        out += _quarantine(spec, retired, days, today)
        out += _dangling(reg, spec)
        out += _review(spec, today)
    if reg.selection is not None:
        out += _dangling_from_apps(reg)
    return out


def _dangling_from_apps(reg: Registry) -> list[Finding]:
    out: list[Finding] = []
    for record in reg.apps.values():
        if not reg.selected(record.path) or record.get("status") != "dihentikan":
            continue
        labels = record.get("subdomain")
        for i, label in enumerate(labels if isinstance(labels, list) else []):
            rel = f"registry/subdomains/{label}.yaml"
            if label in reg.subdomain_names and not reg.selected(rel):
                out.append(at(record, ["subdomain", i], "dangling", Severity.HIGH, name=label, app=record.get("id")))
    return out


def validate_policy(root: Path, rel: str, schema_rel: str, text: str, rule: str) -> list[Finding]:
    """Schema errors of a policy list file (retired names, naming exceptions)."""
    data = parse(text, rel).data
    schema = json.loads((root / schema_rel).read_text(encoding="utf-8"))
    import jsonschema  # only when there is something to validate (100 ms to import)

    errors = sorted(
        jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(map(str, e.absolute_path))
    )
    return [at_text(rel, text, list(e.absolute_path), rule, Severity.HIGH, detail=e.message[:200]) for e in errors]


def _quarantine(spec: SubdomainSpec, retired: list[Listed], days: int, today: dt.date) -> list[Finding]:
    out: list[Finding] = []
    for entry in retired:
        if entry.name != spec.name.lower() or entry.opd == spec.opd:
            continue
        try:
            until = dt.date.fromisoformat(entry.date) + dt.timedelta(days=days)
        except ValueError:
            continue
        if today < until:
            out.append(
                at(
                    spec.record,
                    [],
                    "quarantine",
                    Severity.HIGH,
                    name=spec.name,
                    former=entry.opd,
                    until=until.isoformat(),
                )
            )
    return out


def _dangling(reg: Registry, spec: SubdomainSpec) -> list[Finding]:
    app = app_record(reg, spec.opd, spec.app) if spec.opd and spec.app else None
    if app is None or app.get("status") != "dihentikan":
        return []
    return [at(spec.record, ["untuk", "app"], "dangling", Severity.HIGH, name=spec.name, app=spec.app)]


def _review(spec: SubdomainSpec, today: dt.date) -> list[Finding]:
    raw = spec.record.get("tinjauan")
    try:
        due = dt.date.fromisoformat(str(raw)) if raw else None
    except ValueError:
        return []
    if due is None or due >= today:
        return []
    return [at(spec.record, ["tinjauan"], "review-due", Severity.INFO, date=due.isoformat())]
