"""A cheap Markdown line scan: ATX headings, sections, unfinished text.

No Markdown library, and as few passes over the text as possible:

- one regex, anchored on a literal newline so the engine jumps from line to line,
  finds ATX headings, code fences (headings inside fenced blocks are ignored) and
  guidance lines (``> Panduan: ...``);
- the placeholder and lorem ipsum regexes run only when a plain substring test
  says they can match;
- a section at least ``FAST_CHARS_PER_WORD`` characters long per required word
  passes without counting (prose averages about 7 characters per word, so that is
  a 2x margin); shorter sections, and every section of a document that still holds
  guidance lines, are counted exactly;
- line numbers are computed only for what is reported, and heading normalization
  is cached (real registries repeat the same template headings in every app).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from repospbe.documents.placeholder import placeholders
from repospbe.documents.rules import DocKind, DocRules, Section, normalize_heading

FAST_CHARS_PER_WORD = 14
_WORD = re.compile(r"\w+")


class Heading(NamedTuple):
    """An ATX heading: level, normalized text, offsets of its line's start and end."""

    level: int
    norm: str
    start: int
    end: int


@dataclass(frozen=True)
class Issue:
    """Something unfinished in a document: check id, 1-based line, message parameters."""

    check_id: str
    line: int
    params: tuple[tuple[str, Any], ...]


def line_of(text: str, offset: int) -> int:
    """1-based line number of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1


@lru_cache(maxsize=16)
def _lines_re(guidance: str) -> re.Pattern[str]:
    return re.compile(r"\n(?: {0,3}(#{1,6})[ \t]+([^\n]+)| {0,3}(`{3,}|~{3,})|[ \t]*(" + re.escape(guidance) + "))")


@lru_cache(maxsize=8192)
def _heading_text(raw: str) -> str:
    """Normalized heading text without an optional closing ``###`` sequence (cached)."""
    text = raw.rstrip(" \t\r")
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        text = bare
    return normalize_heading(text)


def outline(text: str, guidance: str = "> Panduan:") -> tuple[list[Heading], bool]:
    """Headings outside fenced code blocks, and whether any line starts with ``guidance``."""
    heads: list[Heading] = []
    fence = ""
    has_guidance = False
    for m in _lines_re(guidance).finditer("\n" + text):
        hashes, title, marker, guide = m.groups()
        if guide:
            has_guidance = True
        elif marker:
            if not fence:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = ""
        elif not fence:
            heads.append(Heading(len(hashes), _heading_text(title), m.start(), m.end() - 1))
    return heads, has_guidance


def headings(text: str) -> list[Heading]:
    """Every ATX heading outside fenced code blocks, in order."""
    return outline(text)[0]


@lru_cache(maxsize=16)
def _lorem_re(phrases: tuple[str, ...]) -> re.Pattern[str]:
    parts = [r"\s+".join(map(re.escape, p.split())) for p in phrases]
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.I)


@lru_cache(maxsize=16)
def _lorem_probes(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """Substrings one of which any lorem phrase contains, written in lower, Title or UPPER case:
    each phrase's first word without its first letter, lower and upper case."""
    tails = {p.split()[0][1:].lower() for p in phrases if len(p.split()[0]) > 1}
    return tuple(sorted({v for tail in tails for v in (tail, tail.upper())}))


def scan_document(text: str, kind: DocKind, rules: DocRules) -> list[Issue]:
    """Everything unfinished in ``text`` checked against ``kind``'s required sections."""
    heads, has_guidance = outline(text, rules.guidance)
    issues, marked = _marks(text, heads, rules)
    first: dict[int, int] = {}
    for i, head in enumerate(heads):
        wanted = kind.by_name.get(head.norm)
        if wanted is not None and wanted not in first:
            first[wanted] = i
    guidance = rules.guidance if has_guidance else ""
    for index, section in enumerate(kind.sections):
        found = first.get(index)
        if found is None:
            issues.append(_missing(section))
        else:
            issues.extend(_section(text, heads, found, section, marked, guidance))
    return issues


def _marks(text: str, heads: list[Heading], rules: DocRules) -> tuple[list[Issue], set[int]]:
    """Placeholder tokens and lorem ipsum: one issue per (kind, owning section)."""
    probes: list[tuple[str, Iterator[re.Match[str]], str]] = []
    if rules.token in text:
        probes.append(("doc.placeholder", placeholders(text, rules.token, rules.guidance), "token"))
    if rules.lorem and any(p in text for p in _lorem_probes(rules.lorem)):
        probes.append(("doc.lorem", _lorem_re(rules.lorem).finditer(text), "phrase"))
    issues: list[Issue] = []
    marked: set[int] = set()
    if not probes:
        return issues, marked
    starts = [h.start for h in heads]
    for check_id, matches, param in probes:
        seen: set[int] = set()
        for m in matches:
            owner = bisect_right(starts, m.start()) - 1
            if owner not in seen:
                seen.add(owner)
                issues.append(Issue(check_id, line_of(text, m.start()), ((param, m.group(0)[:60]),)))
        marked |= seen
    return issues, marked


def _missing(section: Section) -> Issue:
    aliases = ", ".join(section.aliases) or "-"
    return Issue(
        "doc.section-missing", 1, (("section", section.title), ("minimum", section.min_words), ("aliases", aliases))
    )


def _section(
    text: str, heads: list[Heading], index: int, section: Section, marked: set[int], guidance: str
) -> list[Issue]:
    """Issues of one required section; ``guidance`` is empty when the document holds none."""
    head = heads[index]
    stop = index + 1
    while stop < len(heads) and heads[stop].level > head.level:
        stop += 1
    if marked and any(i in marked for i in range(index, stop)):
        return []
    end = heads[stop].start if stop < len(heads) else len(text)
    if not guidance and end - head.end >= FAST_CHARS_PER_WORD * section.min_words:
        return []
    words = count_words(text[head.end : end], guidance)
    if words >= section.min_words:
        return []
    params: tuple[tuple[str, Any], ...] = (("section", section.title), ("minimum", section.min_words))
    if words == 0:
        return [Issue("doc.section-empty", line_of(text, head.start), params)]
    return [Issue("doc.section-short", line_of(text, head.start), params + (("words", words),))]


def count_words(body: str, guidance: str) -> int:
    """Words of ``body``, guidance blockquotes (``> Panduan: ...`` and their continuation) excluded."""
    if not guidance or guidance not in body:
        return len(_WORD.findall(body))
    kept: list[str] = []
    in_guidance = False
    for raw in body.splitlines():
        line = raw.strip()
        if line.startswith(guidance):
            in_guidance = True
        elif not (in_guidance and line.startswith(">")):
            in_guidance = False
            kept.append(line)
    return len(_WORD.findall("\n".join(kept)))
