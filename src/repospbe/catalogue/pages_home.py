"""Beranda (home), the OPD list and one page per OPD."""

from __future__ import annotations

from collections import Counter

from repospbe.catalogue import compliance as comp
from repospbe.catalogue.chart import compliance_svg
from repospbe.catalogue.collect import AppView, Catalogue, OpdView
from repospbe.catalogue.markup import esc, link, table
from repospbe.catalogue.site_model import SiteSources, app_page, front, h1, opd_page, url

CHART = "grafik/kepatuhan-opd.svg"
JENIS = ("umum", "khusus")
STATUS = ("usulan", "pengembangan", "produksi", "dihentikan")


def home(cat: Catalogue, site: SiteSources, commit: str) -> None:
    page = "index.md"
    counted = cat.counted()
    total = len(counted)
    ok = sum(1 for k in counted if cat.apps[k].compliant)
    examples = len(cat.apps) - total
    jenis = Counter(str(a.field("jenis")) for a in cat.apps.values())
    status = Counter(str(a.field("status")) for a in cat.apps.values())
    rows = _chart_rows(cat)
    site.static[CHART] = compliance_svg(rows, "Kepatuhan aplikasi per Perangkat Daerah")
    counts = [
        ("Perangkat Daerah (OPD)", link(url(page, "opd.md"), str(len(cat.opds)))),
        ("Aplikasi", link(url(page, "aplikasi.md"), str(len(cat.apps)))),
        *[(f"Aplikasi {j}", str(jenis.get(j, 0))) for j in JENIS],
        *[(f"Status {s}", str(status.get(s, 0))) for s in STATUS],
        ("Subdomain", link(url(page, "subdomain.md"), str(len(cat.registry.subdomains)))),
    ]
    text = [front("Beranda", hide_toc=True), h1(f"Katalog Aplikasi SPBE {cat.title}".strip())]
    text.append(
        f"<p>Katalog ini dibangun dari registri Repositori Aplikasi SPBE{_commit(commit)}. "
        "Setiap angka dihitung dari pemeriksaan registri yang sama dengan yang dijalankan "
        "<code>repospbe check</code>.</p>\n\n"
    )
    text.append("## Ringkasan\n\n" + table(("Hal", "Jumlah"), [(esc(k), v) for k, v in counts]) + "\n\n")
    text.append("## Kepatuhan\n\n")
    text.append(
        f'<p class="kepatuhan-total"><strong>{ok} dari {total} aplikasi '
        f"({comp.percent(ok, total):.0f}%)</strong> memenuhi semua persyaratan yang diperiksa"
        + (f" ({examples} rekaman {comp.example_badge()} tidak dihitung)" if examples else "")
        + ". "
        f"Temuan tingkat registri (di luar aplikasi): {sum(1 for f in cat.global_findings if f.blocks())}. "
        f"Rincian per aplikasi ada di {link(url(page, 'kepatuhan.md'), 'matriks kepatuhan')}.</p>\n\n"
    )
    text.append(f"![Grafik kepatuhan aplikasi per Perangkat Daerah]({CHART}){{ .grafik }}\n\n")
    text.append(_chart_table(cat, page, rows))
    text.append(_sections(page))
    site.add(page, "".join(text))


def _commit(commit: str) -> str:
    return f" pada commit <code>{esc(commit[:12])}</code>" if commit else ""


def _chart_rows(cat: Catalogue) -> list[tuple[str, float, int]]:
    rows = [
        (_opd_label(o), cat.compliant_share(o.apps), len(cat.counted(o.apps)))
        for o in cat.opds.values()
        if cat.counted(o.apps)
    ]
    return sorted(rows, key=lambda r: (r[1], r[0]))


def _opd_label(opd: OpdView) -> str:
    short = opd.record.get("singkatan") if opd.record else None
    if isinstance(short, list) and short and isinstance(short[0], str):
        return short[0]
    return opd.name


def _chart_table(cat: Catalogue, page: str, rows: list[tuple[str, float, int]]) -> str:
    body = [
        (
            link(url(page, opd_page(o.code)), o.name),
            str(len(o.apps)),
            str(sum(1 for k in cat.counted(o.apps) if cat.apps[k].compliant)),
            f"{cat.compliant_share(o.apps):.0f}%",
        )
        for o in sorted(cat.opds.values(), key=lambda o: o.name)
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
        ("audit.md", "Log audit", "merge, persetujuan, penerapan, verifikasi yang gagal"),
        ("reviewer.md", "Reviewer", "reviewer Diskominfo dan kunci tanda tangannya"),
        ("panduan.md", "Panduan", "panduan bagi OPD, vendor, reviewer dan auditor"),
    ]
    lines = "".join(f"<li>{link(url(page, rel), label)}: {esc(note)}</li>" for rel, label, note in items)
    return f"## Isi katalog\n\n<ul>{lines}</ul>\n"


def opd_list(cat: Catalogue, site: SiteSources) -> None:
    page = "opd.md"
    rows = [
        (
            link(url(page, opd_page(o.code)), o.name),
            esc(o.record.get("jenis", "") if o.record else ""),
            str(len(o.apps)),
            f"{cat.compliant_share(o.apps):.0f}%" if o.apps else "–",
            str(len(o.subdomains)),
        )
        for o in sorted(cat.opds.values(), key=lambda o: o.name)
    ]
    body = table(("OPD", "Jenis", "Aplikasi", "Kepatuhan", "Subdomain"), rows, "sortable")
    site.add(
        page,
        front("Perangkat Daerah", hide_toc=True)
        + h1("Perangkat Daerah")
        + f'<div class="tabel-saring">\n{body}\n</div>\n',
    )


def opd_pages(cat: Catalogue, site: SiteSources) -> None:
    for opd in cat.opds.values():
        page = opd_page(opd.code)
        text = [front(opd.name), h1(opd.name), _opd_record(opd)]
        text.append("## Aplikasi\n\n" + _opd_apps(cat, page, opd) + "\n\n")
        subs = "".join(
            f"<li>{link(url(page, 'subdomain.md') + '#sub-' + label, label)}</li>" for label in opd.subdomains
        )
        text.append("## Subdomain\n\n" + (f"<ul>{subs}</ul>\n" if subs else "<p>Belum ada catatan.</p>\n"))
        site.add(page, "".join(text))


def _opd_record(opd: OpdView) -> str:
    if opd.record is None:
        return "<p>OPD ini dirujuk oleh aplikasi, tetapi belum ada berkas OPD di registri.</p>\n\n"
    kontak = opd.record.get("kontak") or {}
    rows = [
        ("Kode", opd.code),
        ("Jenis", opd.record.get("jenis", "")),
        ("Singkatan", ", ".join(map(str, opd.record.get("singkatan") or []))),
        ("Induk", opd.record.get("induk", "")),
        *[(f"Kontak ({k})", v) for k, v in (kontak.items() if isinstance(kontak, dict) else [])],
    ]
    return table(("Hal", "Isi"), [(esc(k), esc(v)) for k, v in rows if v]) + "\n\n"


def _opd_apps(cat: Catalogue, page: str, opd: OpdView) -> str:
    if not opd.apps:
        return "<p>Belum ada catatan.</p>"
    return table(
        ("Aplikasi", "Jenis", "Status", "Patuh", "Temuan"), [_app_row(cat.apps[k], page) for k in opd.apps], "sortable"
    )


def _app_row(app: AppView, page: str) -> tuple[str, ...]:
    mark = comp.yes_no(app.compliant)
    return (
        comp.marked(link(url(page, app_page(app.key)), app.name), app.example),
        esc(app.field("jenis")),
        esc(app.field("status")),
        mark,
        str(app.blocking),
    )
