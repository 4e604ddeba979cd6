"""ref.*: records agree with where they live and with each other.

An app's ``id`` and ``opd`` match its directory, its OPD exists, app ids are
unique across OPDs, a subdomain is claimed by one app only, referenced OPDs,
apps and subdomains exist, and a source pin names a repository we can reach
without leaving the registry.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from repospbe.checks.base import CheckContext
from repospbe.findings import Finding, Severity
from repospbe.registry.model import Record, Registry
from repospbe.yamlio import locate

_URL_RE = re.compile(r"^(https://|ssh://|git@)[^\s]+$")


def _at(record: Record, path: list[str | int], key: str, sev: Severity = Severity.HIGH, **params: Any) -> Finding:
    line, col = locate(record.text, path)
    return Finding.make(
        key,
        sev,
        f"{key}.msg",
        path=record.path,
        line=line,
        column=col,
        hint=f"{key}.hint",
        breadcrumb=" > ".join(map(str, path)),
        **params,
    )


def check(ctx: CheckContext) -> list[Finding]:
    reg = ctx.registry
    findings: list[Finding] = []
    findings += _instance(reg)
    for name, record in reg.opds.items():
        if record.get("kode") not in (None, name):
            findings.append(_at(record, ["kode"], "ref.opd-code", code=record.get("kode"), name=name))
    for key, record in reg.apps.items():
        findings += _app(reg, key, record)
    findings += _duplicate_ids(reg)
    findings += _duplicate_subdomains(reg)
    return findings


def _instance(reg: Registry) -> list[Finding]:
    inst = reg.instance
    if inst is None or not isinstance(inst.data, dict):
        return []
    code = inst.get("opd_diskominfo")
    if code and code not in reg.opd_names:
        return [_at(inst, ["opd_diskominfo"], "ref.opd-missing", opd=code)]
    return []


def _app(reg: Registry, key: str, record: Record) -> list[Finding]:
    if not isinstance(record.data, dict):
        return []
    opd_dir, app_dir = key.split("/")
    out: list[Finding] = []
    if record.get("id") not in (None, app_dir):
        out.append(_at(record, ["id"], "ref.app-id-dir", id=record.get("id"), dir=app_dir))
    opd = record.get("opd")
    if opd is not None and opd != opd_dir:
        out.append(_at(record, ["opd"], "ref.app-opd-dir", opd=opd, dir=opd_dir))
    if opd is not None and opd not in reg.opd_names:
        out.append(_at(record, ["opd"], "ref.opd-missing", opd=opd))
    for i, user in enumerate(record.get("pengguna") or []):
        if user not in reg.opd_names:
            out.append(_at(record, ["pengguna", i], "ref.opd-missing", opd=user))
    for i, label in enumerate(record.get("subdomain") or []):
        if label not in reg.subdomain_names:
            out.append(_at(record, ["subdomain", i], "ref.subdomain-missing", Severity.MEDIUM, label=label))
    out += _integration(reg, record)
    out += _source_pin(record)
    return out


def _integration(reg: Registry, record: Record) -> list[Finding]:
    portal = (record.get("integrasi") or {}).get("portal")
    if portal and not any(k.endswith("/" + portal) for k in reg.app_names):
        return [_at(record, ["integrasi", "portal"], "ref.portal-missing", portal=portal)]
    return []


def _source_pin(record: Record) -> list[Finding]:
    source = record.get("sumber")
    if not isinstance(source, dict) or not isinstance(source.get("repo"), str):
        return []
    repo = source["repo"]
    if _URL_RE.match(repo):
        return []
    if repo.startswith("/") or ".." in repo.split("/") or "\\" in repo or ":" in repo:
        return [_at(record, ["sumber", "repo"], "ref.source-path", repo=repo)]
    return []


def _duplicate_ids(reg: Registry) -> list[Finding]:
    owners: dict[str, list[str]] = defaultdict(list)
    for key in reg.app_names:
        owners[key.split("/")[1]].append(key)
    out: list[Finding] = []
    for app_id, keys in sorted(owners.items()):
        if len(keys) < 2:
            continue
        for key in keys:
            rel = reg.app_names[key]
            if reg.selected(rel):
                others = ", ".join(k for k in keys if k != key)
                out.append(
                    Finding.make(
                        "ref.app-duplicate",
                        Severity.HIGH,
                        "ref.app-duplicate.msg",
                        path=rel,
                        line=1,
                        column=1,
                        hint="ref.app-duplicate.hint",
                        id=app_id,
                        others=others,
                    )
                )
    return out


def _duplicate_subdomains(reg: Registry) -> list[Finding]:
    claims: dict[str, list[Record]] = defaultdict(list)
    for record in reg.apps.values():
        for label in record.get("subdomain") or []:
            claims[str(label)].append(record)
    out: list[Finding] = []
    for label, records in sorted(claims.items()):
        if len(records) > 1:
            apps = ", ".join(r.path for r in records)
            out += [_at(r, ["subdomain"], "ref.subdomain-duplicate", label=label, apps=apps) for r in records]
    return out
