"""``repospbe template check``: apps behind their template (a warning, exit 0)."""
from __future__ import annotations

import json
from pathlib import Path

from repospbe import output
from repospbe.errors import InputError
from repospbe.i18n import resolve_lang, t
from repospbe.registry import find_root, load_registry
from repospbe.scaffold.drift import Drift, drift_of


def template_check(registry: Path | None, fmt: str, lang: str | None) -> int:
    lang = resolve_lang(lang)
    if fmt not in ("text", "json"):
        raise InputError("format.unknown", format=fmt, allowed="text, json")
    root = find_root(explicit=registry)
    reg = load_registry(root)
    drifts = [d for key, rec in sorted(reg.apps.items()) if (d := drift_of(root, key, rec.path, rec.data))]
    lagging = [d for d in drifts if d.behind or d.current is None]
    if fmt == "json":
        output.write(json.dumps([_as_dict(d) for d in lagging], ensure_ascii=False, indent=1))
        return 0
    say = output.console().print
    if not lagging:
        say(t("template.all-current", lang, count=len(drifts)), markup=False)
        return 0
    say(t("template.header", lang, count=len(lagging), total=len(drifts)), markup=False)
    for d in lagging:
        if d.current is None:
            say(t("template.line-unknown", lang, app=d.key, template=d.template), markup=False)
            continue
        say(t("template.line-behind", lang, app=d.key, template=d.template, version=d.version, current=d.current), markup=False)
        for change in d.changes:
            say(f"    - {change}", markup=False)
    say(t("template.advice", lang), markup=False)
    return 0


def _as_dict(d: Drift) -> dict[str, object]:
    return {"aplikasi": d.key, "berkas": d.path, "templat": d.template, "versi": d.version,
            "versi_terbaru": d.current, "perubahan": list(d.changes)}
