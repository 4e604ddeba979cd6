"""Registry-wide lists: apps, common apps, subdomains, compliance matrix, audit log, reviewers."""

from __future__ import annotations

import operator
from collections import defaultdict

from repospbe.catalogue import compliance as comp
from repospbe.catalogue.collect import AppView, Catalogue
from repospbe.catalogue.markup import esc, link, table
from repospbe.catalogue.pages_app import NONE, value
from repospbe.catalogue.site_model import SiteSources, app_page, front, h1, opd_page, url
from repospbe.governance import sshsig
from repospbe.registry.instance import config_of

_COLUMNS = tuple(k for k, _ in comp.REQUIREMENTS)
FILTER = (
    '<p class="saring-petunjuk">Klik judul kolom untuk mengurutkan; ketik pada kotak saring '
    "untuk menyaring baris (membutuhkan JavaScript; tanpa JavaScript tabel tetap lengkap).</p>\n"
)


def apps_index(cat: Catalogue, site: SiteSources) -> None:
    page = "aplikasi.md"
    rows = [_app_row(cat, a, page) for a in cat.by_name()]
    body = table(("Aplikasi", "OPD", "Jenis", "Status", "Patuh", "Temuan"), rows, "sortable saring")
    site.add(
        page,
        front("Aplikasi", hide_toc=True)
        + h1("Aplikasi")
        + FILTER
        + f"<p>{len(rows)} aplikasi terdaftar.</p>\n\n<div>\n{site.fragment(page, 'tabel', body)}\n</div>\n",
    )


def _app_row(cat: Catalogue, app: AppView, page: str) -> tuple[str, ...]:
    return (
        cat.app_link(page, app),
        cat.opd_link(page, app.opd),
        esc(app.field("jenis")),
        esc(app.field("status")),
        comp.yes_no(app.compliant),
        str(app.blocking),
    )


def common_apps(cat: Catalogue, site: SiteSources) -> None:
    page = "aplikasi-umum.md"
    umum = [a for a in cat.apps.values() if a.field("jenis") == "umum"]
    text = [front("Aplikasi Umum"), h1("Aplikasi Umum")]
    text.append(
        "<p>Aplikasi Umum dipakai seragam oleh seluruh Perangkat Daerah (Rencana Induk SPBE 6.2.5.1). "
        "Aplikasi khusus yang menjalankan fungsi yang sudah dilayani Aplikasi Umum wajib memuat "
        "justifikasi (<code>justifikasi_duplikasi</code>).</p>\n\n"
    )
    rows = [(link(url(page, app_page(a.key)), a.name), value(a.field("fungsi")), _users(cat, a, page)) for a in umum]
    text.append(
        "## Daftar Aplikasi Umum\n\n" + (table(("Aplikasi", "Fungsi", "Dipakai oleh"), rows) if rows else NONE) + "\n\n"
    )
    text.append("## Aplikasi khusus dengan fungsi yang sama\n\n" + _duplicates(cat, umum, page))
    site.add(page, "".join(text))


def _users(cat: Catalogue, app: AppView, page: str) -> str:
    users = app.field("pengguna") or []
    if not isinstance(users, list) or not users:
        return "semua OPD (tidak dirinci)"
    return ", ".join(link(url(page, opd_page(u)), cat.opds[u].name) if u in cat.opds else esc(u) for u in users)


def _duplicates(cat: Catalogue, umum: list[AppView], page: str) -> str:
    served: dict[str, list[AppView]] = defaultdict(list)
    for app in umum:
        for fn in app.field("fungsi") or []:
            served[str(fn)].append(app)
    declared = set(config_of(cat.registry).aplikasi_umum_fungsi)
    rows = []
    for app in cat.apps.values():
        if app.field("jenis") != "khusus":
            continue
        same = [str(fn) for fn in app.field("fungsi") or [] if str(fn) in served or str(fn) in declared]
        if not same:
            continue
        commons = {c.key: c for fn in same for c in served.get(fn, [])}
        just = app.field("justifikasi_duplikasi")
        rows.append(
            (
                link(url(page, app_page(app.key)), app.name),
                esc(", ".join(same)),
                ", ".join(link(url(page, app_page(k)), c.name) for k, c in commons.items()) or "–",
                esc(just) if just else comp.badge("gagal", "tidak ada justifikasi"),
            )
        )
    if not rows:
        return "<p>Tidak ada aplikasi khusus yang menjalankan fungsi Aplikasi Umum.</p>\n"
    return table(("Aplikasi khusus", "Fungsi yang sama", "Aplikasi Umum", "Justifikasi"), rows) + "\n"


def subdomains(cat: Catalogue, site: SiteSources) -> None:
    page = "subdomain.md"
    domain = cat.registry.domain
    rows = []
    for label, rec in sorted(cat.registry.subdomains.items()):
        owner = comp.subdomain_owner(cat.registry, label)
        opd = str(rec.get("opd", ""))
        records = rec.get("records") or []
        rr = "<br>".join(
            esc(f"{r.get('type', '')} {r.get('value', r.get('values', ''))}") for r in records if isinstance(r, dict)
        )
        surat = rec.get("surat") or {}
        rows.append(
            (
                f'<span id="sub-{esc(label)}"></span><code>{esc(label)}.{esc(domain)}</code>',
                link(url(page, opd_page(opd)), cat.opds[opd].name) if opd in cat.opds else esc(opd),
                link(url(page, app_page(owner)), cat.apps[owner].name) if owner else "–",
                esc(rec.get("tujuan", "")),
                rr,
                esc(surat.get("nomor", "–") if isinstance(surat, dict) else "–"),
            )
        )
    body = table(("Nama", "OPD", "Aplikasi", "Tujuan", "Rekaman DNS", "Surat"), rows, "sortable saring")
    text = front("Subdomain", hide_toc=True) + h1("Register subdomain") + FILTER
    text += f"<p>{len(rows)} subdomain di bawah <code>{esc(domain)}</code>.</p>\n\n"
    site.add(page, text + (f"<div>\n{site.fragment(page, 'tabel', body)}\n</div>\n" if rows else NONE))


def matrix(cat: Catalogue, site: SiteSources) -> None:
    """Apps × requirements. On a wide screen a table that scrolls in its own box under a sticky
    header; on a phone one card per app naming every requirement not met (never hidden)."""
    page = "kepatuhan.md"
    heads = ("Aplikasi", "OPD", *[esc(label) for _, label in comp.REQUIREMENTS], "Patuh")
    apps = cat.by_name()
    pick = operator.itemgetter(*_COLUMNS)
    # What a row's marks and a card's verdict are made of: the same cell objects (immutable, shared
    # between apps: ``compliance``), alive while the apps are, so known by identity.
    shapes: list[tuple[object, ...]] = [(a.compliant, *map(id, pick(a.cells))) for a in apps]
    rows = _matrix_rows(cat, page, apps, shapes)
    legend = " · ".join(comp.badge(s, comp.STATUS_TEXT[s]) for s in comp.STATUS_MARK)
    grid = table(heads, [], "sortable saring matriks matriks-gulir", table_class="matriks-tabel")
    grid = grid.replace("<tbody></tbody>", f"<tbody>{rows}</tbody>", 1)
    body = grid + "\n" + _cards(cat, page, apps, shapes)
    counted = cat.counted()
    ok = sum(1 for k in counted if cat.apps[k].compliant)
    examples = len(cat.apps) - len(counted)
    site.add(
        page,
        front("Matriks kepatuhan", wide=True)
        + h1("Matriks kepatuhan")
        + FILTER
        + f"<p>Keterangan: {legend}. Aplikasi patuh bila tidak ada {comp.badge('gagal')} dan sudah ada "
        "catatan pipeline dan persetujuan (tanpa catatan berarti belum patuh).</p>\n"
        + f'<p class="kepatuhan-total">{ok} dari {len(counted)} aplikasi '
        f"({comp.percent(ok, len(counted)):.0f}%) patuh"
        + (f"; {examples} rekaman {comp.example_badge()} tidak dihitung" if examples else "")
        + ".</p>\n\n"
        + f'<div class="matriks-bungkus">\n{site.fragment(page, "tabel", body)}\n</div>\n',
    )


def _matrix_rows(cat: Catalogue, page: str, apps: list[AppView], shapes: list[tuple[object, ...]]) -> str:
    """The matrix's rows as ``markup.table`` writes them: per app its link, OPD, one mark per
    requirement and the verdict (the marks' cells written once per combination of cells)."""
    marks = comp.MARK_BADGES
    runs: dict[tuple[object, ...], str] = {}
    rows = []
    for a, shape in zip(apps, shapes, strict=True):
        run = runs.get(shape)
        if run is None:
            cells = "".join(f"<td>{marks[a.cells[k].status]}</td>" for k in _COLUMNS)
            run = runs[shape] = f"{cells}<td>{comp.yes_no(a.compliant)}</td></tr>"
        rows.append(f"<tr><td>{cat.app_link(page, a)}</td><td>{esc(a.opd)}</td>{run}")
    return "".join(rows)


def _cards(cat: Catalogue, page: str, apps: list[AppView], shapes: list[tuple[object, ...]]) -> str:
    """The phone layout: per app its verdict and each requirement not met, in words."""
    cards = []
    tails: dict[tuple[object, ...], tuple[str, str]] = {}  # what follows the name is the cells' alone
    for a, shape in zip(apps, shapes, strict=True):
        tail = tails.get(shape)
        if tail is None:
            tail = tails[shape] = _card_tail(a.cells, a.compliant)
        cards.append(
            f'<div class="kartu-aplikasi" data-patuh="{tail[0]}">'
            f'<p class="kartu-judul">{cat.app_link(page, a)} <small>{esc(a.opd)}</small> · {tail[1]}'
        )
    return '<div class="matriks-kartu saring-kartu">' + "".join(cards) + "</div>"


def _card_tail(cells: dict[str, comp.Cell], compliant: bool) -> tuple[str, str]:
    """(``data-patuh``, the card after the app's name and OPD) for an app of these ``cells``."""
    unmet = [(k, label) for k, label in comp.REQUIREMENTS if cells[k].status in ("gagal", "belum")]
    items = "".join(f"<li>{_unmet(cells[k], label)}</li>" for k, label in unmet)
    verdict = comp.yes_no(compliant, "patuh", "belum patuh")
    return (
        "ya" if compliant else "tidak",
        verdict
        + "</p>"
        + (f'<ul class="kartu-kurang">{items}</ul>' if items else "<p>Semua persyaratan terpenuhi.</p>")
        + "</div>",
    )


def _unmet(cell: comp.Cell, label: str) -> str:
    return cell.badge(f"{esc(label)}: {comp.STATUS_TEXT[cell.status]}")


def reviewers(cat: Catalogue, site: SiteSources) -> None:
    page = "reviewer.md"
    text = front("Reviewer", wide=True) + h1("Reviewer Diskominfo")
    rec = cat.registry.reviewers
    items = rec.get("reviewers") if rec else None
    if not isinstance(items, list) or not items:
        site.add(page, text + NONE)
        return
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for app in cat.apps.values():
        for d in app.decisions:
            counts[d.reviewer][0 if comp.is_approval(d.decision) else 1] += 1
    rows = [
        (
            esc(r.get("id", "")),
            esc(r.get("nama", "")),
            esc(r.get("nip", "")),
            esc(r.get("peran", "")),
            f'<code class="sidik">{esc(fingerprint(str(r.get("kunci_publik", ""))))}</code>',
            str(counts[str(r.get("id", ""))][0]),
            str(counts[str(r.get("id", ""))][1]),
        )
        for r in items
        if isinstance(r, dict)
    ]
    if comp.is_example(rec.data if rec else None):
        text += (
            f"<p>{comp.example_badge()} Daftar reviewer ini adalah contoh (<code>contoh: true</code>): "
            "nama, NIP dan kunci bukan pejabat sebenarnya.</p>\n\n"
        )
    text += (
        "<p>Persetujuan adalah tanda tangan SSH; sidik jari kunci di bawah dapat dicocokkan dengan "
        "<code>ssh-keygen -lf</code>.</p>\n\n"
    )
    heads = ("ID", "Nama", "NIP", "Peran", "Sidik jari kunci", "Setuju", "Tolak")
    site.add(page, text + table(heads, rows, "tabel-pas") + "\n")


def fingerprint(public_key: str) -> str:
    """``SHA256:...`` of an OpenSSH public key line (``sshsig.fingerprint``); a dash when there is
    no key, a note when the line is not a valid key."""
    if len(public_key.split()) < 2:
        return "–"
    return sshsig.fingerprint(public_key) or "kunci tidak sah"
