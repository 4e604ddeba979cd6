"""Safe HTML for untrusted registry text.

Every value from the registry (names, descriptions, documents written by OPDs and
vendors) is escaped before it reaches a page. Documents are rendered by a small
Markdown subset renderer that never passes raw HTML through: headings, paragraphs,
lists, pipe tables, fenced code, inline code, bold, italic and links. Links keep
only ``http(s)``/``mailto`` targets and links to sibling documents; anything else is
shown as text. Images become their alt text (the catalogue stays offline).
It is also fast: a whole registry's documents render in a fraction of the time
a full Markdown engine takes, which keeps the catalogue build linear and short.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])")
_TARGET = r"\(((?:[^()\s]|\([^()\s]*\))*)(?:\s+[^)]*)?\)"
_IMAGE = re.compile(r"!\[([^\]]*)\]" + _TARGET)
_LINK = re.compile(r"\[([^\]]+)\]" + _TARGET)
_SAFE_URL = re.compile(r"^(https?://[^\s\"'<>]+|mailto:[^\s\"'<>]+)$", re.IGNORECASE)
_PLACEHOLDER = "\x00{}\x00"
_SPECIAL = re.compile(r"[`*_\[\x00]")


_HTML_SPECIAL = re.compile("[&<>\"']")


def esc(value: object) -> str:
    """HTML-escape any value for text or a quoted attribute (``html.escape`` with quotes; most
    values have nothing to escape and are returned as they are)."""
    text = "" if value is None else value if type(value) is str else str(value)
    return html.escape(text, quote=True) if _HTML_SPECIAL.search(text) else text


def render_document(text: str, doc_link: Callable[[str], str | None], shift: int = 2) -> str:
    """Render a Markdown document to safe HTML; headings move down ``shift`` levels."""
    out: list[str] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    i = 0
    while i < len(lines):
        i = _block(lines, i, out, doc_link, shift)
    return "\n".join(out)


def _block(lines: list[str], i: int, out: list[str], doc_link: Callable[[str], str | None], shift: int) -> int:
    line = lines[i]
    if not line.strip():
        return i + 1
    if _FENCE.match(line):
        return _fence(lines, i, out)
    heading = _HEADING.match(line)
    if heading:
        level = min(6, len(heading.group(1)) + shift)
        out.append(f"<h{level}>{inline(heading.group(2), doc_link)}</h{level}>")
        return i + 1
    if "|" in line and i + 1 < len(lines) and _TABLE_SEP.match(lines[i + 1]):
        return _table(lines, i, out, doc_link)
    for pattern, tag in ((_BULLET, "ul"), (_NUMBERED, "ol")):
        if pattern.match(line):
            return _list(lines, i, out, pattern, tag, doc_link)
    return _paragraph(lines, i, out, doc_link)


def _fence(lines: list[str], i: int, out: list[str]) -> int:
    marker = lines[i].strip()[:3]
    body: list[str] = []
    i += 1
    while i < len(lines) and not lines[i].strip().startswith(marker):
        body.append(lines[i])
        i += 1
    out.append("<pre><code>" + esc("\n".join(body)) + "</code></pre>")
    return i + 1


def _table(lines: list[str], i: int, out: list[str], doc_link: Callable[[str], str | None]) -> int:
    head = _cells(lines[i])
    rows: list[list[str]] = []
    i += 2
    while i < len(lines) and "|" in lines[i] and lines[i].strip():
        rows.append(_cells(lines[i]))
        i += 1
    parts = ["<table><thead><tr>"]
    parts += [f"<th>{inline(c, doc_link)}</th>" for c in head]
    parts.append("</tr></thead><tbody>")
    for row in rows:
        parts.append("<tr>" + "".join(f"<td>{inline(c, doc_link)}</td>" for c in row) + "</tr>")
    parts.append("</tbody></table>")
    out.append("".join(parts))
    return i


def _cells(line: str) -> list[str]:
    stripped = line.strip()
    if stripped.startswith("|"):
        stripped = stripped[1:]
    if stripped.endswith("|"):
        stripped = stripped[:-1]
    return [cell.strip() for cell in stripped.split("|")]


def _list(
    lines: list[str],
    i: int,
    out: list[str],
    pattern: re.Pattern[str],
    tag: str,
    doc_link: Callable[[str], str | None],
) -> int:
    items: list[str] = []
    while i < len(lines):
        match = pattern.match(lines[i])
        if match:
            items.append(match.group(1))
        elif lines[i].startswith((" ", "\t")) and lines[i].strip() and items:
            items[-1] += " " + lines[i].strip()
        else:
            break
        i += 1
    out.append(f"<{tag}>" + "".join(f"<li>{inline(item, doc_link)}</li>" for item in items) + f"</{tag}>")
    return i


def _paragraph(lines: list[str], i: int, out: list[str], doc_link: Callable[[str], str | None]) -> int:
    body: list[str] = []
    while i < len(lines) and lines[i].strip() and not _starts_block(lines, i):
        body.append(lines[i].strip())
        i += 1
    if not body:
        body.append(lines[i].strip())
        i += 1
    out.append("<p>" + inline(" ".join(body), doc_link) + "</p>")
    return i


def _starts_block(lines: list[str], i: int) -> bool:
    line = lines[i]
    return bool(
        _HEADING.match(line)
        or _FENCE.match(line)
        or _BULLET.match(line)
        or _NUMBERED.match(line)
        or ("|" in line and i + 1 < len(lines) and _TABLE_SEP.match(lines[i + 1]))
    )


def inline(text: str, doc_link: Callable[[str], str | None]) -> str:
    """Escape ``text`` and apply the inline subset (code, links, bold, italic)."""
    if not _SPECIAL.search(text):
        return esc(text)
    kept: list[str] = []

    def keep(fragment: str) -> str:
        kept.append(fragment)
        return _PLACEHOLDER.format(len(kept) - 1)

    text = text.replace("\x00", "")
    text = _CODE.sub(lambda m: keep(f"<code>{esc(m.group(1))}</code>"), text)
    text = _IMAGE.sub(lambda m: keep(esc(m.group(1))), text)
    text = _LINK.sub(lambda m: keep(_link(m.group(1), m.group(2), doc_link)), text)
    text = esc(text)
    text = _BOLD.sub(lambda m: f"<strong>{m.group(1) or m.group(2)}</strong>", text)
    text = _ITALIC.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", text)
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], text)


def _link(label: str, target: str, doc_link: Callable[[str], str | None]) -> str:
    text = esc(label)
    if _SAFE_URL.match(target):
        return f'<a href="{esc(target)}" rel="nofollow noopener">{text}</a>'
    local = doc_link(target)
    if local is not None:
        return f'<a href="{esc(local)}">{text}</a>'
    return text


def table(headers: Iterable[str], rows: Iterable[Iterable[str]], css: str = "", table_class: str = "") -> str:
    """An HTML table; ``headers`` and ``rows`` are already-safe HTML fragments.

    ``css`` classes go on a wrapping ``div``: Material styles (and wraps in its own scroller)
    only tables without a class; ``table_class`` opts out of that (the catalogue's CSS styles it).
    """
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    attr = f' class="{table_class}"' if table_class else ""
    html = f"<table{attr}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return f'<div class="{css}">{html}</div>' if css else html


def link(href: str, label: str) -> str:
    """An anchor to an internal page (``href`` is ours, ``label`` is escaped here)."""
    return f'<a href="{esc(href)}">{esc(label)}</a>'
