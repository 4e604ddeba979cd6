"""All generated sources of the catalogue: pages, fragments, chart, exports."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import yaml

from repospbe.catalogue import (
    exports,
    pages_app,
    pages_audit,
    pages_home,
    pages_lists,
    pages_maturity,
    pages_opd,
    pages_vulnerable,
)
from repospbe.catalogue.collect import Catalogue
from repospbe.catalogue.inputs import Inputs
from repospbe.catalogue.reuse import Untrusted
from repospbe.catalogue.site_model import SiteSources

GENERATED_NAV: tuple[tuple[str, str], ...] = (
    ("Beranda", "index.md"),
    ("Perangkat Daerah", "opd.md"),
    ("Aplikasi", "aplikasi.md"),
    ("Aplikasi Umum", "aplikasi-umum.md"),
    ("Subdomain", "subdomain.md"),
    ("Matriks kepatuhan", "kepatuhan.md"),
    ("Kematangan SPBE", "kematangan.md"),
    ("Dependensi rentan", "kerentanan.md"),
    ("Log audit", "audit.md"),
    ("Reviewer", "reviewer.md"),
)
GUIDES_HOME = "panduan.md"


def generate(
    cat: Catalogue, commit: str, today: dt.date, site: SiteSources | None = None, registry_wide: bool = True
) -> SiteSources:
    """Every page, fragment and export of the catalogue of ``cat``, into ``site`` (default: in memory);
    ``registry_wide``: the registry-wide exports too (otherwise the caller makes them later:
    ``registry_exports``)."""
    site = SiteSources() if site is None else site
    inputs = Inputs(cat, today)
    no_publiccode = _exports(cat, site, inputs)
    pages_home.home(cat, site, commit, today)
    pages_opd.opd_list(cat, site)
    pages_opd.opd_pages(cat, site)
    pages_lists.apps_index(cat, site)
    pages_app.app_pages(cat, site, today, no_publiccode, inputs)
    pages_lists.common_apps(cat, site)
    pages_lists.subdomains(cat, site)
    pages_lists.matrix(cat, site)
    pages_maturity.maturity_page(cat, site)
    pages_vulnerable.vulnerable_page(cat, site)
    pages_audit.audit_log(cat, site, pages_lists.FILTER)
    pages_lists.reviewers(cat, site)
    if registry_wide:
        registry_exports(cat, site, commit)
    return site


def _exports(cat: Catalogue, site: SiteSources, inputs: Inputs) -> dict[str, list[str]]:
    """Each app's exports (keyed by the app's inputs when it has a key: an unchanged app's are
    taken from the last site without being made); returns app -> why it has no publiccode.yml."""
    missing: dict[str, list[str]] = {}
    for app in cat.apps.values():
        base = f"ekspor/{app.key}/"
        pc, backstage = base + "publiccode.yml", base + "catalog-info.yaml"
        pc_key, backstage_key = inputs.export(app, pc), inputs.export(app, backstage)
        # A publiccode.yml the last build wrote for the same inputs: it had nothing missing.
        if pc_key is None or not site.reuse_export(pc, pc_key):
            doc, reasons = exports.publiccode(cat, app)
            if doc is None:
                missing[app.key] = reasons
            else:
                site.export(pc, doc, dump_yaml, pc_key)
        if backstage_key is None or not site.reuse_export(backstage, backstage_key):
            site.export(backstage, exports.backstage_component(cat, app), dump_yaml, backstage_key)
    return missing


def redo_exports(cat: Catalogue, site: SiteSources, today: dt.date, rels: list[str]) -> None:
    """Make the app exports ``rels`` that were promised from the last site but could not be taken
    (``StreamSources.settle_exports``). The same inputs made a publiccode.yml last time; none now
    means the last build is not what its manifest says (``Untrusted``)."""
    inputs = Inputs(cat, today)
    for rel in rels:
        app = cat.apps["/".join(rel.split("/")[1:3])]
        if rel.endswith("/publiccode.yml"):
            doc, _ = exports.publiccode(cat, app)
            if doc is None:
                raise Untrusted(rel)
            site.export(rel, doc, dump_yaml, inputs.export(app, rel))
        else:
            site.export(rel, exports.backstage_component(cat, app), dump_yaml, inputs.export(app, rel))


def registry_exports(cat: Catalogue, site: SiteSources, commit: str) -> None:
    """The exports of the whole registry: the Backstage groups and ``catalogue.json``."""
    groups = exports.backstage_groups(cat)
    site.after_build["ekspor/backstage-groups.yaml"] = yaml.dump_all(
        groups, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True
    )
    # Compact: the C encoder (an indented dump takes the pure-Python one, ten times slower).
    site.after_build["ekspor/catalogue.json"] = (
        json.dumps(exports.catalogue_json(cat, commit), ensure_ascii=False, separators=(",", ":")) + "\n"
    )


def dump_yaml(data: Any) -> str:
    return str(yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True))
