"""Markdown summary: counts, one escaped table row per finding, both languages."""

from __future__ import annotations

from dataclasses import replace

from repospbe.findings import Finding, Severity
from repospbe.formatters import ReportMeta, markdown
from repospbe.formatters.markdown import escape, format_markdown


def _cells(row: str) -> list[str]:
    """Split a table row on unescaped pipes, as GitLab's GFM table parser does."""
    cells, current, i = [], "", 0
    body = row.strip()[1:-1]
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            current += body[i : i + 2]
            i += 2
            continue
        if body[i] == "|":
            cells.append(current.strip())
            current = ""
        else:
            current += body[i]
        i += 1
    cells.append(current.strip())
    return cells


def test_indonesian_summary(findings: list[Finding], meta: ReportMeta) -> None:
    md = format_markdown(findings, meta)
    lines = md.splitlines()
    assert lines[0] == "### repospbe uji"
    assert "| Tingkat | Jumlah |" in lines
    assert "| Kritis | 1 |" in lines and "| Tinggi | 3 |" in lines and "| Sedang | 1 |" in lines
    assert "| **Total** | **7** |" in lines
    header = lines.index("| Tingkat | Lokasi | Pemeriksaan | Pesan | Saran perbaikan |")
    rows = [line for line in lines[header + 2 :] if line.startswith("|")]
    assert len(rows) == len(findings)
    assert all(len(_cells(r)) == 5 for r in rows)
    assert _cells(rows[0])[0] == "Kritis"  # most severe first
    sub = [r for r in rows if "ref.subdomain" in r][0]
    assert _cells(sub) == [
        "Sedang",
        "registry/apps/dinkes/si-sehat/app.yaml:9:5",
        "ref.subdomain-missing",
        "Subdomain sehat belum terdaftar di registry/subdomains/.",
        "Ajukan subdomain dengan 'repospbe new subdomain'.",
    ]


def test_english_summary(findings: list[Finding], meta: ReportMeta) -> None:
    md = format_markdown(findings, replace(meta, lang="en"))
    assert "| Severity | Location | Check | Message | How to fix |" in md
    assert "| Critical | 1 |" in md
    assert "Subdomain sehat is not registered in registry/subdomains/." in md
    assert "Tingkat" not in md


def test_hostile_text_cannot_break_the_table_or_ping(findings: list[Finding], meta: ReportMeta) -> None:
    md = format_markdown(findings, meta)
    row = [line for line in md.splitlines() if "raw.hostile" in line][0]
    cells = _cells(row)
    assert len(cells) == 5
    message = cells[3]
    assert "<script>" not in md and "&lt;script&gt;" in message
    assert "\\|" in message and "\\@root" in message and "\\#1" in message
    assert "\\*bold\\*" in message and "\\[link\\](http://x)" in message and "\\`code\\`" in message
    assert "\n" not in row


def test_escape_neutralises_markdown() -> None:
    assert escape("a|b") == "a\\|b"
    assert escape("x\\|y") == "x\\\\\\|y"  # a backslash cannot un-escape the pipe
    assert escape("<b>&") == "&lt;b&gt;&amp;"
    assert escape("  dua\n\nbaris ") == "dua baris"


def test_clean_report(meta: ReportMeta) -> None:
    md = format_markdown([], meta)
    assert "Tidak ada temuan." in md and "|" not in md


def test_long_reports_are_capped(meta: ReportMeta) -> None:
    many = [
        Finding.make("raw.n", Severity.LOW, "raw.text", path=f"f{i:03}.yaml", line=1, text="x")
        for i in range(markdown.MAX_ROWS + 5)
    ]
    md = format_markdown(many, meta)
    assert md.count("| Rendah | f") == markdown.MAX_ROWS
    assert f"Ditampilkan {markdown.MAX_ROWS} dari {markdown.MAX_ROWS + 5} temuan" in md


def test_deterministic(findings: list[Finding], meta: ReportMeta) -> None:
    assert format_markdown(findings, meta) == format_markdown(list(reversed(findings)), meta)
