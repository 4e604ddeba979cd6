"""Evidence trailers of merge commits, read strictly, and one-line titles.

Trailers are read from the final paragraph only, and only when every line of it is a
``Token: value`` trailer (the strict form of ``git interpret-trailers --parse``): a line a
title or body smuggles in elsewhere is never evidence. A single-valued evidence trailer
given twice is a violation, as is an unknown ``Repospbe-*`` trailer.
"""

from __future__ import annotations

import re
import unicodedata

TRAILER_RE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9-]*): (\S.*)$")
SINGLE_TRAILERS = ("Repospbe-MR", "Repospbe-Bukti", "Repospbe-Sumber", "Repospbe-Target", "Repospbe-Patch-Id")
MULTI_TRAILERS = ("Repospbe-Pipeline", "Repospbe-Disetujui")
TRAILER_DUPLICATE = "trailer-ganda"
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def parse_trailers(message: str) -> dict[str, list[str]]:
    """``Repospbe-*`` trailers of the final trailer block (every value, in order).

    The block is the last paragraph after the subject; it counts only when each of its
    lines is a ``Token: value`` trailer, so no line elsewhere in the message is read."""
    paragraphs = _PARAGRAPH_BREAK.split(message.replace("\r\n", "\n").strip("\n"))
    if len(paragraphs) < 2:
        return {}
    lines = paragraphs[-1].split("\n")
    matches = [TRAILER_RE.match(line.rstrip()) for line in lines]
    out: dict[str, list[str]] = {}
    for m in matches:
        if m is None:
            return {}
        if m.group(1).startswith("Repospbe-"):
            out.setdefault(m.group(1), []).append(m.group(2).strip())
    return out


def trailer_problem(found: dict[str, list[str]]) -> str:
    """'' when every single-valued evidence trailer appears once and no unknown one appears."""
    if any(len(found.get(k, [])) > 1 for k in SINGLE_TRAILERS):
        return TRAILER_DUPLICATE
    if set(found) - set(SINGLE_TRAILERS) - set(MULTI_TRAILERS):
        return "trailer"
    return ""


def one_line(text: str) -> str:
    """``text`` with every control or line/paragraph separator character made a space."""
    return "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)
