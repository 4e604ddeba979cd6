"""The document scan over the file's bytes: the same issues as ``scan.scan_document``, cheaper.

A document is read once as UTF-8 bytes (validated by the loader). Most finished documents hold
no placeholder token and no lorem ipsum; for those the headings, fences and guidance lines are
found by one compiled regex over the bytes, and text is decoded only where words must be counted.
That gives the same answer as the text scan because:

- every pattern character is ASCII, and in UTF-8 an ASCII byte is never part of another
  character, so the regex finds the same lines (``\\n`` splits lines in both) and a substring
  occurs in the bytes exactly when it occurs in the text;
- offsets are byte offsets, used only between themselves: line numbers count ``\\n`` bytes, a
  section body is decoded from its byte range, and the fast "long enough" test compares the
  body's length in characters (its byte length when the document is ASCII).

A document without fence markers and guidance text is searched for headings only, by a regex
anchored on ``#`` rather than on every line start. A document that holds the token or a lorem
probe goes through the text scan itself. ``tests/checks/test_rawscan_equivalence.py`` compares
both scans on generated and hostile documents.
"""

from __future__ import annotations

import re
from functools import lru_cache

from repospbe.documents.rules import DocKind, DocRules, Section
from repospbe.documents.scan import (
    FAST_CHARS_PER_WORD,
    Heading,
    Issue,
    _heading_text,
    _lorem_probes,
    _missing,
    count_words,
    scan_document,
)


@lru_cache(maxsize=16)
def _lines_re(guidance: bytes) -> re.Pattern[bytes]:
    return re.compile(rb"\n(?: {0,3}(#{1,6})[ \t]+([^\n]+)| {0,3}(`{3,}|~{3,})|[ \t]*(" + re.escape(guidance) + rb"))")


@lru_cache(maxsize=16)
def _probes(token: str, lorem: tuple[str, ...]) -> tuple[re.Pattern[bytes], re.Pattern[bytes] | None]:
    """Searches for the text scan's placeholder token (in the bytes) and lorem probes (in the
    ASCII-lowered bytes: a text holding a probe holds it lowered there, so one lowered copy
    replaces a search per letter case). Compiled: the regex engine finds a literal faster than
    ``in`` does."""
    tails = sorted({p.encode("utf-8").lower() for p in _lorem_probes(lorem)}) if lorem else []
    lorem_re = re.compile(b"|".join(map(re.escape, tails))) if tails else None
    return re.compile(re.escape(token.encode("utf-8"))), lorem_re


def _marked(raw: bytes, rules: DocRules) -> bool:
    """True when the text scan's placeholder or lorem test could fire (then it does the work)."""
    token, lorem = _probes(rules.token, rules.lorem)
    return token.search(raw) is not None or (lorem is not None and lorem.search(raw.lower()) is not None)


def scan_raw(raw: bytes, kind: DocKind, rules: DocRules) -> list[Issue]:
    """``scan_document(raw.decode("utf-8"), kind, rules)``; ``raw`` must be valid UTF-8."""
    if _marked(raw, rules):
        return scan_document(raw.decode("utf-8"), kind, rules)
    heads, has_guidance = _outline(raw, rules.guidance)
    first: dict[int, int] = {}
    for i, head in enumerate(heads):
        wanted = kind.by_name.get(head[1])
        if wanted is not None and wanted not in first:
            first[wanted] = i
    guidance = rules.guidance if has_guidance else ""
    # bytes minus characters of the whole document: no section's body has more
    slack = 0 if raw.isascii() else len(raw) - len(raw.decode("utf-8"))
    issues: list[Issue] = []
    for index, section in enumerate(kind.sections):
        found = first.get(index)
        if found is None:
            issues.append(_missing(section))
        else:
            issue = _section(raw, heads, found, section, guidance, slack)
            if issue is not None:
                issues.append(issue)
    return issues


def outline_raw(raw: bytes, guidance: str) -> tuple[list[Heading], bool]:
    """``scan.outline`` over bytes: headings (byte offsets) outside fences, and whether guidance occurs."""
    heads, has_guidance = _outline(raw, guidance)
    return [Heading(*head) for head in heads], has_guidance


_Head = tuple[int, str, int, int]  # a Heading as a plain tuple: level, normalized text, start, end


def _outline(raw: bytes, guidance: str) -> tuple[list[_Head], bool]:
    """A document without any fence marker (three backticks or tildes) and without the guidance
    text has neither fenced blocks nor guidance lines: only its headings are looked for, by a
    regex anchored on ``#`` (found far faster than every line start) whose matches are kept
    when only up to three spaces precede them on their line."""
    mark = _literal(guidance)
    first = guidance.encode("utf-8")[:1]  # one byte is looked for with memchr, far faster than the text
    guided = mark is None or (first in raw and mark.search(raw) is not None)
    if guided or (b"`" in raw and b"```" in raw) or (b"~" in raw and b"~~~" in raw):
        return _outline_lines(raw, guidance.encode("utf-8"))
    heads: list[_Head] = []
    for m in _HEADING.finditer(raw):
        start = line = m.start()
        if start and raw[start - 1] != 10:  # not at the line's start: only up to three spaces may precede
            line = raw.rfind(b"\n", 0, start) + 1
            if start - line > 3 or raw.count(b" ", line, start) != start - line:
                continue
        heads.append((m.end(1) - start, _title(m.group(2)), line, m.end()))
    return heads, False


@lru_cache(maxsize=16)
def _literal(text: str) -> re.Pattern[bytes] | None:
    """A search for ``text`` in UTF-8 (compiled: faster than ``in``); None for the empty text."""
    return re.compile(re.escape(text.encode("utf-8"))) if text else None


@lru_cache(maxsize=8192)
def _title(raw: bytes) -> str:
    return _heading_text(raw.decode("utf-8"))


_HEADING = re.compile(rb"#(#{0,5})[ \t]+([^\n]+)")


def _outline_lines(raw: bytes, guidance: bytes) -> tuple[list[_Head], bool]:
    heads: list[_Head] = []
    fence = b""
    has_guidance = False
    for m in _lines_re(guidance).finditer(b"\n" + raw):
        hashes, title, marker, guide = m.groups()
        if guide:
            has_guidance = True
        elif marker:
            if not fence:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = b""
        elif not fence:
            heads.append((len(hashes), _title(title), m.start(), m.end() - 1))
    return heads, has_guidance


def _section(raw: bytes, heads: list[_Head], index: int, section: Section, guidance: str, slack: int) -> Issue | None:
    """``scan._section`` over bytes (``slack``: the document's bytes minus its characters)."""
    level, _, head_start, body = heads[index]
    stop = index + 1
    while stop < len(heads) and heads[stop][0] > level:
        stop += 1
    end = heads[stop][2] if stop < len(heads) else len(raw)
    fast = FAST_CHARS_PER_WORD * section.min_words
    if not guidance and end - body >= fast:  # bytes >= characters: decide on characters
        if end - body - slack >= fast or len(raw[body:end].decode("utf-8")) >= fast:
            return None
    words = count_words(raw[body:end].decode("utf-8"), guidance)
    if words >= section.min_words:
        return None
    line = raw.count(b"\n", 0, head_start) + 1
    params: tuple[tuple[str, object], ...] = (("section", section.title), ("minimum", section.min_words))
    if words == 0:
        return Issue("doc.section-empty", line, params)
    return Issue("doc.section-short", line, params + (("words", words),))
