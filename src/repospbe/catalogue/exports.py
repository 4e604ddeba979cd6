"""Exports for other systems: publiccode.yml, Backstage entities, catalogue.json (Satu Data).

Every export is built from the same registry view as the pages. A publiccode.yml
is only written when the registry holds what the standard makes mandatory (a
source repository URL and an SPDX licence); otherwise the reasons are returned
and shown on the app's page.
"""

from __future__ import annotations

import re
from typing import Any

from repospbe.catalogue import compliance as comp
from repospbe.catalogue.collect import AppView, Catalogue

PUBLICCODE_VERSION = "0.4"
DEV_STATUS = {"usulan": "concept", "pengembangan": "development", "produksi": "stable", "dihentikan": "obsolete"}
LIFECYCLE = {
    "usulan": "experimental",
    "pengembangan": "experimental",
    "produksi": "production",
    "dihentikan": "deprecated",
}
_URL = re.compile(r"^(https?|ssh|git)://[^\s]+$")
_SCP = re.compile(r"^git@([^:\s]+):(\S+)$")
_SPDX = re.compile(r"^[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*$")
_SENTENCE = re.compile(r"^(.+?[.!?])(\s|$)")


def repo_url(repo: str) -> str | None:
    """The source repository as a URL (scp-like ``git@host:path`` becomes ``ssh://``)."""
    if _URL.match(repo):
        return repo
    scp = _SCP.match(repo)
    return f"ssh://git@{scp.group(1)}/{scp.group(2)}" if scp else None


def publiccode(cat: Catalogue, app: AppView) -> tuple[dict[str, Any] | None, list[str]]:
    """The publiccode.yml mapping of ``app``, or None and why it cannot be made."""
    sumber = app.field("sumber")
    url = repo_url(str(sumber.get("repo", ""))) if isinstance(sumber, dict) else None
    licence = str(app.field("lisensi") or "")
    missing = []
    if url is None:
        missing.append("URL repositori kode sumber (sumber.repo)")
    if not _SPDX.match(licence):
        missing.append("lisensi SPDX (lisensi)")
    maintenance = _maintenance(cat, app)
    if maintenance is None:
        missing.append("pemeliharaan (jenis, penyedia dan tanggal berakhir kontrak)")
    if missing or url is None or maintenance is None:
        return None, missing
    doc: dict[str, Any] = {
        "publiccodeYmlVersion": PUBLICCODE_VERSION,
        "name": app.name,
        "url": url,
        "platforms": ["web"],
        "developmentStatus": DEV_STATUS.get(str(app.field("status")), "development"),
        "softwareType": "standalone/web",
        "description": {"id": _description(cat, app)},
        "legal": {"license": licence},
        "maintenance": maintenance,
        "localisation": {"localisationReady": False, "availableLanguages": ["id"]},
    }
    landing = _landing(cat, app)
    if landing:
        doc["landingURL"] = landing
    if app.field("hak_cipta"):
        doc["legal"]["mainCopyrightOwner"] = str(app.field("hak_cipta"))
    if app.releases:
        doc["softwareVersion"] = app.releases[-1].version
        if re.match(r"^\d{4}-\d{2}-\d{2}", app.releases[-1].time):
            doc["releaseDate"] = app.releases[-1].time[:10]
    users = _users(cat, app)
    if users:
        doc["usedBy"] = users
    return doc, []


def _description(cat: Catalogue, app: AppView) -> dict[str, Any]:
    text = " ".join(str(app.field("deskripsi") or app.name).split())
    first = _SENTENCE.match(text)
    short = first.group(1) if first else text
    if len(short) > 150:
        short = short[:149].rstrip() + "…"
    opd = cat.opds[app.opd].name
    facts = (
        f"Aplikasi {app.field('jenis')} milik {opd}, {cat.title}, berstatus {app.field('status')}. "
        f"Terdaftar di Repositori Aplikasi SPBE {cat.title} sebagai {app.key}."
    )
    long = f"{text}\n\n{facts}"
    if len(long) < 150:
        long += "\n\nRekaman lengkap, dokumen dan hasil pemeriksaan ada di katalog Repositori Aplikasi SPBE."
    features = [str(f).replace("-", " ") for f in app.field("fungsi") or []] or [app.name]
    return {"shortDescription": short, "longDescription": long[:10000], "features": features}


def _maintenance(cat: Catalogue, app: AppView) -> dict[str, Any] | None:
    data = app.field("pemeliharaan")
    kind = data.get("jenis") if isinstance(data, dict) else None
    if kind == "vendor":
        name = data.get("penyedia") if isinstance(data, dict) else None
        until = data.get("berakhir") if isinstance(data, dict) else None
        if not name or not until:
            return None
        return {"type": "contract", "contractors": [{"name": str(name), "until": str(until)}]}
    if kind in ("swakelola", "pusat"):
        return {"type": "internal", "contacts": _contacts(cat, app)}
    return None


def _contacts(cat: Catalogue, app: AppView) -> list[dict[str, str]]:
    opd = cat.opds[app.opd]
    people = opd.record.get("pengelola") if opd.record else None
    contacts = [
        {"name": str(p["nama"]), "affiliation": opd.name}
        for p in (people if isinstance(people, list) else [])
        if isinstance(p, dict) and p.get("nama")
    ]
    return contacts or [{"name": opd.name, "affiliation": cat.title}]


def _landing(cat: Catalogue, app: AppView) -> str | None:
    for address in app.field("alamat") or []:
        if isinstance(address, str) and address.startswith(("http://", "https://")):
            return address
    if app.subdomains and cat.registry.domain:
        return f"https://{app.subdomains[0]}.{cat.registry.domain}/"
    return None


def _users(cat: Catalogue, app: AppView) -> list[str]:
    users = app.field("pengguna") or []
    return [cat.opds[u].name if u in cat.opds else str(u) for u in users if isinstance(u, str)]


def backstage_component(cat: Catalogue, app: AppView) -> dict[str, Any]:
    """A Backstage ``Component`` owned by the ``Group`` of the app's OPD."""
    annotations = {f"{cat.registry.domain or 'repospbe'}/registri": app.record.path}
    sumber = app.field("sumber")
    url = repo_url(str(sumber.get("repo", ""))) if isinstance(sumber, dict) else None
    if url:
        annotations["backstage.io/source-location"] = f"url:{url}"
    meta: dict[str, Any] = {
        "name": app.slug,
        "title": app.name,
        "description": " ".join(str(app.field("deskripsi") or "").split())[:1000],
        "annotations": annotations,
        "tags": [t for t in (str(app.field("jenis")), str(app.field("status"))) if t],
    }
    landing = _landing(cat, app)
    if landing:
        meta["links"] = [{"url": landing, "title": "Situs aplikasi"}]
    return {
        "apiVersion": "backstage.io/v1alpha1",
        "kind": "Component",
        "metadata": meta,
        "spec": {
            "type": "website",
            "lifecycle": LIFECYCLE.get(str(app.field("status")), "experimental"),
            "owner": f"group:default/{app.opd}",
        },
    }


def backstage_groups(cat: Catalogue) -> list[dict[str, Any]]:
    """One ``Group`` entity per OPD (``type: opd``), children by ``induk``."""
    children: dict[str, list[str]] = {}
    for code, opd in cat.opds.items():
        parent = opd.record.get("induk") if opd.record else None
        if isinstance(parent, str) and parent in cat.opds:
            children.setdefault(parent, []).append(f"group:default/{code}")
    groups = []
    for code, opd in cat.opds.items():
        spec: dict[str, Any] = {"type": "opd", "children": sorted(children.get(code, []))}
        parent = opd.record.get("induk") if opd.record else None
        if isinstance(parent, str) and parent in cat.opds:
            spec["parent"] = f"group:default/{parent}"
        groups.append(
            {
                "apiVersion": "backstage.io/v1alpha1",
                "kind": "Group",
                "metadata": {"name": code, "title": opd.name},
                "spec": spec,
            }
        )
    return groups


def catalogue_json(cat: Catalogue, commit: str) -> dict[str, Any]:
    """One document for other systems (Satu Data): OPDs, apps with compliance, subdomains."""
    return {
        "format": "repospbe-katalog",
        "versi": 1,
        "pemda": cat.title,
        "domain": cat.registry.domain,
        "commit_registri": commit,
        "opd": [
            {"kode": o.code, "nama": o.name, "aplikasi": o.apps, "subdomain": o.subdomains} for o in cat.opds.values()
        ],
        "aplikasi": [_app_json(a) for a in cat.apps.values()],
        "subdomain": [
            {
                "nama": label,
                "opd": rec.get("opd"),
                "aplikasi": comp.subdomain_owner(cat.registry, label),
                "tujuan": rec.get("tujuan"),
            }
            for label, rec in sorted(cat.registry.subdomains.items())
        ],
    }


def _app_json(app: AppView) -> dict[str, Any]:
    record = app.record.data if isinstance(app.record.data, dict) else {}
    keep = ("id", "nama", "jenis", "fungsi", "status", "deskripsi", "pengguna", "lisensi", "alamat", "subdomain")
    return {
        "kunci": app.key,
        "opd": app.opd,
        **{k: record[k] for k in keep if k in record},
        "patuh": app.compliant,
        "contoh": app.example,  # an example record: never counted in compliance figures
        "temuan_memblokir": app.blocking,
        "persyaratan": {key: app.cells[key].status for key, _ in comp.REQUIREMENTS},
        "pipeline_terakhir": app.pipeline.status if app.pipeline else None,
        "rilis_terakhir": app.releases[-1].version if app.releases else None,
    }
