"""Messages in Bahasa Indonesia (default) and English.

Every user-facing text is a key in one of ``locale/<area>.yaml``; each key has an
``id`` and an ``en`` text with ``{name}`` placeholders. A test enforces that every
key has both languages and the same placeholders.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
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
    """All messages of all areas, keyed by message key.

    Parsing the 40 locale files takes 30-50 ms, paid by every command; their merged form is
    kept as JSON (1-2 ms to read) under the user's cache, named by the sha256 of the files'
    names and bytes, so any edit makes a new one. Without a writable cache the files are parsed."""
    sources = [(path.name, path.read_bytes()) for path in sorted(LOCALE_DIR.glob("*.yaml"))]
    digest = hashlib.sha256(b"".join(name.encode() + b"\0" + data + b"\0" for name, data in sources)).hexdigest()
    compiled = _compiled_dir() / f"{digest}.json"
    try:
        known = json.loads(compiled.read_bytes())
        if isinstance(known, dict) and known.get("digest") == digest and isinstance(known.get("messages"), dict):
            return known["messages"]  # type: ignore[no-any-return]
    except (OSError, ValueError):
        pass
    merged = _merged(sources)
    _keep(compiled, {"digest": digest, "messages": merged})
    return merged


def _merged(sources: list[tuple[str, bytes]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for name, data in sources:
        for key, texts in (yaml.load(data.decode("utf-8"), Loader=yaml.CSafeLoader) or {}).items():
            if key in merged:
                raise RuntimeError(f"duplicate message key {key} in {name}")
            merged[key] = texts
    return merged


def _compiled_dir() -> Path:
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "repospbe-locale"


def _keep(path: Path, data: object) -> None:
    """Written whole (a private temporary file renamed into place) or not at all."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".locale-", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)
        os.replace(tmp, path)
        for older in path.parent.glob("*.json"):  # one compiled catalogue per cache: the current one
            if older != path:
                older.unlink(missing_ok=True)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


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


def size_text(count: int, lang: str = DEFAULT_LANG) -> str:
    """``count`` bytes in words a person reads: ``512 bita``, ``1,2 MB`` (``1.2 MB`` in English)."""
    if count < 1024:
        return f"{count} {'bita' if lang == 'id' else 'bytes'}"
    value, units = count / 1024, ["KB", "MB", "GB", "TB"]
    while value >= 1024 and len(units) > 1:
        value, units = value / 1024, units[1:]
    text = f"{value:.1f}"
    return f"{text.replace('.', ',') if lang == 'id' else text} {units[0]}"
