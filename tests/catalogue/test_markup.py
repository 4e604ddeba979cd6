"""Documents written by OPDs and vendors are rendered without letting any HTML through."""

from __future__ import annotations

from repospbe.catalogue.markup import esc, inline, render_document


def sibling(target: str) -> str | None:
    return "#dokumen-kak" if target == "kak.md" else None


def test_raw_html_is_escaped_everywhere() -> None:
    html = render_document("# <b>Judul</b>\n\n<script>alert(1)</script>\n\n- <img src=x onerror=y>\n", sibling)
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<h3>&lt;b&gt;Judul&lt;/b&gt;</h3>" in html


def test_links_keep_only_safe_targets() -> None:
    html = inline(
        "[a](javascript:alert(1)) [b](https://contoh.go.id/x) [c](kak.md) [d](../rahasia.md) "
        '[e](https://x.go.id/" onmouseover="y)',
        sibling,
    )
    assert "javascript" not in html
    assert '<a href="https://contoh.go.id/x" rel="nofollow noopener">b</a>' in html
    assert '<a href="#dokumen-kak">c</a>' in html
    assert "rahasia" not in html and ">d<" not in html and " d " in f" {html} "
    assert "onmouseover=" not in html.replace("&quot;", "")


def test_images_become_their_alt_text() -> None:
    html = inline("lihat ![diagram arsitektur](http://tracker.example/p.png) ini", sibling)
    assert "<img" not in html and "tracker" not in html
    assert html == "lihat diagram arsitektur ini"


def test_structure_is_rendered() -> None:
    text = (
        "## Fungsi\n\nBaris satu\nbaris dua **tebal** dan *miring* dan `kode<>`.\n\n"
        "1. pertama\n2. kedua\n\n| Tahap | Pelaku |\n|---|---|\n| Ajukan | Warga |\n\n"
        "```\n<?php echo $x; ?>\n```\n"
    )
    html = render_document(text, sibling)
    assert "<h4>Fungsi</h4>" in html
    assert (
        "<p>Baris satu baris dua <strong>tebal</strong> dan <em>miring</em> dan <code>kode&lt;&gt;</code>.</p>" in html
    )
    assert "<ol><li>pertama</li><li>kedua</li></ol>" in html
    assert "<th>Tahap</th>" in html and "<td>Warga</td>" in html
    assert "<pre><code>&lt;?php echo $x; ?&gt;</code></pre>" in html


def test_headings_never_exceed_h6_and_nul_bytes_vanish() -> None:
    assert render_document("###### x\x00\x001\x00", sibling) == "<h6>x1</h6>"
    assert esc('"<&>') == "&quot;&lt;&amp;&gt;"
