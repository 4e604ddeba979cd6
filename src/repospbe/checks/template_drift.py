"""template.*: apps made from an older template version, or naming an unknown template.

``template.behind`` is INFO on purpose: it is a warning shown in every pipeline, never
a block (a LOW finding would block at the default threshold). Updating an app to a
new template version is planned work, not a defect of the change under review.
``template.unknown`` is LOW: the record claims a template that does not exist, a
wrong fact in the registry. Registries without ``templates/`` are not judged.
"""

from __future__ import annotations

from repospbe.checks.base import CheckContext
from repospbe.findings import Finding, Severity
from repospbe.scaffold.drift import drift_of
from repospbe.yamlio import locate


def check(ctx: CheckContext) -> list[Finding]:
    if not (ctx.root / "templates").is_dir():
        return []
    out: list[Finding] = []
    for key, record in sorted(ctx.registry.apps.items()):
        if not ctx.registry.selected(record.path):
            continue
        drift = drift_of(ctx.root, key, record.path, record.data)
        if drift is None:
            continue
        line, col = locate(record.text, ["templat", "versi"])
        if drift.current is None:
            out.append(
                Finding.make(
                    "template.unknown",
                    Severity.LOW,
                    "template.unknown.msg",
                    path=record.path,
                    line=line,
                    column=col,
                    hint="template.unknown.hint",
                    breadcrumb="templat",
                    template=drift.template,
                )
            )
        elif drift.behind:
            out.append(
                Finding.make(
                    "template.behind",
                    Severity.INFO,
                    "template.behind.msg",
                    path=record.path,
                    line=line,
                    column=col,
                    hint="template.behind.hint",
                    breadcrumb="templat > versi",
                    template=drift.template,
                    version=drift.version,
                    current=drift.current,
                )
            )
    return out
