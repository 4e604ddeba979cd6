"""Beranda (home), the OPD list and one page per OPD."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from repospbe.catalogue import compliance as comp
from repospbe.catalogue.chart import compliance_svg, compliance_svg_narrow, picture
from repospbe.catalogue.collate import collation_key
from repospbe.catalogue.collect import Catalogue, OpdView
from repospbe.catalogue.markup import esc, link, table
from repospbe.catalogue.site_model import SiteSources, front, h1, opd_page, url

CHART = "grafik/kepatuhan-opd.svg"
CHART_PHONE = "grafik/kepatuhan-opd-hp.svg"
JENIS = ("umum", "khusus")
STATUS = ("usulan", "pengembangan", "produksi", "dihentikan")


def home(cat: Catalogue, site: SiteSources, commit: str, today: dt.date) -> None:
    page = "index.md"
    counted = cat.counted()
    total = len(counted)
    ok = sum(1 for k in counted if cat.apps[k].compliant)
    examples = len(cat.apps) - total
    jenis = Counter(str(a.field("jenis")) for a in cat.apps.values())
    status = Counter(str(a.field("status")) for a in cat.apps.values())
    tally = _tally(cat)
    rows = _chart_rows(cat, tally)
    site.static[CHART] = compliance_svg(rows, "Kepatuhan aplikasi per Perangkat Daerah")
    site.static[CHART_PHONE] = compliance_svg_narrow(rows, "Kepatuhan aplikasi per Perangkat Daerah")
    counts = [
        ("Perangkat Daerah (OPD)", link(url(page, "opd.md"), str(len(cat.opds)))),
        ("Aplikasi", link(url(page, "aplikasi.md"), str(len(cat.apps)))),
        *[(f"Aplikasi {j}", str(jenis.get(j, 0))) for j in JENIS],
        *[(f"Status {s}", str(status.get(s, 0))) for s in STATUS],
        ("Subdomain", link(url(page, "subdomain.md"), str(len(cat.registry.subdomains)))),
    ]
    text = [front("Beranda", hide_toc=True), h1(f"Katalog Aplikasi SPBE {cat.title}".strip())]
    text.append(
        f'<p class="dibangun">Katalog ini dibangun pada {esc(long_date(today))} dari registri Repositori '
        f"Aplikasi SPBE{_commit(commit)}. "
        "Setiap angka dihitung dari pemeriksaan registri yang sama dengan yang dijalankan "
        "<code>repospbe check</code>.</p>\n\n"
    )
    text.append("## Ringkasan\n\n" + table(("Hal", "Jumlah"), [(esc(k), v) for k, v in counts]) + "\n\n")
    text.append("## Kepatuhan\n\n")
    share = (
        f"{ok} dari {total} aplikasi ({comp.percent(ok, total):.0f}%)</strong> "
        "memenuhi semua persyaratan yang diperiksa"
        if total
        else "Belum ada aplikasi terdaftar</strong> yang dapat dihitung kepatuhannya"
    )
    text.append(
        f'<p class="kepatuhan-total"><strong>{share}'
        + (f" ({examples} rekaman {comp.example_badge()} tidak dihitung)" if examples else "")
        + ". "
        f"Temuan tingkat registri (di luar aplikasi): {sum(1 for f in cat.global_findings if f.blocks())}. "
        f"Rincian per aplikasi ada di {link(url(page, 'kepatuhan.md'), 'matriks kepatuhan')}.</p>\n\n"
    )
    text.append(picture(CHART, CHART_PHONE, "Grafik kepatuhan aplikasi per Perangkat Daerah"))
    text.append(_chart_table(cat, page, tally))
    text.append(_sections(page))
    site.add(page, "".join(text))


def _commit(commit: str) -> str:
    return f" pada commit <code>{esc(commit[:12])}</code>" if commit else ""


def _tally(cat: Catalogue) -> dict[str, tuple[int, int]]:
    """OPD -> (its apps that count, the compliant ones among them): one pass for the chart and its table."""
    out = {}
    for opd in cat.opds.values():
        counted = cat.counted(opd.apps)
        out[opd.code] = (len(counted), sum(1 for k in counted if cat.apps[k].compliant))
    return out


def _chart_rows(cat: Catalogue, tally: dict[str, tuple[int, int]]) -> list[tuple[str, float, int]]:
    rows = [
        (_opd_label(o), comp.percent(tally[o.code][1], tally[o.code][0]), tally[o.code][0])
        for o in cat.opds.values()
        if tally[o.code][0]
    ]
    return sorted(rows, key=lambda r: (r[1], collation_key(r[0])))


def _opd_label(opd: OpdView) -> str:
    short = opd.record.get("singkatan") if opd.record else None
    if isinstance(short, list) and short and isinstance(short[0], str):
        return short[0]
    return opd.name


def _chart_table(cat: Catalogue, page: str, tally: dict[str, tuple[int, int]]) -> str:
    body = [
        (
            link(url(page, opd_page(o.code)), o.name),
            str(len(o.apps)),
            str(tally[o.code][1]),
            f"{comp.percent(tally[o.code][1], tally[o.code][0]):.0f}%",
        )
        for o in sorted(cat.opds.values(), key=lambda o: collation_key(o.name))
        if o.apps
    ]
    return (
        "<details><summary>Data grafik dalam tabel</summary>\n"
        + table(("OPD", "Aplikasi", "Patuh", "Kepatuhan"), body)
        + "\n</details>\n\n"
    )


def _sections(page: str) -> str:
    items = [
        ("opd.md", "Perangkat Daerah", "aplikasi dan subdomain setiap OPD"),
        ("aplikasi.md", "Aplikasi", "daftar semua aplikasi; setiap aplikasi punya halaman rinci"),
        ("aplikasi-umum.md", "Aplikasi Umum", "pemakai Aplikasi Umum dan aplikasi khusus yang fungsinya sama"),
        ("subdomain.md", "Subdomain", "register subdomain Pemda"),
        ("kepatuhan.md", "Matriks kepatuhan", "aplikasi × persyaratan"),
        ("kematangan.md", "Kematangan SPBE", "tingkat kematangan per aplikasi dan per OPD, penghambat dan perubahan"),
        ("kerentanan.md", "Dependensi rentan", "komponen pihak ketiga yang diketahui rentan per aplikasi"),
        ("audit.md", "Log audit", "merge, persetujuan dan penolakan, penerapan, verifikasi yang gagal"),
        ("reviewer.md", "Reviewer", "reviewer Diskominfo dan kunci tanda tangannya"),
        ("panduan.md", "Panduan", "panduan bagi OPD, vendor, reviewer dan auditor"),
    ]
    lines = "".join(f"<li>{link(url(page, rel), label)}: {esc(note)}</li>" for rel, label, note in items)
    return f"## Isi katalog\n\n<ul>{lines}</ul>\n"


MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def long_date(day: dt.date) -> str:
    """``27 November 2026``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
