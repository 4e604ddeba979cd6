"""What counts as a template placeholder (``[ISI]``, ``[ISI: ...]``), in documents and records.

A placeholder is the bracketed token, bare or with a note, standing in text where content
belongs. Not a placeholder: the token quoted in prose (wrapped in backticks or quotes, as in
"ganti setiap `[ISI]`"), and anything on a guidance line (``> Panduan: ...``), which is an
instruction to the writer, not content.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

_OPEN = "`\"'\u201c\u2018\u00ab"
_CLOSE = "`\"'\u201d\u2019\u00bb"


@lru_cache(maxsize=16)
def placeholder_re(token: str) -> re.Pattern[str]:
    # The note stops at the next bracket and is bounded, so hostile input (thousands of
    # "[ISI:" on one line) stays linear.
    return re.compile(r"\[[ \t]{0,20}" + re.escape(token) + r"[ \t]{0,20}(?::[^\[\]\n]{0,300})?\]")


def _quoted(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return bool(before) and before in _OPEN and bool(after) and after in _CLOSE


def _on_guidance_line(text: str, start: int, guidance: str) -> bool:
    if not guidance:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    return text[line_start:start].lstrip(" \t").startswith(guidance)


def placeholders(text: str, token: str, guidance: str = "") -> Iterator[re.Match[str]]:
    """The placeholders in ``text`` (see the module docstring for what is not one)."""
    if token not in text:
        return
    for m in placeholder_re(token).finditer(text):
        if not _quoted(text, m.start(), m.end()) and not _on_guidance_line(text, m.start(), guidance):
            yield m
