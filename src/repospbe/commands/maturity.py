from __future__ import annotations

from pathlib import Path

from repospbe import output
from repospbe.errors import InputError
from repospbe.i18n import resolve_lang
from repospbe.maturity.aggregate import moves, per_opd
from repospbe.maturity.assess import assess_at, assess_registry
from repospbe.maturity.report import FORMATS, MaturityReport
from repospbe.maturity.rules import load_ladder
from repospbe.registry import find_root


def maturity(app: str | None, opd: str | None, since: str | None, fmt: str,
             registry: Path | None, lang: str | None) -> int:
    """Print the SPBE maturity level of apps, per-OPD aggregates and moves since a ref."""
    lang = resolve_lang(lang)
    if fmt not in FORMATS:
        raise InputError("format.unknown", format=fmt, allowed=", ".join(FORMATS))
    root = find_root(explicit=registry)
    levels = assess_registry(root, [app] if app else None)
    if opd:
        levels = [lv for lv in levels if lv.opd == opd]
        if not levels:
            raise InputError("maturity.unknown-opd", opd=opd)
    ids = [lv.id for lv in load_ladder(root).process]
    before = assess_at(root, since, [lv.key for lv in levels]) if since else None
    report = MaturityReport(tuple(levels), tuple(per_opd(levels, ids)),
                            tuple(moves(before, levels)) if before is not None else None, tuple(ids), lang)
    text = FORMATS[fmt](report)
    if fmt == "text":
        output.console().print(text, end="")
    else:
        output.write(text)
    return 0
