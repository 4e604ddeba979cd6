"""The SPBE maturity page (ladder per OPD, distribution, movers) and each app's section."""

from __future__ import annotations

from repospbe.catalogue import compliance as comp
from repospbe.catalogue.chart import distribution_svg, distribution_svg_narrow, picture
from repospbe.catalogue.collect import Catalogue
from repospbe.catalogue.markup import esc, link, table
from repospbe.catalogue.site_model import SiteSources, app_page, front, h1, opd_page, url
from repospbe.i18n import t
from repospbe.maturity.aggregate import per_opd
from repospbe.maturity.ladder import AppLevel

PAGE = "kematangan.md"
CHART = "grafik/kematangan.svg"
CHART_PHONE = "grafik/kematangan-hp.svg"


def level_name(level: str) -> str:
    return t(f"maturity.level.{level or 'none'}", "id")


def maturity_page(cat: Catalogue, site: SiteSources) -> None:
    ids = ("", *cat.level_ids)
    levels = [lv for lv in cat.levels.values() if not lv.example]
    counts = [(level_name(i), sum(1 for lv in levels if lv.level == i)) for i in ids]
    examples = len(cat.levels) - len(levels)
    site.static[CHART] = distribution_svg(counts, "Sebaran tingkat kematangan aplikasi")
    site.static[CHART_PHONE] = distribution_svg_narrow(counts, "Sebaran tingkat kematangan aplikasi")
    text = [front("Kematangan SPBE", hide_toc=True), h1("Tingkat kematangan SPBE")]
    text.append(
        "<p>Tingkat kapabilitas proses setiap aplikasi dihitung dari bukti di registri dengan aturan "
        "<code>checks/maturity.yaml</code> (Rencana Induk SPBE 6.2.1.2–6.2.1.4): setiap tingkat "
        "mensyaratkan semua kriterianya dan semua tingkat di bawahnya. Rincian dan penghambat tingkat "
        "berikutnya ada di halaman setiap aplikasi."
        + (f" {examples} rekaman {comp.example_badge()} tidak dihitung dalam sebaran dan tangga." if examples else "")
        + "</p>\n\n"
    )
    text.append(picture(url(PAGE, CHART), url(PAGE, CHART_PHONE), "Sebaran tingkat kematangan"))
    text.append("## Tangga per OPD\n\n" + _ladder(cat) + "\n\n")
    text.append("## Perubahan sejak periode sebelumnya\n\n" + _moves(cat) + "\n")
    site.add(PAGE, "".join(text))


def _ladder(cat: Catalogue) -> str:
    ids = list(cat.level_ids)
    rows = []
    for summary in per_opd(list(cat.levels.values()), ids):
        name = cat.opds[summary.opd].name if summary.opd in cat.opds else summary.opd
        rows.append(
            (
                link(url(PAGE, opd_page(summary.opd)), name),
                *[str(n) for _, n in summary.counts],
                esc(level_name(summary.lowest)),
            )
        )
    return table(("OPD", *[level_name(i) for i in ("", *ids)], "Terendah"), rows, "sortable")


def _moves(cat: Catalogue) -> str:
    if cat.moves is None:
        return (
            "<p>Belum ada periode pembanding. Bangun katalog dengan "
            "<code>repospbe catalogue build --since REF</code> untuk menampilkan aplikasi yang naik atau "
            "turun tingkat sejak REF.</p>"
        )
    if not cat.moves:
        return "<p>Tidak ada aplikasi yang berubah tingkat.</p>"
    rows = [
        (
            comp.marked(link(url(PAGE, app_page(m.key)), esc(m.key)), m.key in cat.apps and cat.apps[m.key].example),
            esc(level_name(m.before)),
            esc(level_name(m.after)),
            f"{m.delta:+d}",
        )
        for m in cat.moves
    ]
    return table(("Aplikasi", "Sebelumnya", "Sekarang", "Perubahan"), rows)


def app_section_inputs(level: AppLevel | None) -> tuple[object, ...] | None:
    """What ``app_section`` reads of ``level`` (keep the two together: the app page is keyed by it)."""
    if level is None:
        return None
    return (level.level, level.blocking, level.tech_declared, level.tech_accepted, level.tech_missing)


def app_section(level: AppLevel | None) -> str:
    """The app page's maturity section: level, blocking criteria with reason and fix, technical level."""
    if level is None:
        return "<p>Belum ada catatan.</p>"
    parts = [f"<p>Tingkat kapabilitas proses: <strong>{esc(level_name(level.level))}</strong>.</p>"]
    if level.blocking:
        rows = [
            (
                esc(t(f"maturity.criterion.{r.criterion}", "id")),
                esc(t(f"maturity.why.{r.reason}", "id")),
                esc(t(f"maturity.fix.{r.criterion}", "id")),
            )
            for r in level.blocking
        ]
        parts.append("<p>Penghambat tingkat berikutnya:</p>\n" + table(("Kriteria", "Alasan", "Perbaikan"), rows))
    else:
        parts.append("<p>Tidak ada penghambat: tingkat tertinggi tangga telah dicapai.</p>")
    if level.tech_declared:
        missing = ", ".join(level.tech_missing)
        parts.append(
            f"<p>Kapabilitas fungsi teknis dinyatakan <code>{esc(level.tech_declared)}</code>, diterima "
            f"<code>{esc(level.tech_accepted or '—')}</code>"
            + (f"; bukti yang kurang: {esc(missing)}" if missing else "")
            + ".</p>"
        )
    return "\n".join(parts)
