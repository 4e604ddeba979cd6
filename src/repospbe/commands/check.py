from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from repospbe import output
from repospbe.engine import check_registry, exit_code
from repospbe.errors import InputError
from repospbe.formatters import FORMATTERS, ReportMeta
from repospbe.gitutil import changed_paths
from repospbe.i18n import resolve_lang
from repospbe.registry import find_root
from repospbe.checks import REGISTRY_CHECKS
from repospbe.selection import expand, from_paths
from repospbe.writefile import write_atomic


def check(
    paths: list[Path],
    registry: Path | None,
    changed_since: str | None,
    fmt: str,
    output_file: Path | None,
    lang: str | None,
) -> int:
    """Validate the registry (or a part of it) and report every finding at once."""
    lang = resolve_lang(lang)
    if fmt not in FORMATTERS:
        raise InputError("format.unknown", format=fmt, allowed=", ".join(FORMATTERS))
    started = datetime.now(timezone.utc)
    root = find_root(explicit=registry)
    selection = from_paths(root, paths)
    if changed_since:
        changed = expand(root, changed_paths(root, changed_since))
        selection = changed if selection is None else (selection & changed if changed is not None else selection)
    findings = check_registry(root, selection)
    meta = ReportMeta(
        lang=lang, title="repospbe check", checks=tuple(REGISTRY_CHECKS), subject=str(root),
        started=started, finished=datetime.now(timezone.utc),
    )
    report = FORMATTERS[fmt](findings, meta)
    if output_file is not None:
        write_atomic(output_file, _plain(report) if fmt == "text" else report)
    elif fmt == "text":
        output.console().print(report, end="")
    else:
        output.write(report)
    return exit_code(findings)


def _plain(markup: str) -> str:
    """Text report for a file: rich markup rendered away."""
    from rich.text import Text

    return Text.from_markup(markup).plain
