"""Incremental builds: app pages whose sources did not change are taken from the last site.

A rendered app page is a function of its sources (Markdown and fragments: the digest
``StreamSources`` keeps), the site-wide inputs (the generated ``mkdocs.yml`` without its
footer, the guides, whose titles are in every page's navigation, and the generator:
this package, MkDocs and the theme) and the footer (build date and commit). A build
stores a manifest of what it made (``MANIFEST``: each page's key, the digest of its HTML
file, the file's status (``statkey``) and, for an app page, its inputs key; the same for the
exports; the search index's digest). The next build trusts it only when it parses, the
site-wide digest is the same and every file it reuses still has the digest recorded (known
without reading it when its status is provably the recorded one: ``statkey``); anything
else, and every page is rendered again. A reused page gets the new footer (the only text in
it that depends on the build), so an incremental site equals a clean build of the same
registry, file for file.

Every generated page is reused this way, not only app pages: an app page is keyed first by
its inputs (``inputs``: nothing of it is made when they are the last build's,
``StreamSources.skip_inputs``), then by its material before its documents are rendered
(``StreamSources.skip``: a registry-wide input changed that the page does not show), any
other generated page (the index pages, the OPD pages) by the digest of its Markdown and
fragments once generated.
App pages are left out of MkDocs' file list (``drop``: nothing links to them through
Markdown and they are not in the navigation); the others keep their place in the
navigation and are converted from nothing, their output being the reused HTML
(``substitute``), so every other page's navigation is what a clean build makes.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import repospbe
from repospbe.catalogue import statkey
from repospbe.catalogue.exportcache import Paths, digest, link_own
from repospbe.catalogue.findcache import DIR
from repospbe.catalogue.site_model import html_path, is_app_page
from repospbe.catalogue.stream import walk_files

MANIFEST = "manifest-katalog.json"
FORMAT = "repospbe-katalog-manifest/2"
REUSE_DIR = "pakai-ulang"
GUESS_DIR = "pakai-ulang.dugaan"  # the MkDocs process's app pages, made ready before it knows which (``guess``)
FOOTER_HTML = '<div class="md-copyright__highlight">\n      {}\n'
_PACKAGE = Path(__file__).parent


def generator_digest() -> str:
    """This package's code and assets, and the versions of what renders the pages."""
    h = hashlib.sha256()
    for name in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2"):
        try:
            h.update(f"{name}={importlib.metadata.version(name)}\n".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"{name}=-\n".encode())
    h.update(f"repospbe={getattr(repospbe, '__version__', '')}\n".encode())
    for rel, path in walk_files(_PACKAGE):
        if rel.endswith((".py", ".css", ".js", ".html", ".svg")):
            h.update(f"{rel}\0".encode() + path.read_bytes() + b"\0")
    return h.hexdigest()


def site_digest(config_text: str, guides: list[tuple[str, Path]]) -> str:
    """Everything besides its own material that an app page's HTML depends on: ``config_text`` is
    the configuration with a placeholder footer (the footer is put into reused pages), ``guides``
    (page, file) the hand-written guides, whose titles are in every page's navigation."""
    h = hashlib.sha256(generator_digest().encode())
    h.update(config_text.encode("utf-8"))
    for rel, path in sorted(guides):
        h.update(f"\0{rel}\0".encode() + path.read_bytes())
    return h.hexdigest()


def reusable(base: dict[str, Any]) -> bool:
    """Whether pages of a site built from the configuration ``base`` depend only on what
    ``site_digest`` covers: no templates, hooks or inherited settings from files, no plugin
    but search (a plugin may make a page depend on others), no sitemap of every page, no link
    validation settings (a reused index page is converted from nothing: it has no anchors)."""
    theme = base.get("theme")
    plugins = base.get("plugins") or []
    names = {p if isinstance(p, str) else next(iter(p), "") for p in plugins if isinstance(p, (str, dict))}
    return (
        not any(base.get(k) for k in ("site_url", "hooks", "INHERIT", "extra_templates", "validation"))
        and not (isinstance(theme, dict) and theme.get("custom_dir"))
        and isinstance(plugins, list)
        and names <= {"search"}
    )


@dataclass
class Reuse:
    """What the last build left that this one takes: app page -> HTML file made ready in ``REUSE_DIR``."""

    pages: dict[str, str] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)  # page -> digest of its new HTML

    @property
    def dropped(self) -> list[str]:
        """Reused pages MkDocs leaves out of its files: the app pages."""
        return sorted(p for p in self.pages if is_app_page(p))

    def substitute(self, out: Path) -> dict[str, str]:
        """Reused pages MkDocs keeps in its navigation: page -> the prepared HTML file."""
        return {p: str(out / REUSE_DIR / rel) for p, rel in sorted(self.pages.items()) if not is_app_page(p)}

    @property
    def apps(self) -> int:
        return sum(1 for p in self.pages if is_app_page(p))


def load_manifest(out: Path, site: Path) -> dict[str, Any] | None:
    """The last build's manifest, when it is ours, well-formed and its search index is unchanged."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        index = (site / "search" / "search_index.json").read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("search") != digest(index):
        return None
    pages, common, footer = data.get("pages"), data.get("common"), data.get("footer")
    if not isinstance(pages, dict) or not isinstance(common, str) or not isinstance(footer, str):
        return None
    exports = data.setdefault("exports", {})
    if not isinstance(data.setdefault("temuan", ""), str) or type(data.setdefault("waktu", 0)) is not int:
        return None
    if not isinstance(exports, dict) or not all(_entry(v) for v in [*pages.values(), *exports.values()]):
        return None
    return data


def _entry(value: Any) -> bool:
    """[key, digest of the file, status of the file (``statkey``), inputs key or ""]."""
    return isinstance(value, list) and len(value) == 4 and all(isinstance(x, str) for x in value)


class Untrusted(Exception):  # noqa: N818 - a verdict on the last build, not an error shown to anyone
    """Something of the last build is not what its manifest says: nothing of it is taken and
    every page and export is made again (``build_catalogue`` builds afresh)."""


def plan(manifest: dict[str, Any], pages: set[str]) -> Reuse:
    """The reuse of ``pages`` (unchanged pages) as the manifest records them; their files are made
    ready by ``prepare``. Untrusted when the manifest does not name one."""
    reuse = Reuse()
    for page in sorted(pages):
        entry = manifest["pages"].get(page)
        if entry is None:
            raise Untrusted(page)
        reuse.pages[page], reuse.digests[page] = html_path(page), entry[1]
    return reuse


def prepare(out: Path, manifest: dict[str, Any], footer: str, reuse: Reuse, apps: bool) -> None:
    """Make ready the last site's HTML of the reused pages, with the new footer: the pages MkDocs
    substitutes (``apps`` False: done first, MkDocs reads them) or the app pages (``apps`` True:
    while MkDocs renders; ``app_spec`` lets the MkDocs process do it instead).

    Every file is checked against the manifest (by its status when the footer stays: ``statkey``;
    read and digested otherwise); one that does not match makes the whole last build Untrusted."""
    site, ready = out / "site", out / REUSE_DIR
    old_footer = FOOTER_HTML.format(manifest["footer"]).encode("utf-8")
    new_footer = FOOTER_HTML.format(footer).encode("utf-8")
    if apps and old_footer == new_footer:
        ready_pages(app_spec(out, manifest, reuse))
        return
    paths, trust = Paths(), statkey.StatTrust(manifest["waktu"])
    same = old_footer == new_footer
    for page, rel in sorted(reuse.pages.items()):
        if is_app_page(page) != apps:
            continue
        target = ready / rel
        paths.parent_of(target)
        if same and trust.same(site / rel, manifest["pages"][page][2]) and link_own(site, rel, target, paths):
            continue  # provably the file the manifest recorded: no read
        data = _checked(site / rel, manifest["pages"][page][1], old_footer)
        if data is None:
            raise Untrusted(rel)
        if not same:
            data = data.replace(old_footer, new_footer)
            reuse.digests[page] = digest(data)
        if not same or not link_own(site, rel, target, paths):
            target.write_bytes(data)


def app_spec(out: Path, manifest: dict[str, Any], reuse: Reuse) -> dict[str, Any]:
    """What making the reused app pages ready needs when their footer stays (``ready_pages``: in this
    process or in the MkDocs one), as plain data."""
    pages = [[rel, *manifest["pages"][p][1:3]] for p, rel in sorted(reuse.pages.items()) if is_app_page(p)]
    footer = FOOTER_HTML.format(manifest["footer"])
    site, ready = str(out / "site"), str(out / REUSE_DIR)
    return {"site": site, "ready": ready, "since": manifest["waktu"], "footer": footer, "pages": pages}


def ready_pages(spec: dict[str, Any]) -> None:
    """Give each app page of ``spec["pages"]`` ([rel, digest, status] each) a second name in the ready
    directory, the same file (a copy where it cannot); Untrusted when one is not what the manifest says."""
    failed = _ready(spec, spec["pages"])
    if failed:
        raise Untrusted(failed[0])


def _ready(spec: dict[str, Any], pages: list[list[str]]) -> list[str]:
    """``ready_pages`` of ``pages``; returns those that are not what the manifest says."""
    site, ready, footer = Path(spec["site"]), Path(spec["ready"]), str(spec["footer"]).encode("utf-8")
    paths, trust, failed = Paths(), statkey.StatTrust(int(spec["since"])), []
    for rel, recorded, status in pages:
        target = ready / rel
        paths.parent_of(target)
        if trust.same(site / rel, status) and link_own(site, rel, target, paths):
            continue  # provably the file the manifest recorded: no read
        data = _checked(site / rel, recorded, footer)
        if data is None:
            failed.append(rel)
        elif not link_own(site, rel, target, paths):
            target.write_bytes(data)
    return failed


def guess(out: Path, footer: str) -> dict[str, Any] | None:
    """Before it knows which app pages the build reuses (while the registry is collected), the MkDocs
    process makes every app page of the last manifest ready in ``GUESS_DIR`` when the footer stays
    (``footer``: this build's): those are the pages an incremental build reuses, all but the changed
    ones. Returns the spec it made them by (None: nothing guessed). ``settle_guess`` keeps the reused."""
    manifest = load_manifest(out, out / "site")
    if manifest is None or manifest["footer"] != footer:
        return None
    reuse = Reuse({p: html_path(p) for p in manifest["pages"] if is_app_page(p)})
    spec = {**app_spec(out, manifest, reuse), "ready": str(out / GUESS_DIR)}
    spec["failed"] = _ready(spec, spec["pages"])
    spec["search"] = last_entries(out / "site" / "search" / "search_index.json")  # the same as the manifest's
    return spec


def settle_guess(guessed: dict[str, Any] | None, spec: dict[str, Any]) -> None:
    """Make ``GUESS_DIR`` hold exactly the app pages of ``spec`` (the reused ones, as the build says):
    those not guessed, or guessed by another manifest, are made ready now (Untrusted when one is not
    what the manifest says); the guessed ones not reused are removed."""
    wanted = {rel: [rel, digest_, status] for rel, digest_, status in spec["pages"]}
    have: set[str] = set()
    if guessed is not None and guessed["since"] == spec["since"] and guessed["footer"] == spec["footer"]:
        known = {rel: [rel, d, st] for rel, d, st in guessed["pages"]}
        have = {rel for rel, entry in known.items() if wanted.get(rel) == entry} - set(guessed["failed"])
        for rel in set(known) - have - set(guessed["failed"]):
            (Path(guessed["ready"]) / rel).unlink(missing_ok=True)
    else:
        shutil.rmtree(Path(spec["ready"]), ignore_errors=True)
    failed = _ready(spec, [entry for rel, entry in sorted(wanted.items()) if rel not in have])
    if failed:
        raise Untrusted(failed[0])


def _checked(path: Path, recorded: str, footer: bytes) -> bytes | None:
    """The bytes of the last site's page at ``path`` when they have the ``recorded`` digest and
    the last footer once (None otherwise)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if digest(data) == recorded and data.count(footer) == 1 else None


def search_spec(out: Path, reuse: Reuse) -> dict[str, Any]:
    """What ``merge_search`` needs, as plain data: the last index, the reused pages, the substituted ones."""
    return {
        "last": str(out / "site" / "search" / "search_index.json"),
        "reused": sorted(html_path(p) for p in reuse.pages),
        "emptied": sorted(html_path(p) for p in reuse.substitute(out)),
    }


def merge_search(staging: Path, spec: dict[str, Any], last: list[dict[str, Any]] | None = None) -> None:
    """Put the reused pages' entries of the last search index into the new one (the substituted pages,
    converted from nothing, have theirs replaced); ``last``: that index's entries, read already
    (``last_entries``)."""
    index_path = staging / "search" / "search_index.json"
    if not index_path.exists():
        return
    reused, emptied = set(spec["reused"]), set(spec["emptied"])
    if last is None:
        last = last_entries(Path(spec["last"])) if reused else []
    index = json.loads(index_path.read_text(encoding="utf-8"))
    fresh = [d for d in index.get("docs", []) if _location(d) not in emptied]
    index["docs"] = order(fresh + [d for d in last if _location(d) in reused])
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def last_entries(index: Path) -> list[dict[str, Any]]:
    """The entries of the last site's search index."""
    docs = json.loads(index.read_text(encoding="utf-8")).get("docs", [])
    return docs if isinstance(docs, list) else []


def _location(entry: dict[str, Any]) -> str:
    return str(entry.get("location", "")).split("#", 1)[0]


def install(staging: Path, out: Path, reuse: Reuse, searched: bool = False, guessed: bool = False) -> None:
    """Move the reused app pages into the new site (an OPD's directory whole when MkDocs rendered
    none of its pages; from ``GUESS_DIR`` when the MkDocs process made them ready, ``guessed``) and,
    unless the MkDocs process did (``searched``), add the reused pages' search entries to its index."""
    ready = out / (GUESS_DIR if guessed else REUSE_DIR) / "aplikasi"
    if reuse.dropped and ready.is_dir():
        (staging / "aplikasi").mkdir(parents=True, exist_ok=True)
        for opd in sorted(os.listdir(ready)):  # only app pages are there: aplikasi/<opd>/<app>.html
            target = staging / "aplikasi" / opd
            if not target.exists():
                (ready / opd).rename(target)
                continue
            for name in sorted(os.listdir(ready / opd)):
                if (target / name).exists():
                    raise Untrusted(f"aplikasi/{opd}/{name}")  # rendered and reused: never both
                (ready / opd / name).replace(target / name)
    if not searched:
        merge_search(staging, search_spec(out, reuse))


def order(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One order of search entries whoever rendered them: by page, each page's entries as rendered."""
    return sorted(docs, key=lambda d: str(d.get("location", "")).split("#", 1)[0])


def write_manifest(
    out: Path,
    site: Path,
    common: str,
    footer: str,
    sources: dict[str, list[str]],
    reuse: Reuse,
    exports: dict[str, list[str]] | None = None,
    findings: str = "",
) -> None:
    """Record what this build made (``sources``: generated page -> [its key, its inputs key or ""];
    ``exports``: export -> [its key, its inputs key or "", digest of its file]; ``findings``: the
    digest of the checks' findings cache, ``findcache``), each file with its status (``statkey``)
    taken after the moment ``waktu``."""
    since = statkey.probe(out / DIR)
    pages = {
        p: [k, reuse.digests.get(p) or digest((site / html_path(p)).read_bytes()), _status(site / html_path(p)), i]
        for p, (k, i) in sorted(sources.items())
    }
    files = {rel: [k, d, _status(site / rel), i] for rel, (k, i, d) in (exports or {}).items()}
    index = site / "search" / "search_index.json"
    data = {
        "format": FORMAT,
        "common": common,
        "footer": footer,
        "search": digest(index.read_bytes()) if index.exists() else "",
        "pages": pages,
        "exports": files,
        "temuan": findings,
        "waktu": since,
    }
    tmp = out / (MANIFEST + ".baru")
    tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    tmp.replace(out / MANIFEST)


def _status(path: Path) -> str:
    return statkey.key(path) or ""
