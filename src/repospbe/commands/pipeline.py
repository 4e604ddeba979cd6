from __future__ import annotations

from pathlib import Path

from repospbe import output
from repospbe.registry.handover import NOT_HANDED_OVER
from repospbe.commands.progress import progress_bar
from repospbe.commands.scan import _threshold
from repospbe.errors import InputError
from repospbe.formatters import FORMATTERS, ReportMeta
from repospbe.i18n import resolve_lang, t
from repospbe.pipeline.app import options_for
from repospbe.pipeline.run import NOT_REQUIRED_DETAIL, not_scanned, run_pipeline
from repospbe.registry import find_root


def pipeline_run(registry: Path | None, changed_since: str | None, fmt: str, output_dir: Path | None,
                 include_third_party: bool, cache_dir: Path | None, jobs: int | None, fail_on: str,
                 lang: str | None, opener: Path | None = None) -> int:
    """Registry checks plus source checks of the changed apps, with every report."""
    lang = resolve_lang(lang)
    if fmt not in FORMATTERS:
        raise InputError("format.unknown", format=fmt, allowed=", ".join(FORMATTERS))
    root = find_root(explicit=registry)
    options = options_for(root, include_third_party=include_third_party)
    opener_key = _read_key(opener) if opener else None
    if opener_key and not changed_since:
        raise InputError("pipeline.opener-needs-base")
    with progress_bar(t("scan.progress", lang)) as tick:
        record, findings = run_pipeline(root, changed_since, output_dir=output_dir, threshold=_threshold(fail_on),
                                        cache_dir=cache_dir, options=options, lang=lang, jobs=jobs, progress=tick,
                                        opener_key=opener_key)
    report = FORMATTERS[fmt](findings, ReportMeta(lang=lang, title="repospbe pipeline", subject=str(root)))
    if fmt == "text":
        output.console().print(report, end="")
    else:
        output.write(report)
    skipped = not_scanned(record)
    scanned = len(record.apps) - sum(len(keys) for keys in skipped.values())
    output.error(t("pipeline.summary", lang, apps=scanned, status=record.status))
    for detail, message in ((NOT_HANDED_OVER, "pipeline.not-scanned"), (NOT_REQUIRED_DETAIL, "pipeline.not-required")):
        if skipped.get(detail):
            output.error(t(message, lang, apps=", ".join(skipped[detail])))
    return 1 if record.status != "passed" else 0


def _read_key(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise InputError("path.missing", path=f"{path} ({exc.strerror})") from None
    if not text.startswith(("ssh-", "ecdsa-", "sk-")):
        raise InputError("pipeline.opener-not-public-key", path=str(path))
    return text
