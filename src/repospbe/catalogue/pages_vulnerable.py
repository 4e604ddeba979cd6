"""Known-vulnerable dependencies: a section on each app page and one registry-wide page."""

from __future__ import annotations

from repospbe.advisories import database
from repospbe.catalogue.collate import collation_key
from repospbe.catalogue.collect import AppView, Catalogue
from repospbe.catalogue.markup import esc, link, table
from repospbe.catalogue.site_model import SiteSources, app_page, front, h1
from repospbe.catalogue.vulnerable import AppVulnerabilities, Vulnerable, of_run

PAGE = "kerentanan.md"
HEADS = ("Komponen", "Versi", "Advisori", "Tingkat", "Versi perbaikan", "Kepastian")


def vulnerable_section(app: AppView) -> str:
    """The app's vulnerable components from its latest pipeline record."""
    found = of_run(app.app_run)
    if not found.checked:
        return f"<p>Belum diperiksa: {_why(found)}.</p>\n\n"
    if not found.items:
        return "<p>Tidak ada dependensi yang diketahui rentan pada pemeriksaan terakhir.</p>\n\n"
    return table(HEADS, [_cells(v) for v in found.items], "tabel-rentan") + _more(found) + _no_database()


def _why(found: AppVulnerabilities) -> str:
    if found.note:
        return f"pemeriksaan <code>advisories</code> pada rekaman pipeline terakhir: {esc(found.note)}"
    return (
        "rekaman pipeline terakhir aplikasi ini tidak memuat pemeriksaan dependensi terhadap basis data "
        "kerentanan (<code>advisories</code>)"
    )


def _cells(v: Vulnerable) -> tuple[str, ...]:
    return (
        f"<code>{esc(v.package)}</code>",
        f"<code>{esc(v.version)}</code>",
        f"<code>{esc(v.advisory)}</code>" + (f"<br><small>{esc(v.summary)}</small>" if v.summary else ""),
        esc(v.severity.lower() or "–"),
        esc(v.fixed or "–"),
        "rentan" if v.certain else "mungkin rentan (rentang tanpa berkas kunci)",
    )


def _more(found: AppVulnerabilities) -> str:
    if not found.more:
        return "\n\n"
    return f"\n\n<p>Dan {found.more} lagi yang tidak dirinci dalam rekaman pipeline.</p>\n\n"


def _no_database() -> str:
    if database.meta() is not None:
        return ""
    return (
        "<p>Versi perbaikan dan tingkat tidak diketahui di mesin pembangun katalog: basis data "
        "kerentanan belum diimpor (<code>repospbe advisories import</code>).</p>\n\n"
    )


def vulnerable_page(cat: Catalogue, site: SiteSources) -> None:
    """Every known-vulnerable dependency of every app, and the apps not yet checked."""
    rows: list[tuple[str, ...]] = []
    unchecked: list[tuple[AppView, AppVulnerabilities]] = []
    apps = sorted(cat.apps.values(), key=lambda a: collation_key(a.name))
    for app in apps:
        found = of_run(app.app_run)
        if not found.checked:
            unchecked.append((app, found))
        for v in found.items:
            rows.append(
                (
                    cat.app_link(PAGE, app),
                    cat.opd_link(PAGE, app.opd),
                    *_cells(v),
                )
            )
    affected = len({r[0] for r in rows})
    text = front("Dependensi rentan", hide_toc=True) + h1("Dependensi rentan")
    text += (
        f"<p>{len(rows)} dependensi rentan pada {affected} aplikasi, menurut pemeriksaan "
        "<code>advisories</code> pada rekaman pipeline terakhir setiap aplikasi (basis data OSV).</p>\n\n"
    )
    body = table(("Aplikasi", "OPD", *HEADS), rows, "sortable saring tabel-rentan") if rows else ""
    text += f"<div>\n{site.fragment(PAGE, 'tabel', body)}\n</div>\n\n" if rows else ""
    text += (_no_database() if rows else "") + "## Belum diperiksa\n\n"
    if unchecked:
        why: dict[str, str] = {}  # ``_why`` by the check's own words (its only input): most apps have none
        items = "".join(
            f"<li>{link(cat.href(PAGE, app_page(a.key)), a.name)}: {why.get(f.note) or why.setdefault(f.note, _why(f))}"
            "</li>"
            for a, f in unchecked
        )
        text += f"<p>{len(unchecked)} aplikasi belum punya pemeriksaan dependensi:</p>\n<ul>{items}</ul>\n"
    else:
        text += "<p>Semua aplikasi sudah diperiksa.</p>\n"
    site.add(PAGE, text)
