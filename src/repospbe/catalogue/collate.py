"""Locale-aware ordering of names shown in the catalogue (Indonesian collation).

Indonesian uses the Latin alphabet without extra letters, so its collation orders by the
letters alone: case and accents do not decide (``arsip`` before ``Badan``, ``Énergi``
between ``Dinas`` and ``Fasilitas``). Ties fall back to the exact text, so the order is total
and the same on every build.
"""

from __future__ import annotations

import unicodedata


def collation_key(text: str) -> tuple[str, str]:
    """Sort key: letters without case or accents first, then the exact text."""
    if text.isascii():  # nothing to decompose (NFKD leaves ASCII as it is)
        return (text.casefold(), text)
    decomposed = unicodedata.normalize("NFKD", text)
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return (base.casefold(), text)
