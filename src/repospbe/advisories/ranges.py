"""Declared version ranges (a manifest without a lock file) read with each ecosystem's syntax.

``package.json`` (npm) and ``requirements*.txt`` (PyPI) ranges are read by ``univers``.
``composer.json`` constraints have no reader there; they are rewritten into the npm form
with composer's own meaning kept (``~1.2`` is ``>=1.2.0 <2.0.0`` in composer, not npm's
``<1.3.0``; ``|``, ``||`` and ``,`` as in composer) and read as semver. A range that cannot
be read gives ``None``: the caller falls back to the lowest version it names.
"""

from __future__ import annotations

import re
from typing import Any

from univers.version_range import NpmVersionRange, PypiVersionRange, VersionRange

_COMPOSER_TILDE = re.compile(r"~\s*v?(\d+)\.(\d+)(?!\.\d)")
_STABILITY = re.compile(r"@(?:dev|alpha|beta|RC|stable)\b", re.IGNORECASE)


def _composer_as_npm(spec: str) -> str:
    text = _STABILITY.sub("", spec).strip()
    text = re.sub(r"\s*\|\|?\s*", " || ", text)
    text = re.sub(r"\s*,\s*", " ", text)
    return _COMPOSER_TILDE.sub(lambda m: f">={m[1]}.{m[2]}.0 <{int(m[1]) + 1}.0.0", text)


def declared_range(ecosystem: str, spec: str) -> VersionRange | None:
    """The range ``spec`` declares, or None when it cannot be read."""
    reader: Any = {"npm": NpmVersionRange, "Packagist": NpmVersionRange, "PyPI": PypiVersionRange}.get(ecosystem)
    if reader is None:
        return None
    text = _composer_as_npm(spec) if ecosystem == "Packagist" else spec
    try:
        parsed: VersionRange = reader.from_native(text)
    except Exception:  # noqa: BLE001 - univers raises several kinds for a range it cannot read
        return None
    return parsed


def lower_bounds(rng: VersionRange) -> list[str]:
    """The versions at which the range's parts start (``>=``, ``>``, ``=``); ``0.0.0`` first when
    the range is open below (``<2.0``, ``*``), so an advisory affecting every early version meets it."""
    constraints = list(rng.constraints)
    starts = [str(c.version) for c in constraints if c.comparator in (">=", ">", "=")]
    open_below = not constraints or constraints[0].comparator in ("<", "<=", "!=", "*")
    return ["0.0.0", *starts] if open_below else starts


def contains(rng: VersionRange, text: str) -> bool:
    """Is the version ``text`` inside ``rng`` (False when it cannot be read in the range's scheme)?"""
    version_class: Any = rng.version_class
    try:
        return version_class(text.lstrip("v")) in rng
    except Exception:  # noqa: BLE001
        return False
