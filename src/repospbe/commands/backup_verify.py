from __future__ import annotations

from pathlib import Path

from repospbe import output
from repospbe.backup.verify import verify_backups
from repospbe.engine import exit_code
from repospbe.formatters import FORMATTERS, ReportMeta
from repospbe.i18n import resolve_lang, t


def backup_verify(directory: Path, allowed_signers: Path, fmt: str, lang: str | None) -> int:
    """Verify signatures, digests, bundles and the incremental chain of a backup."""
    lang = resolve_lang(lang)
    findings = verify_backups(directory, allowed_signers)
    if fmt == "text":
        if findings:
            output.console().print(FORMATTERS["text"](findings, ReportMeta(lang=lang)), end="")
        else:
            output.console().print("[green]" + t("backup.verified", lang, dir=str(directory)) + "[/]")
    else:
        output.write(FORMATTERS[fmt](findings, ReportMeta(lang=lang, title="repospbe backup verify")))
    return exit_code(findings)
