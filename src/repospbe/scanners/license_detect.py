"""Which licence a source tree declares when no app record says so (``scan --path``).

In order: an ``SPDX-License-Identifier`` line in the licence file; the manifest's licence field
(``composer.json``, ``package.json``, ``pyproject.toml`` ``[project] license``, as a string or
``{text = ...}``); the licence text itself, recognised by the opening words each common licence
is distributed with. Nothing recognised is ``""`` (the scanner then reports the licence as unknown).
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

_SPDX_RE = re.compile(r"SPDX-License-Identifier:\s*([A-Za-z0-9.+() -]+)")
_HEAD = 3000  # licence texts name themselves in their first lines
# (pattern over the whitespace-normalised start of the text, SPDX id); the first match wins
_TEXTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), spdx)
    for pattern, spdx in (
        (r"GNU AFFERO GENERAL PUBLIC LICENSE Version 3", "AGPL-3.0"),
        (r"GNU LESSER GENERAL PUBLIC LICENSE Version 3", "LGPL-3.0"),
        (r"GNU LESSER GENERAL PUBLIC LICENSE Version 2\.1", "LGPL-2.1"),
        (r"GNU GENERAL PUBLIC LICENSE Version 3", "GPL-3.0"),
        (r"GNU GENERAL PUBLIC LICENSE Version 2", "GPL-2.0"),
        (r"Apache License,? Version 2\.0", "Apache-2.0"),
        (r"Mozilla Public License,? (?:Version|v\.?) ?2\.0", "MPL-2.0"),
        (r"European Union Public Licen[cs]e v\.? ?1\.2", "EUPL-1.2"),
        (r"This is free and unencumbered software released into the public domain", "Unlicense"),
        (r"Permission to use, copy, modify, and/or distribute this software for any purpose", "ISC"),
        (r"Permission is hereby granted, free of charge, to any person obtaining a copy", "MIT"),
        (r"Redistribution and use in source and binary forms.*Neither the name", "BSD-3-Clause"),
        (r"Redistribution and use in source and binary forms", "BSD-2-Clause"),
    )
)


def detect(source: Path, license_text: str) -> str:
    """The SPDX id the tree at ``source`` declares, or ``""``."""
    match = _SPDX_RE.search(license_text)
    if match:
        return match.group(1).strip()
    return _manifest(source) or _by_text(license_text)


def _manifest(source: Path) -> str:
    for name in ("composer.json", "package.json"):
        try:
            value = json.loads((source / name).read_text(encoding="utf-8")).get("license")
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(value, str) and value:
            return value
    try:
        project = tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8")).get("project", {})
    except (OSError, ValueError):
        return ""
    value = project.get("license") if isinstance(project, dict) else None
    if isinstance(value, dict):
        value = value.get("text")
    return value.strip() if isinstance(value, str) and _looks_like_spdx(value) else ""


def _looks_like_spdx(value: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z0-9.+() -]{2,80}", value.strip()))


def _by_text(text: str) -> str:
    head = " ".join(text[:_HEAD].split())
    return next((spdx for pattern, spdx in _TEXTS if pattern.search(head)), "")
