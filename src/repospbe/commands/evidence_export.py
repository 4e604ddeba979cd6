from __future__ import annotations

from pathlib import Path

from repospbe import output
from repospbe.i18n import resolve_lang, t
from repospbe.maturity.export import export_evidence
from repospbe.registry import find_root


def evidence_export(period: str, out: Path, registry: Path | None, lang: str | None) -> int:
    """Write the evaluators' evidence pack with its SHA256SUMS manifest."""
    lang = resolve_lang(lang)
    count = export_evidence(find_root(explicit=registry), period, out)
    output.console().print(t("evidence.written", lang, count=str(count), dir=str(out)))
    return 0
