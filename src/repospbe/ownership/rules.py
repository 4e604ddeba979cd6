"""Which authority a changed path needs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from repospbe.registry.model import Registry
from repospbe.registry.paths import app_key


@dataclass(frozen=True)
class Authority:
    kind: str  # "app" | "opd" | "diskominfo"
    target: str = ""  # opd/app or opd code
    rule: str = ""  # i18n rule id explaining why


def needed(path: str, base: Registry, head: Registry) -> list[Authority]:
    """The authorities that must ALL be held to add, change or delete ``path``."""
    parts = path.split("/")
    key = app_key(path)
    if key:
        out = [Authority("app", key, "own-app")]
        if parts[-1] == "app.yaml" and _vendors(base, key) != _vendors(head, key):
            out.append(Authority("opd", key.split("/")[0], "vendor-list"))
        return out
    if len(parts) == 4 and parts[:2] == ["registry", "sources"] and parts[3].endswith(".bundle"):
        return [Authority("app", f"{parts[2]}/{parts[3][:-7]}", "own-app")]
    if len(parts) == 3 and parts[:2] == ["registry", "subdomains"] and parts[2].endswith(".yaml"):
        return _subdomain(parts[2][:-5], base, head)
    if len(parts) == 3 and parts[:2] == ["registry", "opd"] and parts[2].endswith(".yaml"):
        code = parts[2][:-5]
        if code in base.opds and code in head.opds:
            return [Authority("opd", code, "own-opd")]
    return [Authority("diskominfo", "", "policy")]


def _vendors(reg: Registry, key: str) -> Any:
    record = reg.apps.get(key)
    return record.get("vendor") if record else None


def _subdomain(label: str, base: Registry, head: Registry) -> list[Authority]:
    owners = []
    for reg in (base, head):
        record = reg.subdomains.get(label)
        if record is not None and isinstance(record.get("opd"), str):
            owners.append(str(record.get("opd")))
    if not owners:
        return [Authority("diskominfo", "", "policy")]
    return [Authority("opd", o, "own-subdomain") for o in dict.fromkeys(owners)]
