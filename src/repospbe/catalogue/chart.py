"""The catalogue's charts: SVG bars drawn at build time (no JavaScript).

Each chart comes in two layouts: a wide one (label left of the bar) for desktop screens and a
narrow one (label above its bar, 340 px wide) that a phone shows at its natural size, so
labels stay readable; ``picture`` picks one by screen width. A bar of 0 % is still drawn
as a visible sliver, so "none" is never confused with "no data".
"""

from __future__ import annotations

from repospbe.catalogue.markup import esc

ROW = 22
LABEL_W = 250
BAR_W = 380
TOP = 34
MIN_BAR = 4  # px: a 0 % bar stays visible
NARROW_W = 340
NARROW_ROW = 40
PHONE_MEDIA = "(max-width: 600px)"


def compliance_svg(rows: list[tuple[str, float, int]], title: str) -> str:
    """``rows`` are (OPD label, percent compliant, number of apps), drawn in that order."""
    height = TOP + ROW * max(1, len(rows)) + 28
    width = LABEL_W + BAR_W + 90
    parts = _open(width, height, title, _describe(rows), "")
    for tick in (0, 50, 100):
        x = LABEL_W + BAR_W * tick / 100
        parts.append(f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{height - 22}" stroke="#ccc"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" fill="#555">{tick}%</text>')
    for i, (label, pct, count) in enumerate(rows):
        y = TOP + i * ROW
        parts.append(f'<text x="{LABEL_W - 8}" y="{y + 14}" text-anchor="end" fill="#222">{esc(_short(label))}</text>')
        parts += _bar(LABEL_W, y + 3, BAR_W, ROW - 8, pct)
        parts.append(f'<text x="{LABEL_W + BAR_W + 6}" y="{y + 14}" fill="#222">{pct:.0f}% ({count})</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def compliance_svg_narrow(rows: list[tuple[str, float, int]], title: str) -> str:
    """The phone layout of :func:`compliance_svg`: label and figure above each bar."""
    return narrow_svg([(label, pct, f"{pct:.0f}% ({count})") for label, pct, count in rows], title, _describe(rows))


def distribution_svg_narrow(rows: list[tuple[str, int]], title: str) -> str:
    """The phone layout of :func:`distribution_svg`."""
    top = max([count for _, count in rows] + [1])
    desc = "; ".join(f"{label}: {count} aplikasi" for label, count in rows)
    return narrow_svg([(label, 100 * count / top, str(count)) for label, count in rows], title, desc, "#3949ab")


def narrow_svg(rows: list[tuple[str, float, str]], title: str, desc: str, fill: str = "") -> str:
    """Bars of (label, percent of the track, figure), each label above its bar."""
    height = TOP + NARROW_ROW * max(1, len(rows)) + 8
    parts = _open(NARROW_W, height, title, desc, "-hp", font=13)
    for i, (label, pct, figure) in enumerate(rows):
        y = TOP + i * NARROW_ROW
        parts.append(f'<text x="4" y="{y + 14}" fill="#222">{esc(_short(label, 30))}</text>')
        parts.append(f'<text x="{NARROW_W - 4}" y="{y + 14}" text-anchor="end" fill="#222">{esc(figure)}</text>')
        parts += _bar(4, y + 20, NARROW_W - 8, 12, pct, fill)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _bar(x: int, y: int, full: int, height: int, pct: float, fill: str = "") -> list[str]:
    """Track and bar; the bar is at least ``MIN_BAR`` wide with a dark outline (0 % visible)."""
    width = max(float(MIN_BAR), full * max(0.0, min(100.0, pct)) / 100)
    return [
        f'<rect x="{x}" y="{y}" width="{full}" height="{height}" fill="#eceff1"/>',
        f'<rect class="batang" x="{x}" y="{y}" width="{width:.1f}" height="{height}" fill="{fill or _colour(pct)}" '
        'stroke="#37474f" stroke-width="1"/>',
    ]


def picture(wide: str, narrow: str, alt: str) -> str:
    """HTML showing the wide chart, or the narrow one on a phone (both docs-relative URLs)."""
    return (
        f'<p class="grafik-bungkus"><picture><source media="{PHONE_MEDIA}" srcset="{esc(narrow)}">'
        f'<img class="grafik" src="{esc(wide)}" alt="{esc(alt)}"></picture></p>\n\n'
    )


def _short(label: str, limit: int = 38) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _colour(pct: float) -> str:
    if pct >= 80:
        return "#2e7d32"
    if pct >= 50:
        return "#f9a825"
    return "#c62828"


def _describe(rows: list[tuple[str, float, int]]) -> str:
    return "; ".join(f"{label}: {pct:.0f}% dari {count} aplikasi patuh" for label, pct, count in rows)


def distribution_svg(rows: list[tuple[str, int]], title: str) -> str:
    """A bar per maturity level: (level name, number of apps), readable without JavaScript."""
    top = max([count for _, count in rows] + [1])
    height = TOP + ROW * max(1, len(rows)) + 12
    width = LABEL_W + BAR_W + 90
    parts = _open(width, height, title, "; ".join(f"{label}: {count} aplikasi" for label, count in rows), "-k")
    for i, (label, count) in enumerate(rows):
        y = TOP + i * ROW
        width_bar = max(float(MIN_BAR), BAR_W * count / top)
        parts.append(f'<text x="{LABEL_W - 8}" y="{y + 14}" text-anchor="end" fill="#222">{esc(_short(label))}</text>')
        parts.append(
            f'<rect class="batang" x="{LABEL_W}" y="{y + 3}" width="{width_bar:.1f}" height="{ROW - 8}" '
            'fill="#3949ab" stroke="#1a237e" stroke-width="1"/>'
        )
        parts.append(f'<text x="{LABEL_W + width_bar + 6:.1f}" y="{y + 14}" fill="#222">{count}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _open(width: int, height: int, title: str, desc: str, suffix: str, font: int = 12) -> list[str]:
    """The opening of an accessible chart: title and description for screen readers, white
    background, visible heading. ``suffix`` keeps element ids unique on one page."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="judul{suffix} uraian{suffix}" '
        f'font-family="sans-serif" font-size="{font}">',
        f'<title id="judul{suffix}">{esc(title)}</title>',
        f'<desc id="uraian{suffix}">{esc(desc)}</desc>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        f'<text x="4" y="18" font-size="14" font-weight="bold" fill="#222">{esc(_short(title, 44))}</text>',
    ]
