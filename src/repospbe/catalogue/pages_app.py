"""One page per app: record, compliance, documents, source, pipeline, decisions, releases."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from repospbe.catalogue import compliance as comp
from repospbe.catalogue.collect import AppView, Catalogue
from repospbe.catalogue.inputs import Inputs
from repospbe.catalogue.markup import esc, link, render_document, table
from repospbe.catalogue.pages_governance import decisions_section, pipeline_section, releases_section
from repospbe.catalogue.pages_maturity import app_section
from repospbe.catalogue.pages_signed import signed_block
from repospbe.catalogue.pages_vulnerable import vulnerable_section
from repospbe.catalogue.site_model import SiteSources, app_page, front, h1, opd_page, url
from repospbe.catalogue.words import maintenance, upkeep_kind
from repospbe.errors import InputError
from repospbe.registry.handover import EXEMPT, EXEMPT_UNFOUNDED, MISSING, NO_BASIS, NOT_HANDED_OVER, handover_state
from repospbe.registry.model import Document

NONE = "<p>Belum ada catatan.</p>\n\n"
DOC_PLACEHOLDER = "<!--repospbe-dokumen:{}-->"  # registry text is escaped: it never holds "<!--"
DOC_TITLES = {
    "kebutuhan": "Dokumen kebutuhan perangkat lunak",
    "kak": "Kerangka Acuan Kerja (KAK)",
    "pengujian": "Hasil pengujian",
    "manual": "Manual penggunaan aplikasi",
    "bast": "Berita Acara Serah Terima (BAST)",
}
RECORD_FIELDS = (
    ("id", "ID"),
    ("jenis", "Jenis"),
    ("status", "Status"),
    ("fungsi", "Fungsi"),
    ("deskripsi", "Deskripsi"),
    ("pengguna", "OPD pengguna"),
    ("pengelola_teknis", "Pengelola teknis"),
    ("lisensi", "Lisensi"),
    ("hak_cipta", "Hak cipta"),
    ("alamat", "Alamat"),
    ("hosting", "Hosting"),
    ("pemeliharaan", "Pemeliharaan"),
    ("integrasi", "Integrasi"),
    ("kapabilitas_teknis", "Kapabilitas teknis"),
    ("justifikasi_duplikasi", "Justifikasi duplikasi"),
    ("templat", "Templat"),
    ("perintah_uji", "Perintah uji"),
)


SECTIONS = (
    ("rekaman", "Rekaman"),
    ("kepatuhan", "Kepatuhan"),
    ("kematangan", "Tingkat kematangan SPBE"),
    ("dokumen", "Dokumen"),
    ("sumber", "Kode sumber dan serah terima"),
    ("pipeline", "Hasil pipeline terakhir"),
    ("persetujuan", "Persetujuan dan penolakan"),
    ("rilis", "Riwayat rilis"),
    ("kerentanan", "Dependensi rentan"),
    ("subdomain", "Subdomain"),
    ("waiver", "Pengecualian (waiver)"),
    ("ekspor", "Ekspor"),
)


def app_pages(
    cat: Catalogue,
    site: SiteSources,
    today: dt.date,
    no_publiccode: dict[str, list[str]],
    inputs: Inputs | None = None,
) -> None:
    """One page per app. Only the title and a summary go through Markdown and the search
    index; the sections are one fragment put in after rendering (headings included, so
    the page carries its own table of contents instead of MkDocs' per-page TOC). A page
    whose inputs are those of the last build's page (``inputs``) is not made at all."""
    inputs = inputs or Inputs(cat, today)
    for app in cat.apps.values():
        page = app_page(app.key)
        key = inputs.page(app, no_publiccode.get(app.key))
        if key is not None and site.skip_inputs(page, key):  # same inputs as the last build's page: reused
            continue
        _app_page(cat, site, today, no_publiccode, app)


def _app_page(
    cat: Catalogue,
    site: SiteSources,
    today: dt.date,
    no_publiccode: dict[str, list[str]],
    app: AppView,
) -> None:
    """The page of ``app``, unless its material is that of the last build's page (a registry-wide
    input changed that this page does not show: reused all the same)."""
    page = app_page(app.key)
    opd = cat.opds[app.opd]
    texts: dict[str, Document] = {}  # document placeholder -> the document
    bodies = {
        "rekaman": _record(app),
        "kepatuhan": _compliance(app),
        "dokumen": _documents(cat, app, texts),
        "kematangan": app_section(cat.levels.get(app.key)),
        "sumber": _source(app),
        "pipeline": pipeline_section(app),
        "persetujuan": decisions_section(app),
        "rilis": releases_section(app),
        "kerentanan": vulnerable_section(app),
        "subdomain": _subdomains(app, page),
        "waiver": _waivers(app, today),
        "ekspor": _exports(app, page, no_publiccode.get(app.key)),
    }
    toc = " · ".join(f'<a href="#{ident}">{esc(title)}</a>' for ident, title in SECTIONS)
    head = (
        f"<p>{link(url(page, opd_page(app.opd)), opd.name)} · Aplikasi {esc(app.field('jenis'))} · "
        f"status {esc(app.field('status'))} · {comp.yes_no(app.compliant, 'patuh', 'belum patuh')}"
        + (f" · {comp.example_badge()} rekaman contoh, tidak dihitung dalam angka kepatuhan" if app.example else "")
        + "</p>\n"
        f'<nav class="isi-halaman" aria-label="Isi halaman"><p>Isi halaman: {toc}</p></nav>\n'
    )
    sections = head + "".join(f'<h2 id="{ident}">{esc(title)}</h2>\n{bodies[ident]}\n' for ident, title in SECTIONS)
    top = front(app.name, hide_toc=True) + h1(app.name) + f"<p>{esc(app.field('deskripsi'))}</p>\n\n"
    if site.skip(page, top + sections):  # unchanged since the last build: reused
        return
    for placeholder, doc in texts.items():  # rendering documents is most of the work
        sections = sections.replace(placeholder, render_document(_text_of(doc, placeholder), _doc_link))
    box = site.fragment(page, "rincian", sections)
    site.add(page, top + f'<div class="rincian-aplikasi" data-search-exclude>\n{box}\n</div>\n')


def value(data: Any) -> str:
    """A record value as safe HTML (lists joined, mappings as key: value)."""
    if isinstance(data, dict):
        return "<br>".join(f"{esc(k)}: {value(v)}" for k, v in data.items())
    if isinstance(data, list):
        return ", ".join(value(v) for v in data)
    return esc(data)


def _record(app: AppView) -> str:
    rows = [
        (label, esc(maintenance(app.field(key))) if key == "pemeliharaan" else value(app.field(key)))
        for key, label in RECORD_FIELDS
        if app.field(key) not in ("", None, [])
    ]
    vendors = app.field("vendor") or []
    if isinstance(vendors, list) and vendors:
        rows.append(
            (
                "Vendor",
                "<br>".join(
                    f"{esc(v.get('nama', ''))} (kontrak {esc(v.get('kontrak', '–'))}, "
                    f"berakhir {esc(v.get('berakhir', '–'))})"
                    for v in vendors
                    if isinstance(v, dict)
                ),
            )
        )
    rows.append(("Berkas", f"<code>{esc(app.record.path)}</code>"))
    return table(("Bidang", "Isi"), rows)


def _compliance(app: AppView) -> str:
    cells = [
        (esc(label), app.cells[key].badge(_source_badge(app) if key == "sumber" else None))
        for key, label in comp.REQUIREMENTS
    ]
    out = table(("Persyaratan", "Status"), cells)
    if app.findings:
        rows = [
            (
                esc(f.severity.value),
                f"<code>{esc(f.check_id)}</code>",
                esc(f.text()),
                f"<code>{esc(f.location)}</code>",
                esc(f.hint_text()),
            )
            for f in app.findings
        ]
        out += (
            "\n\n<details><summary>Temuan pemeriksaan ("
            + str(len(rows))
            + ")</summary>\n"
            + table(("Tingkat", "Pemeriksaan", "Pesan", "Lokasi", "Saran"), rows)
            + "\n</details>"
        )
    else:
        out += "\n\n<p>Tidak ada temuan pemeriksaan registri.</p>"
    return out


def _documents(cat: Catalogue, app: AppView, texts: dict[str, Document]) -> str:
    """The documents section with a placeholder per document body (its text's digest: the
    rendering is a function of the text alone); ``texts`` gets placeholder -> document.
    A document loaded by ``lean`` brings the digest of the bytes it was loaded from: its text
    is read only when the page is rendered (``_text_of``)."""
    docs = cat.registry.documents.get(app.key, {})
    parts: list[str] = []
    for kind in comp.DOC_KINDS:
        cell = app.cells[kind]
        parts.append(f'<h3 id="dokumen-{kind}">{esc(DOC_TITLES[kind])}</h3>\n')
        doc = docs.get(kind)
        if doc is None:
            state = (
                cell.badge("belum diserahkan") if cell.status == "gagal" else cell.badge("tidak diwajibkan saat ini")
            )
            parts.append(f'<p class="dokumen-status">{state}</p>\n')
            continue
        state = cell.badge("diserahkan" if cell.status == "ok" else f"diserahkan, {cell.blocking} kekurangan")
        known = getattr(doc, "digest", "")
        body = DOC_PLACEHOLDER.format(known or hashlib.sha256(doc.text.encode("utf-8")).hexdigest())
        texts[body] = doc
        parts.append(
            f'<p class="dokumen-status">{state} · <code>{esc(doc.path)}</code></p>\n'
            f'<details class="dokumen"><summary>Isi dokumen</summary>\n<div class="isi-dokumen">\n'
            f"{body}\n</div>\n</details>\n"
        )
    parts.append(signed_block(cat.registry, app.key))  # signed PDFs (issue 20): who signed, when
    return "\n".join(parts) + "\n\n"


def _text_of(doc: Document, placeholder: str) -> str:
    """The document's text, read now; it must still be the text its placeholder names (the file
    changed since the registry was loaded: the build stops rather than key a page by other text)."""
    text = doc.text
    if DOC_PLACEHOLDER.format(hashlib.sha256(text.encode("utf-8")).hexdigest()) != placeholder:
        raise InputError("catalogue.document-changed", file=doc.path)
    return text


def _doc_link(target: str) -> str | None:
    name = target.split("#", 1)[0].removeprefix("./")
    if name.endswith(".md") and name[:-3] in comp.DOC_KINDS:
        return f"#dokumen-{name[:-3]}"
    return None


def _source_badge(app: AppView) -> str | None:
    """The source cell says what is owed: not handed over, or exempt (central/provincial)."""
    state = handover_state(app.record.data)
    if state in (MISSING, EXEMPT_UNFOUNDED):
        return "belum diserahkan"
    if state == EXEMPT:
        return upkeep_kind(str(_upkeep(app).get("jenis", "pusat"))).lower()
    return None


def _upkeep(app: AppView) -> dict[str, Any]:
    upkeep = app.field("pemeliharaan")
    return upkeep if isinstance(upkeep, dict) else {}


def _handover_note(app: AppView) -> str:
    state = handover_state(app.record.data)
    if state == EXEMPT:
        upkeep = _upkeep(app)
        return f"<p>Kode sumber tidak wajib diserahkan (6.2.4.3): {esc(maintenance(upkeep))}.</p>\n\n"
    owed = [f for f in app.findings if f.check_id in (NOT_HANDED_OVER, NO_BASIS)]
    if not owed:
        return ""
    return "".join(
        f"<p><strong>Kode sumber belum diserahkan</strong> (<code>{esc(f.check_id)}</code>): "
        f"{esc(f.text())} Saran: {esc(f.hint_text())}</p>\n\n"
        for f in owed
    )


def _source(app: AppView) -> str:
    sumber = app.field("sumber")
    out = _handover_note(app)
    if isinstance(sumber, dict):
        out += (
            table(
                ("Bidang", "Isi"),
                [
                    ("Repositori", esc(sumber.get("repo", ""))),
                    ("Commit (pin)", f"<code>{esc(sumber.get('commit', 'belum dipin'))}</code>"),
                    ("Cabang", esc(sumber.get("cabang", "–"))),
                ],
            )
            + "\n\n"
        )
    elif handover_state(app.record.data) != EXEMPT:
        out += "<p>Kode sumber belum diserahkan ke repositori (belum ada pin).</p>\n\n"
    for rel, data in app.handover:
        out += f"<p>Manifes serah terima <code>{esc(rel)}</code>:</p>\n" + _manifest(data) + "\n\n"
    return out


def _manifest(data: Any) -> str:
    """A handover manifest summarised: scalars, one level of nested scalars, lists counted."""
    if not isinstance(data, dict):
        return "<p>Manifes tidak dapat dibaca.</p>"
    rows = []
    for key, item in data.items():
        if isinstance(item, list):
            rows.append((esc(key), f"{len(item)} entri"))
        elif isinstance(item, dict):
            rows.append(
                (
                    esc(key),
                    "<br>".join(
                        f"{esc(k)}: {f'{len(v)} entri' if isinstance(v, list) else esc(v)}"
                        for k, v in item.items()
                        if not isinstance(v, dict)
                    ),
                )
            )
        else:
            rows.append((esc(key), esc(item)))
    return table(("Bidang", "Isi"), rows[:30])


def _subdomains(app: AppView, page: str) -> str:
    if not app.subdomains:
        return NONE
    items = "".join(f"<li>{link(url(page, 'subdomain.md') + '#sub-' + s, s)}</li>" for s in app.subdomains)
    return f"<ul>{items}</ul>\n\n"


def _waivers(app: AppView, today: dt.date) -> str:
    """Waivers as in ``checks/schemas/waivers.schema.json``; an expired one is marked."""
    if not app.waivers:
        return NONE
    rows = []
    for item in app.waivers:
        data = item if isinstance(item, dict) else {}
        target = " · ".join(f"{esc(data[k])}" for k in ("temuan", "sidik", "berkas") if data.get(k)) or "–"
        until = str(data.get("berlaku_sampai") or "")
        expired = bool(until) and until < today.isoformat()
        rows.append(
            (
                target,
                esc(data.get("alasan", "")),
                esc(data.get("disetujui_oleh", "")),
                esc(until or "–") + (" " + comp.badge("gagal", "kedaluwarsa") if expired else ""),
            )
        )
    return table(("Temuan", "Alasan", "Disetujui oleh", "Berlaku sampai"), rows) + "\n\n"


def _exports(app: AppView, page: str, missing: list[str] | None) -> str:
    base = f"ekspor/{app.key}/"
    backstage = f'<li><a href="{esc(url(page, base + "catalog-info.yaml"))}">catalog-info.yaml (Backstage)</a></li>'
    if missing:
        pc = "<li>publiccode.yml belum dapat dibuat; belum ada: " + esc("; ".join(missing)) + "</li>"
    else:
        pc = f'<li><a href="{esc(url(page, base + "publiccode.yml"))}">publiccode.yml</a></li>'
    return f"<ul>{pc}{backstage}</ul>\n"
