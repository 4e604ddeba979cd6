from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from repospbe import output
from repospbe.i18n import resolve_lang, t
from repospbe.ownership.codeowners import CODEOWNERS_PATH, generate
from repospbe.registry import find_root, load_registry
from repospbe.writefile import write_atomic


def gitlab_codeowners(write: bool, registry: Path | None, lang: str | None) -> int:
    """Print (or with ``--write`` write) the CODEOWNERS generated from the registry."""
    lang = resolve_lang(lang)
    root = find_root(explicit=registry)
    text = generate(load_registry(root), datetime.now(timezone.utc).date())
    if not write:
        output.write(text)
        return 0
    write_atomic(root / CODEOWNERS_PATH, text)
    output.console().print(t("codeowners.written", lang, file=CODEOWNERS_PATH))
    return 0
