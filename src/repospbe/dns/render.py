"""Human and machine renderings of a plan (text in the user's language, JSON)."""

from __future__ import annotations

import json

from repospbe.dns.plan import Change, Create, Delete, Unsafe, Update
from repospbe.dns.service import Planned
from repospbe.i18n import t

_MARK = {Create: "+", Update: "~", Delete: "-"}


def _line(change: Change, lang: str) -> str:
    rr = change.record
    kind = t(f"dns.change.{change.KIND}", lang)
    head = f"  {_MARK[type(change)]} {kind:<7} {rr.name} {rr.type}"
    if isinstance(change, Update) and change.existing is not None and change.desired is not None:
        old, new = change.existing, change.desired
        return f"{head} {old.ttl} {', '.join(old.values)}  ->  {new.ttl} {', '.join(new.values)}"
    return f"{head} {rr.ttl} {', '.join(rr.values)}"


def text(planned: Planned, lang: str) -> str:
    plan = planned.plan
    lines = [t("dns.plan.title", lang, zone=plan.zone, source=planned.deployed.source or "-")]
    lines += [_line(c, lang) for c in plan.changes] or [t("dns.plan.no-changes", lang)]
    lines.append(
        t(
            "dns.plan.summary",
            lang,
            created=plan.count(Create),
            updated=plan.count(Update),
            deleted=plan.count(Delete),
            existing=len(plan.existing),
        )
    )
    lines += [_unsafe(u, lang) for u in plan.unsafe(planned.cfg.threshold, planned.cfg.min_records)]
    lines.append(f"sha256: {plan.checksum}")
    return "\n".join(lines) + "\n"


def _unsafe(unsafe: Unsafe, lang: str) -> str:
    if unsafe.reason == "root-ns":
        return t("dns.unsafe-root-ns", lang)
    return t(
        "dns.unsafe-change",
        lang,
        percent=f"{unsafe.percent:.1f}",
        limit=f"{unsafe.limit:.1f}",
        changed=unsafe.changed,
        existing=unsafe.existing,
    )


def as_json(planned: Planned) -> str:
    plan = planned.plan
    doc = {
        **plan.data,
        "checksum": plan.checksum,
        "deployed": planned.deployed.source,
        "existing_records": len(plan.existing),
        "summary": {"create": plan.count(Create), "update": plan.count(Update), "delete": plan.count(Delete)},
        "unsafe": [u.__dict__ for u in plan.unsafe(planned.cfg.threshold, planned.cfg.min_records)],
    }
    return json.dumps(doc, indent=2, sort_keys=True) + "\n"
