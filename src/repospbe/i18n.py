"""Messages in Bahasa Indonesia (default) and English.

Every user-facing text is a key in one of ``locale/<area>.yaml``; each key has an
``id`` and an ``en`` text with ``{name}`` placeholders. A test enforces that every
key has both languages and the same placeholders.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

LANGS = ("id", "en")
DEFAULT_LANG = "id"
LANG_ENV = "REPOSPBE_LANG"
LOCALE_DIR = Path(__file__).parent / "locale"


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    """All messages of all areas, keyed by message key."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(LOCALE_DIR.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
        for key, texts in data.items():
            if key in merged:
                raise RuntimeError(f"duplicate message key {key} in {path.name}")
            merged[key] = texts
    return merged


def resolve_lang(explicit: str | None = None) -> str:
    """The language to speak: explicit flag, then REPOSPBE_LANG, then Indonesian (the CLI refuses an
    unknown REPOSPBE_LANG before it speaks: ``cli.options.check_env_language``)."""
    lang = (explicit or os.environ.get(LANG_ENV) or DEFAULT_LANG).lower()
    return lang if lang in LANGS else DEFAULT_LANG


class _Missing(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(key: str, lang: str = DEFAULT_LANG, **params: Any) -> str:
    """Render message ``key`` in ``lang``; unknown keys render as the key itself."""
    texts = catalog().get(key)
    if texts is None:
        return key if not params else f"{key} {params}"
    template = texts.get(lang) or texts[DEFAULT_LANG]
    return template.format_map(_Missing(params))
