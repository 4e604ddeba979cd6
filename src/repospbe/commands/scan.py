from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from repospbe import output
from repospbe.commands.progress import progress_bar
from repospbe.errors import InputError
from repospbe.findings import Severity
from repospbe.formatters import FORMATTERS, ReportMeta
from repospbe.i18n import resolve_lang, t
from repospbe.pipeline.app import declared_checks, options_for
from repospbe.pipeline.single import scan_one
from repospbe.registry import find_root
from repospbe.resources import default_path
from repospbe.scanners.base import AppInfo, ScanOptions
from repospbe.source import SourceCache, default_cache_dir


def scan(app: str | None, path: Path | None, registry: Path | None, fmt: str, output_dir: Path | None,
         include_third_party: bool, cache_dir: Path | None, jobs: int | None, test_command: str | None,
         rules: Path | None, fail_on: str, lang: str | None, stage: str | None = None) -> int:
    """Run the source checks of one registered app or of a directory; report them."""
    lang = resolve_lang(lang)
    if fmt not in FORMATTERS:
        raise InputError("format.unknown", format=fmt, allowed=", ".join(FORMATTERS))
    if (app is None) == (path is None):
        raise InputError("scan.target")
    threshold = _threshold(fail_on)
    root = find_root(explicit=registry) if app or registry else _optional_root()
    options = options_for(root) if root else ScanOptions(rules_dir=_bundled_rules())
    options = replace(options, include_third_party=include_third_party, only=declared_checks(root, stage))
    if rules is not None:
        options = replace(options, rules_dir=rules.resolve())
    cache = SourceCache(cache_dir or default_cache_dir(root))
    info = AppInfo(key=path.resolve().name, perintah_uji=test_command or "") if path else None
    with progress_bar(t("scan.progress", lang)) as tick:
        record, findings, record_path = scan_one(
            options, cache, root=root, key=app, directory=path, app=info, output_dir=output_dir,
            threshold=threshold, lang=lang, jobs=jobs, progress=tick)
    meta = ReportMeta(lang=lang, title=f"repospbe scan {app or path}", subject=str(app or path))
    report = FORMATTERS[fmt](findings, meta)
    if fmt == "text":
        output.console().print(report, end="")
    else:
        output.write(report)
    output.error(t("scan.record", lang, file=str(record_path), status=record.status))
    return 1 if record.status != "passed" else 0


def _threshold(name: str) -> Severity:
    try:
        return Severity(name.lower())
    except ValueError:
        raise InputError("scan.bad-threshold", value=name, allowed="critical, high, medium, low") from None


def _optional_root() -> Path | None:
    try:
        return find_root()
    except InputError:
        return None


def _bundled_rules() -> Path:
    return default_path("checks/semgrep")
