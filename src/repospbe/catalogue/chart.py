"""The compliance chart: an SVG bar per OPD, drawn at build time (no JavaScript)."""

from __future__ import annotations

from repospbe.catalogue.markup import esc

ROW = 22
LABEL_W = 250
BAR_W = 380
TOP = 34


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
        width_bar = BAR_W * max(0.0, min(100.0, pct)) / 100
        parts.append(f'<text x="{LABEL_W - 8}" y="{y + 14}" text-anchor="end" fill="#222">{esc(_short(label))}</text>')
        parts.append(f'<rect x="{LABEL_W}" y="{y + 3}" width="{BAR_W}" height="{ROW - 8}" fill="#eceff1"/>')
        parts.append(
            f'<rect x="{LABEL_W}" y="{y + 3}" width="{width_bar:.1f}" height="{ROW - 8}" fill="{_colour(pct)}"/>'
        )
        parts.append(f'<text x="{LABEL_W + BAR_W + 6}" y="{y + 14}" fill="#222">{pct:.0f}% ({count})</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


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
        width_bar = BAR_W * count / top
        parts.append(f'<text x="{LABEL_W - 8}" y="{y + 14}" text-anchor="end" fill="#222">{esc(_short(label))}</text>')
        parts.append(f'<rect x="{LABEL_W}" y="{y + 3}" width="{width_bar:.1f}" height="{ROW - 8}" fill="#3949ab"/>')
        parts.append(f'<text x="{LABEL_W + width_bar + 6:.1f}" y="{y + 14}" fill="#222">{count}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _open(width: int, height: int, title: str, desc: str, suffix: str) -> list[str]:
    """The opening of an accessible chart: title and description for screen readers, white
    background, visible heading. ``suffix`` keeps element ids unique on one page."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="judul{suffix} uraian{suffix}" '
        'font-family="sans-serif" font-size="12">',
        f'<title id="judul{suffix}">{esc(title)}</title>',
        f'<desc id="uraian{suffix}">{esc(desc)}</desc>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        f'<text x="4" y="18" font-size="14" font-weight="bold" fill="#222">{esc(title)}</text>',
    ]
