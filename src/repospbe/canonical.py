"""Canonical JSON: the one byte form that is signed, hashed and compared.

Sorted keys, compact separators (``,`` and ``:``), non-ASCII kept as UTF-8 (not ``\\uXXXX``),
no trailing newline. Pipeline records, MR evidence, DNS plans and backup manifests and
prune plans all hash this form."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical_text(data: Any) -> str:
    """``data`` as canonical JSON text."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(data: Any) -> bytes:
    """``data`` as canonical JSON bytes (UTF-8)."""
    return canonical_text(data).encode("utf-8")


def digest(data: Any) -> str:
    """sha256 (hex) of ``data``'s canonical JSON."""
    return hashlib.sha256(canonical_json(data)).hexdigest()


def json_object(raw: bytes) -> dict[str, Any]:
    """The JSON object in ``raw``; empty when it is not UTF-8 JSON or not an object (signed payloads are
    judged by their fields: a payload that is no object has none)."""
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}
