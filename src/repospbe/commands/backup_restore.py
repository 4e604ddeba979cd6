from __future__ import annotations

from pathlib import Path

from repospbe import output
from repospbe.backup.restore import restore_backup
from repospbe.i18n import resolve_lang, t


def backup_restore(directory: Path, to: Path, allowed_signers: Path, set_name: str | None, lang: str | None) -> int:
    """Verify, then rebuild the registry and source repositories into an empty place."""
    lang = resolve_lang(lang)
    target = restore_backup(directory, to, allowed_signers, set_name)
    output.console().print(t("backup.restored", lang, dir=str(target)))
    return 0
