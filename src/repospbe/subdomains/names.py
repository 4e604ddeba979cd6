"""Label syntax of a subdomain name (RFC 1034/1035/1123, RFC 5891, RFC 8552).

Each function returns the rule problems of one name as ``(rule, params)`` pairs;
an empty list means the name is fine. Rules:

- ``label-case``: lowercase only (DNS compares without case; we store one form).
- ``label-chars``: letters, digits and hyphen (LDH); ``_`` only as the first
  character of a label below the top label (attrleaf names such as ``_dmarc``).
- ``label-length``: 1-63 characters per label (no empty labels).
- ``label-hyphen``: no hyphen at the start or end of a label.
- ``label-punycode``: no ``--`` in positions 3-4 (reserved LDH, so no ``xn--``).
- ``label-underscore``: the top label (the one next to the Pemda domain) never
  starts with ``_``.
- ``name-length``: the full name with the Pemda domain is at most 253 characters.
"""

from __future__ import annotations

import re
from typing import Any

MAX_LABEL = 63
MAX_NAME = 253
_LDH = re.compile(r"^_?[a-z0-9-]*$")

Problem = tuple[str, dict[str, Any]]


def labels(name: str) -> list[str]:
    """Labels of ``name`` from left to right (``sipd.dinkes`` -> sipd, dinkes)."""
    return name.split(".")


def top_label(name: str) -> str:
    """The label next to the Pemda domain: the one that must name the owner."""
    return labels(name)[-1]


def parent(name: str) -> str | None:
    """``a.b.c`` -> ``b.c``; a top-level name has no parent."""
    return name.split(".", 1)[1] if "." in name else None


def fqdn(name: str, domain: str) -> str:
    """The absolute name with a trailing dot; ``@`` is the apex."""
    return f"{domain}." if name in ("", "@") else f"{name}.{domain}."


def name_problems(name: str, domain: str) -> list[Problem]:
    """Every syntax problem of ``name`` under ``domain``, in a stable order."""
    problems: list[Problem] = []
    if name != name.lower():
        problems.append(("label-case", {"name": name, "lower": name.lower()}))
    parts = labels(name.lower())
    for index, label in enumerate(parts):
        problems += _label_problems(label, is_top=index == len(parts) - 1)
    full = len(fqdn(name, domain)) - 1
    if full > MAX_NAME:
        problems.append(("name-length", {"length": full, "limit": MAX_NAME}))
    return problems


def _label_problems(label: str, is_top: bool) -> list[Problem]:
    if not label or len(label) > MAX_LABEL:
        return [("label-length", {"label": label, "length": len(label), "limit": MAX_LABEL})]
    out: list[Problem] = []
    if not _LDH.match(label) or label == "_":
        out.append(("label-chars", {"label": label}))
    if label.startswith("_") and is_top:
        out.append(("label-underscore", {"label": label}))
    bare = label.lstrip("_")
    if bare.startswith("-") or bare.endswith("-"):
        out.append(("label-hyphen", {"label": label}))
    if len(bare) >= 4 and bare[2:4] == "--":
        out.append(("label-punycode", {"label": label}))
    return out
