"""The one list of accepted open-source licences (seed 6.2.5.1 huruf b), ``checks/lisensi.yaml``.

Shared by the licence scanner (``repospbe.scanners.license``), the registry check
``copyright.*`` and the maturity criterion ``lisensi-hak-cipta``, so an SPDX identifier is
accepted or refused the same way everywhere. A registry may carry its own
``checks/lisensi.yaml``; without one the shipped default applies. A missing or malformed
list is an ``InputError`` (fail closed), never an empty list that accepts nothing silently
or a default that accepts everything.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from repospbe.errors import InputError
from repospbe.resources import override_or_default
from repospbe.yamlio import load_file

LICENCE_FILE = "checks/lisensi.yaml"
_SPDX_ID = re.compile(r"^[A-Za-z0-9.+-]{1,64}$")


def accepted(registry_root: Path | None = None) -> frozenset[str]:
    """The accepted SPDX identifiers: the registry's own list, else the shipped default."""
    path = override_or_default(registry_root, LICENCE_FILE)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        raise InputError("licence.list-invalid", file=LICENCE_FILE, detail="tidak ada / missing") from None
    return _load(str(path), mtime)


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> frozenset[str]:
    loaded = load_file(path, LICENCE_FILE)
    data = loaded.data
    items = data.get("lisensi") if isinstance(data, dict) else None
    if loaded.findings or not isinstance(items, list) or not items:
        raise InputError("licence.list-invalid", file=LICENCE_FILE, detail="lisensi: [SPDX, ...]")
    bad = [str(i)[:64] for i in items if not isinstance(i, str) or not _SPDX_ID.match(i)]
    if bad:
        raise InputError("licence.list-invalid", file=LICENCE_FILE, detail=", ".join(bad[:5]))
    return frozenset(items)


def is_open_source(expression: str, allowed: frozenset[str]) -> bool:
    """An SPDX expression is open source when one OR-alternative is all accepted licences."""
    expr = expression.replace("(", " ").replace(")", " ")
    for alternative in re.split(r"\s+OR\s+", expr):
        ids = [re.split(r"\s+WITH\s+", part.strip())[0].strip() for part in re.split(r"\s+AND\s+", alternative)]
        if ids and all(i and i.removesuffix("+") in allowed for i in ids):
            return True
    return False
