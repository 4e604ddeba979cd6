"""Answers to a template's questions: read (options, ``--answers FILE``) and validated.

Every answer is checked before anything is rendered. Free text (names) may hold any
printable Unicode; identifiers become slugs (``python-slugify``: transliterated,
lowercase, hyphens) or are refused with a clear message.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from slugify import slugify

from repospbe.errors import InputError
from repospbe.registry.paths import SLUG_RE
from repospbe.yamlio import load_file

MAX_NAME = 200
MAX_SLUG = 63
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
LABEL_RE = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")


def load_answers(path: Path | None, allowed: tuple[str, ...]) -> dict[str, str]:
    """A YAML mapping of answers; unknown keys and non-scalar values are refused."""
    if path is None:
        return {}
    loaded = load_file(path, str(path))
    if loaded.findings:
        f = loaded.findings[0]
        raise InputError("scaffold.answers-unreadable", file=f"{path}:{f.line}", error=f.text())
    if not isinstance(loaded.data, dict):
        raise InputError("scaffold.answers-unreadable", file=str(path), error="bukan pemetaan / not a mapping")
    out: dict[str, str] = {}
    for key, value in loaded.data.items():
        if key not in allowed:
            raise InputError("scaffold.answers-unknown", file=str(path), field=str(key), allowed=", ".join(allowed))
        if isinstance(value, (dict, list)) or value is None:
            raise InputError("scaffold.bad-text", field=str(key))
        out[str(key)] = str(value)
    return out


def merge(file_answers: dict[str, str], options: dict[str, str | None]) -> dict[str, str]:
    """Command-line options win over the answers file."""
    merged = dict(file_answers)
    merged.update({k: v for k, v in options.items() if v is not None})
    return merged


def text(value: str, field: str, required: bool = True) -> str:
    value = value.strip()
    if required and not value:
        raise InputError("scaffold.missing", field=field)
    if len(value) > MAX_NAME * 10 or (field == "nama" and len(value) > MAX_NAME):
        raise InputError("scaffold.too-long", field=field, limit=MAX_NAME)
    if _CONTROL.search(value):
        raise InputError("scaffold.bad-text", field=field)
    return value


def exact_slug(value: str, field: str) -> str:
    """An identifier given explicitly must already be a slug (no silent rewriting)."""
    if not SLUG_RE.match(value) or len(value) > MAX_SLUG:
        raise InputError(
            "scaffold.bad-slug",
            field=field,
            value=value[:80],
            suggestion=slugify(value, max_length=MAX_SLUG, word_boundary=True) or "-",
        )
    return value


def slug_from_name(name: str, field: str) -> str:
    """A slug derived from a free-text name (unicode transliterated, long names cut at a word)."""
    slug = slugify(name, max_length=MAX_SLUG, word_boundary=True, save_order=True)
    if not slug or not SLUG_RE.match(slug):
        raise InputError("scaffold.no-slug", field=field, value=name[:80])
    return slug


def label(value: str) -> str:
    """A DNS label (LDH, 1-63, no leading/trailing hyphen, no ``--`` at 3-4)."""
    if not LABEL_RE.match(value) or value[2:4] == "--":
        raise InputError("scaffold.bad-label", value=value[:80])
    return value


def choice(value: str, field: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise InputError("scaffold.bad-choice", field=field, value=value[:80], allowed=", ".join(allowed))
    return value


def yaml_str(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def as_context(values: dict[str, Any]) -> dict[str, str]:
    return {k: str(v) for k, v in values.items()}
