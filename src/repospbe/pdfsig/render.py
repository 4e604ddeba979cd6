"""A document's Markdown rendered to a deterministic PDF (fpdf2) for the officials to sign.

The Markdown stays the source: the PDF is a faithful, plain rendering of its headings,
paragraphs, lists and tables, followed by a signature page naming who must sign (name,
NIP/NIK, role). The same Markdown and signers always give the same bytes (no clock, no
random file id), so anyone can re-render and compare before signing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from fpdf import FPDF
from fpdf.enums import XPos, YPos

_FIXED_DATE = datetime(2000, 1, 1, tzinfo=UTC)
_FONT = "Helvetica"
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_RULE = re.compile(r"^\|?\s*:?-{3,}")
_PLAIN = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2026": "..."}


@dataclass(frozen=True)
class SignerLine:
    """One official who must sign: shown on the signature page."""

    role: str
    name: str
    ident: str


def render_pdf(markdown: str, *, title: str, signers: Iterable[SignerLine], signature_heading: str) -> bytes:
    """The PDF bytes of ``markdown``, then a signature page listing ``signers``."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(_FIXED_DATE)
    pdf.set_producer("repospbe")
    pdf.set_compression(False)  # plain content streams: the text can be read and compared with the Markdown
    pdf.set_title(_latin(title))
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for block in _blocks(markdown):
        _draw(pdf, block)
    _signature_page(pdf, list(signers), signature_heading)
    return bytes(pdf.output())


def _blocks(markdown: str) -> Iterator[tuple[str, object]]:
    """(kind, payload): ``h1``..``h6`` text, ``p`` text, ``li`` text, ``table`` rows."""
    para: list[str] = []
    table: list[list[str]] = []
    for raw in markdown.splitlines():
        line = raw.rstrip()
        if table and not line.lstrip().startswith("|"):
            yield "table", table
            table = []
        if line.lstrip().startswith("|"):
            yield from _flush(para)
            if not _RULE.match(line.strip()):
                table.append([c.strip() for c in line.strip().strip("|").split("|")])
            continue
        heading = _HEADING.match(line)
        if heading or _ITEM.match(line) or not line.strip():
            yield from _flush(para)
        if heading:
            yield f"h{len(heading.group(1))}", heading.group(2)
        elif _ITEM.match(line):
            para.append(line.strip())
        elif line.strip():
            para.append(line.strip())
    yield from _flush(para)
    if table:
        yield "table", table


def _flush(para: list[str]) -> Iterator[tuple[str, object]]:
    if para:
        text = " ".join(para)
        yield ("li" if _ITEM.match(para[0]) else "p"), text
        para.clear()


def _draw(pdf: FPDF, block: tuple[str, object]) -> None:
    kind, payload = block
    if kind.startswith("h"):
        pdf.set_font(_FONT, "B", max(11, 18 - 2 * int(kind[1:])))
        pdf.multi_cell(0, 8, _latin(str(payload)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)
    elif kind == "table" and isinstance(payload, list):
        _table(pdf, payload)
    else:
        pdf.set_font(_FONT, "", 10)
        indent = 5 if kind == "li" else 0
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(0, 5, _latin(str(payload)), markdown=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)


def _table(pdf: FPDF, rows: list[list[str]]) -> None:
    pdf.set_font(_FONT, "", 8)
    width = max(len(r) for r in rows)
    with pdf.table(first_row_as_headings=True, line_height=4.5) as table:
        for cells in rows:
            row = table.row()
            for cell in cells + [""] * (width - len(cells)):
                row.cell(_latin(cell.replace("`", "")))
    pdf.ln(3)


def _signature_page(pdf: FPDF, signers: list[SignerLine], heading: str) -> None:
    pdf.ln(4)
    pdf.set_font(_FONT, "B", 12)
    pdf.multi_cell(0, 8, _latin(heading), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(_FONT, "", 10)
    for signer in signers:
        text = f"{signer.role}: {signer.name} ({signer.ident})"
        pdf.multi_cell(0, 6, _latin(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _latin(text: str) -> str:
    """Core PDF fonts are Latin-1: typographic quotes/dashes become ASCII, anything else ``?``."""
    for char, plain in _PLAIN.items():
        text = text.replace(char, plain)
    return text.encode("latin-1", "replace").decode("latin-1")
