"""The OPD list and one page per OPD: record, maintainers (``pengelola``), apps, missing documents."""

from __future__ import annotations

from repospbe.catalogue import compliance as comp
from repospbe.catalogue.collate import collation_key
from repospbe.catalogue.collect import AppView, Catalogue, OpdView
from repospbe.catalogue.markup import esc, link, table
from repospbe.catalogue.pages_app import DOC_TITLES, NONE
from repospbe.catalogue.site_model import SiteSources, front, h1, opd_page, url
from repospbe.governance import sshsig


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
        for o in sorted(cat.opds.values(), key=lambda o: collation_key(o.name))
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
        text.append("## Pengelola\n\n" + _maintainers(opd) + "\n\n")
        apps = sorted((cat.apps[k] for k in opd.apps), key=lambda a: collation_key(a.name))
        text.append("## Aplikasi\n\n" + _opd_apps(cat, page, apps) + "\n\n")
        text.append("## Dokumen yang belum lengkap\n\n" + _missing_documents(cat, page, apps) + "\n\n")
        subs = "".join(
            f"<li>{link(url(page, 'subdomain.md') + '#sub-' + label, label)}</li>" for label in opd.subdomains
        )
        text.append("## Subdomain\n\n" + (f"<ul>{subs}</ul>\n" if subs else NONE))
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


def _maintainers(opd: OpdView) -> str:
    """The OPD's ``pengelola``: who may open merge requests for its apps, with their key."""
    items = opd.record.get("pengelola") if opd.record else None
    people = [p for p in items if isinstance(p, dict)] if isinstance(items, list) else []
    if not people:
        return (
            "<p>Belum ada pengelola terdaftar: belum ada pegawai OPD ini yang dapat mengajukan "
            "merge request atas nama OPD (isi <code>pengelola</code> pada berkas OPD).</p>\n"
        )
    rows = [
        (
            esc(p.get("id", "")),
            esc(p.get("nama", "")),
            esc(p.get("nip", "–")),
            esc(", ".join(map(str, p.get("email") or [])) or "–"),
            f'<code class="sidik">{esc(_fingerprint(str(p.get("kunci_publik", ""))))}</code>',
        )
        for p in people
    ]
    return table(("ID", "Nama", "NIP", "Surel", "Sidik jari kunci"), rows, "tabel-pas")


def _fingerprint(public_key: str) -> str:
    if len(public_key.split()) < 2:
        return "–"
    return sshsig.fingerprint(public_key) or "kunci tidak sah"


def _opd_apps(cat: Catalogue, page: str, apps: list[AppView]) -> str:
    """The OPD's ``apps`` (by name) in a table."""
    if not apps:
        return "<p>Belum ada catatan.</p>"
    rows = [_app_row(cat, a, page) for a in apps]
    return table(("Aplikasi", "Jenis", "Status", "Patuh", "Temuan"), rows, "sortable")


def _missing_documents(cat: Catalogue, page: str, apps: list[AppView]) -> str:
    """Per app (of ``apps``, by name), each required document not submitted or submitted with shortcomings."""
    rows = []
    for app in apps:
        owed = missing_documents(cat, app)
        if owed:
            items = "".join(f"<li>{esc(text)}</li>" for text in owed)
            rows.append((cat.app_link(page, app), f"<ul>{items}</ul>"))
    if not rows:
        return "<p>Semua dokumen yang diwajibkan sudah diserahkan dan lengkap.</p>\n"
    return table(("Aplikasi", "Dokumen"), rows, "dokumen-kurang")


def missing_documents(cat: Catalogue, app: AppView) -> list[str]:
    """What is owed, in words: "KAK: belum diserahkan", "Hasil pengujian: 2 kekurangan"."""
    cells = app.cells
    if all(cells[kind].status != "gagal" for kind in comp.DOC_KINDS):
        return []
    docs = cat.registry.documents.get(app.key, {})
    out = []
    for kind in comp.DOC_KINDS:
        cell = cells[kind]
        if cell.status != "gagal":
            continue
        state = "belum diserahkan" if kind not in docs else f"diserahkan, {cell.blocking} kekurangan"
        out.append(f"{DOC_TITLES[kind]}: {state}")
    return out


def _app_row(cat: Catalogue, app: AppView, page: str) -> tuple[str, ...]:
    return (
        cat.app_link(page, app),
        esc(app.field("jenis")),
        esc(app.field("status")),
        comp.yes_no(app.compliant),
        str(app.blocking),
    )
