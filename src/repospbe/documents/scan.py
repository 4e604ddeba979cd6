"""A cheap Markdown line scan: ATX headings, sections, unfinished text.

No Markdown library: headings are found with one multi-line regex over the whole
text (fenced code blocks excluded), placeholders and lorem ipsum with one regex
each, and line numbers are counted only for what is reported. This keeps 25,000
documents well under a second.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from repospbe.documents.rules import DocKind, DocRules, Section, normalize_heading

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.M)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.M)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Heading:
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


def headings(text: str) -> list[Heading]:
    """Every ATX heading outside fenced code blocks, in order."""
    found = [Heading(len(m.group(1)), normalize_heading(m.group(2)), m.start(), m.end())
             for m in _HEADING.finditer(text)]
    if "```" not in text and "~~~" not in text:
        return found
    fenced = _fenced_ranges(text)
    return [h for h in found if not any(a <= h.start < b for a, b in fenced)]


def _fenced_ranges(text: str) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    opening: re.Match[str] | None = None
    for m in _FENCE.finditer(text):
        if opening is None:
            opening = m
        elif m.group(1)[0] == opening.group(1)[0] and len(m.group(1)) >= len(opening.group(1)):
            ranges.append((opening.start(), m.end()))
            opening = None
    if opening is not None:
        ranges.append((opening.start(), len(text)))
    return ranges


@lru_cache(maxsize=16)
def _placeholder_re(token: str) -> re.Pattern[str]:
    return re.compile(r"\[\s*" + re.escape(token) + r"\s*(?::[^\]\n]*)?\]")


@lru_cache(maxsize=16)
def _lorem_re(phrases: tuple[str, ...]) -> re.Pattern[str]:
    parts = [r"\s+".join(map(re.escape, p.split())) for p in phrases]
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.I)


def scan_document(text: str, kind: DocKind, rules: DocRules) -> list[Issue]:
    """Everything unfinished in ``text`` checked against ``kind``'s required sections."""
    heads = headings(text)
    starts = [h.start for h in heads]
    issues, marked = _marks(text, starts, rules)
    for section in kind.sections:
        issues.extend(_section(text, heads, section, marked, rules.guidance))
    return issues


def _marks(text: str, starts: list[int], rules: DocRules) -> tuple[list[Issue], set[int]]:
    """Placeholder tokens and lorem ipsum: one issue per (kind, owning section)."""
    issues: list[Issue] = []
    marked: set[int] = set()
    probes: list[tuple[str, re.Pattern[str], str]] = []
    if "[" in text:
        probes.append(("doc.placeholder", _placeholder_re(rules.token), "token"))
    if rules.lorem:
        probes.append(("doc.lorem", _lorem_re(rules.lorem), "phrase"))
    for check_id, pattern, param in probes:
        seen: set[int] = set()
        for m in pattern.finditer(text):
            owner = bisect_right(starts, m.start()) - 1
            if owner not in seen:
                seen.add(owner)
                issues.append(Issue(check_id, line_of(text, m.start()), ((param, m.group(0)[:60]),)))
        marked |= seen
    return issues, marked


def _section(text: str, heads: list[Heading], section: Section, marked: set[int], guidance: str) -> list[Issue]:
    params: tuple[tuple[str, Any], ...] = (("section", section.title), ("minimum", section.min_words))
    index = next((i for i, h in enumerate(heads) if h.norm in section.names), None)
    if index is None:
        aliases = ", ".join(section.aliases) or "-"
        return [Issue("doc.section-missing", 1, params + (("aliases", aliases),))]
    head = heads[index]
    stop = next((j for j in range(index + 1, len(heads)) if heads[j].level <= head.level), len(heads))
    if any(i in marked for i in range(index, stop)):
        return []
    body = text[head.end: heads[stop].start if stop < len(heads) else len(text)]
    words = count_words(body, guidance)
    line = line_of(text, head.start)
    if words == 0:
        return [Issue("doc.section-empty", line, params)]
    if words < section.min_words:
        return [Issue("doc.section-short", line, params + (("words", words),))]
    return []


def count_words(body: str, guidance: str) -> int:
    """Words of ``body``, guidance blockquotes (``> Panduan: ...`` and their continuation) excluded."""
    if guidance not in body:
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
