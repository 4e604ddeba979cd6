"""Build the catalogue: generate sources on disk, run MkDocs, finish the site.

Layout of ``out`` (never the checkout's ``docs/``)::

    out/.repospbe-katalog     marker: this directory belongs to the catalogue build
    out/mkdocs.yml            the derived configuration (plain MkDocs)
    out/docs/                 generated pages + a copy of the hand-written guides
    out/sisipan/              the pages' fragments (``stream``), put in as MkDocs writes
    out/ekspor.baru/          the exports, moved into the site when it is complete
    out/ekspor.sisa/          the last site's export directories, emptied, for the next build (``spare``)
    out/manifest-katalog.json what the last build made (``reuse``: incremental builds)
    out/.temuan-katalog/      private (0700): the checks' findings, parsed records and documents'
                              digests of the last build (``findcache``, ``recordcache``, ``filecache``)
    out/site/                 the finished site (replaced whole, only when complete)

A crash leaves a complete site: the new one is made whole in ``out/site.baru`` (MkDocs'
output, the reused pages and exports moved or linked in) while ``out/site`` is never
written; then two renames swap them (``site`` -> ``site.lama``, ``site.baru`` -> ``site``)
and a build that finds ``site.lama`` without ``site`` (stopped between the two) renames it
back first. What the new site takes from the old one it takes as a second name of the same
file (a hard link: no copy, and the old site stays whole) or as a copy; nothing of the old
site is moved or written before the swap.

Sources are written as they are generated and only their digests are kept; document
texts are read again page by page; MkDocs drops each page's content once it is
written. Memory therefore holds the registry's records and findings, not its pages.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import gc
import shutil
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from repospbe.catalogue import reuse as cache
from repospbe.catalogue import shard, spare
from repospbe.catalogue.collect import Catalogue, collect
from repospbe.catalogue.config import ASSET_CSS, ASSET_JS, base_config, catalogue_config, dump, guides_dir
from repospbe.catalogue.exportcache import ExportCache
from repospbe.catalogue.findcache import DIR, FindingsStore
from repospbe.catalogue.generate import generate, redo_exports, registry_exports
from repospbe.catalogue.guides import copy_guides, guide_files
from repospbe.catalogue.mkdocs import Job, run_mkdocs
from repospbe.catalogue.stream import StreamSources, only_plain, prune, walk_files, write
from repospbe.catalogue.worker import Worker
from repospbe.errors import InputError
from repospbe.git.runner import git_text
from repospbe.governance import query
from repospbe.i18n import t
from repospbe.writefile import write_atomic

MARKER_FILE = ".repospbe-katalog"
TEMPLATES = f"{DIR}/templat"  # the theme's compiled templates (``mkdocs.Job.templates``)
ASSETS = Path(__file__).parent / "assets"


@dataclass(frozen=True)
class BuildResult:
    out: Path
    site: Path
    apps: int
    pages: int
    search_index_bytes: int
    compliant: int = 0  # among the counted apps (examples marked contoh: true are never counted)
    counted: int = 0  # apps that count in figures: all but the examples
    reused: int = 0  # app pages taken unchanged from the previous build
    reused_other: int = 0  # other generated pages (index and OPD pages) taken unchanged


def build_catalogue(
    root: Path,
    out: Path,
    today: dt.date | None = None,
    strict: bool = True,
    workers: int | None = None,
    shard_min: int = shard.MIN_PAGES,
    since: str | None = None,
    collected: Catalogue | None = None,
    incremental: bool = True,
) -> BuildResult:
    """Build the catalogue of the registry at ``root`` into ``out``.

    ``workers``: MkDocs processes (None: two when there are two cores and at least
    ``shard_min`` app pages to render). ``collected``: the result of ``collect(root, since)``
    when the caller already has it. ``incremental``: reuse the unchanged app pages of the
    last build in ``out`` when its manifest is trusted (``reuse``; when something of it turns
    out not to be what the manifest says, the catalogue is built afresh)."""
    options = Options(today, strict, workers, shard_min, since)
    collecting = gc.isenabled()
    try:
        try:
            return _build(root, out, options, collected, incremental, collecting)
        except cache.Untrusted:
            return _build(root, out, options, collected, False, collecting)
    finally:
        if collecting:
            gc.enable()


@dataclass(frozen=True)
class Options:
    today: dt.date | None
    strict: bool
    workers: int | None
    shard_min: int
    since: str | None


def _build(
    root: Path, out: Path, options: Options, collected: Catalogue | None, incremental: bool, collecting: bool
) -> BuildResult:
    root, out = root.resolve(), out.resolve()
    _check_out(root, out)
    last = cache.load_manifest(out, out / "site") if incremental else None
    for scratch in (cache.REUSE_DIR, cache.GUESS_DIR):  # what a stopped build left: never installed
        shutil.rmtree(out / scratch, ignore_errors=True)
    two = last is not None and shard.two_cores(options.workers)
    worker = Worker.start(out, footer()) if two else None
    try:
        return _build_with(root, out, options, collected, last, worker, collecting)
    finally:
        if worker is not None and not worker.done:
            worker.cancel()


@dataclass(frozen=True)
class _Site:
    """What this build's pages depend on besides the registry, and what of the last build it trusts."""

    commit: str
    day: dt.date
    footer: str
    common: str  # ``reuse.site_digest``
    guides: list[tuple[str, Path]]
    config: str  # the ``mkdocs.yml`` written
    manifest: dict[str, Any] | None  # the last build's, when its site-wide inputs are this one's

    @property
    def guide_pages(self) -> list[str]:
        return [rel for rel, _ in self.guides if rel.endswith(".md")]


def _build_with(
    root: Path,
    out: Path,
    options: Options,
    collected: Catalogue | None,
    last: dict[str, Any] | None,
    worker: Worker | None,
    collecting: bool,
) -> BuildResult:
    gc.disable()  # while the registry is collected: see ``_settle``
    findings = FindingsStore.open(out, last.get("temuan") if last else None)
    with query.snapshot(root):  # the governance refs read once for every app
        cat = collected or collect(root, options.since, findings)
    kept = None
    if worker is None:
        kept = findings.save(out)  # written now: the build holds no more of it
        _settle(collecting)  # with a worker, MkDocs renders elsewhere: the collector stays off
    site = _site(root, cat, options, last)
    sources = _sources(cat, site, out)
    last_keys = {page: entry[0] for page, entry in site.manifest["pages"].items()} if site.manifest else {}
    unchanged = {p for p, k in sources.page_keys().items() if last_keys.get(p) == k}  # app pages: the skipped
    reused = cache.plan(site.manifest, unchanged) if site.manifest else cache.Reuse()
    if site.manifest:
        cache.prepare(out, site.manifest, site.footer, reused, apps=False)
    write_atomic(out / "mkdocs.yml", site.config)
    counts = (len(cat.apps), sum(1 for k in cat.counted() if cat.apps[k].compliant), len(cat.counted()))
    staging = _fresh(out / "site.baru", create=False)
    job = Job(str(out / "mkdocs.yml"), str(staging), options.strict, str(out / "sisipan"), sources.fragment_index())
    job = replace(job, drop=reused.dropped, substitute=reused.substitute(out), templates=str(out / TEMPLATES))
    render = frozenset(sources.pages) - set(reused.pages)
    opds = shard.plan(render, options.workers, options.shard_min)
    rest = (cat, sources, site, out, reused)
    searched = worker is not None and not opds
    guessed = False
    if worker is not None and searched:
        after = _after(out, site, reused)
        worker.run(replace(job, after=after))  # it renders and takes what follows; this process the rest
        kept = findings.save(out) if kept is None else kept
        _rest(*rest, apps="ready" not in after)
        worker.wait()
        guessed = "ready" in after
    else:
        if worker is not None:
            worker.cancel()
            kept = findings.save(out) if kept is None else kept
            _settle(collecting)
        _rest(*rest, apps=True)
        del cat, rest
        _release_memory()
        shard.build_two(job, render, opds) if opds else run_mkdocs(job)
    published = _finish(out, staging, (sources, site, reused, searched, guessed), findings, kept)
    index = published / "search" / "search_index.json"
    size = index.stat().st_size if index.exists() else 0
    pages = len(sources.pages) + len(site.guide_pages)
    return BuildResult(
        out, published, counts[0], pages, size, *counts[1:], reused.apps, len(reused.pages) - reused.apps
    )


def _after(out: Path, site: _Site, reused: cache.Reuse) -> dict[str, Any]:
    """What the MkDocs process does once the site is built (``mkdocs.finish``): the reused pages'
    search entries and, when their footer stays, the reused app pages made ready (in ``GUESS_DIR``,
    where it made the last build's ready while it waited: ``reuse.guess``)."""
    after: dict[str, Any] = {"search": cache.search_spec(out, reused)}
    if site.manifest is not None and site.manifest["footer"] == site.footer:
        after["ready"] = {**cache.app_spec(out, site.manifest, reused), "ready": str(out / cache.GUESS_DIR)}
    return after


def footer() -> str:
    """Every page's footer: the same on every page and every build, so that a page whose content did not
    change is not written again (the build date and commit are on the home page, which changes with them)."""
    return t("catalogue.footer", "id")


def _site(root: Path, cat: Catalogue, options: Options, last: dict[str, Any] | None) -> _Site:
    commit, day = _commit(root), options.today or dt.date.today()
    base = base_config(root)
    guides = guide_files(guides_dir(root, base))
    pages = [rel for rel, _ in guides if rel.endswith(".md")]
    common = cache.site_digest(dump(catalogue_config(base, pages, cat.title, "-")), guides)
    manifest = last if last is not None and last["common"] == common and cache.reusable(base) else None
    config = dump(catalogue_config(base, pages, cat.title, footer()))
    return _Site(commit, day, footer(), common, guides, config, manifest)


def _finish(
    out: Path,
    staging: Path,
    made: tuple[StreamSources, _Site, cache.Reuse, bool, bool],
    findings: FindingsStore,
    kept: str | None,
) -> Path:
    """Make the new site whole, put it in place of the last one and record what it holds
    (``made``: the sources, the site-wide inputs, what was reused, and whether the MkDocs process
    put the reused pages' search entries in already and made the reused app pages ready)."""
    sources, site, reused, searched, guessed = made
    cache.install(staging, out, reused, searched, guessed)
    _move_exports(out / "ekspor.baru", staging)
    (out / cache.MANIFEST).unlink(missing_ok=True)
    published = _swap(out, staging)
    exported = {rel: [*keys, sources.after_build[rel]] for rel, keys in sources.cache.keys.items()}
    findings.commit(out)
    for scratch in (out / cache.REUSE_DIR, out / cache.GUESS_DIR, out / "ekspor.baru"):
        shutil.rmtree(scratch, ignore_errors=True)
    keys = {p: [k, sources.input_keys.get(p, "")] for p, k in sources.page_keys().items()}
    cache.write_manifest(out, published, site.common, site.footer, keys, reused, exported, kept or "")
    return published


def _rest(cat: Catalogue, sources: StreamSources, site: _Site, out: Path, reused: cache.Reuse, apps: bool) -> None:
    """What needs none of MkDocs' output: the reused app pages made ready (``apps``: here, not in the
    MkDocs process), the promised exports taken (or made), the registry-wide exports."""
    if site.manifest is not None and apps:
        cache.prepare(out, site.manifest, site.footer, reused, apps=True)
    if sources.defer:
        failed = sources.settle_exports()
        if failed:
            redo_exports(cat, sources, site.day, failed)
        registry_exports(cat, sources, site.commit)
    spare.drop_empty(out / "ekspor.baru")


def _sources(cat: Catalogue, site: _Site, out: Path) -> StreamSources:
    """Write every source MkDocs reads into ``out/docs`` and ``out/sisipan`` (app pages whose
    inputs or material the last build had are skipped: reused), the exports into
    ``out/ekspor.baru`` (those of unchanged inputs or data taken from the last site; when there
    is one, their files are taken and the registry-wide exports made later, ``_rest``)."""
    pages = site.manifest["pages"] if site.manifest else {}
    known = {page: entry[0] for page, entry in pages.items()}
    known_inputs = {page: entry[3] for page, entry in pages.items() if entry[3]}
    last_exports = None
    if site.manifest:
        last_exports = ExportCache(out / "site", site.manifest["exports"], site.manifest["waktu"])
    docs = _plain(out / "docs")
    sources = StreamSources(docs, _plain(out / "sisipan"), spare.export_tree(out), known, last_exports, known_inputs)
    sources.defer = last_exports is not None
    generate(cat, site.commit, site.day, sources, registry_wide=not sources.defer)
    prune(out / "sisipan", sources.fragment_files(), frozenset(sources.skipped))  # skipped: their files stay
    copy_guides(site.guides, docs, sources, (ASSET_CSS, ASSET_JS))
    for asset in (ASSET_CSS, ASSET_JS):
        write(docs / asset, (ASSETS / Path(asset).name).read_text(encoding="utf-8"))
    prune(docs, sources.written | sources.skipped | {ASSET_CSS, ASSET_JS})
    return sources


def _move_exports(exports: Path, staging: Path) -> None:
    """Move the exports into the site: whole directories where the site has none (one rename
    instead of one per file and directory), file by file otherwise."""
    for entry in sorted(exports.iterdir()):
        target = staging / entry.name
        if not target.exists():
            entry.rename(target)
            continue
        for rel, path in walk_files(entry):
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            path.replace(target / rel)


def _fresh(path: Path, create: bool = True) -> Path:
    if path.exists():
        shutil.rmtree(path)
    if create:
        path.mkdir(parents=True)
    return path


def _plain(path: Path) -> Path:
    """``path`` as a directory holding only directories and regular files (written in place by
    ``stream.write``); anything else there (a link planted by hand) and it starts empty."""
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        path.unlink()
    if path.is_dir() and not only_plain(str(path)):
        shutil.rmtree(path)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _settle(collecting: bool) -> None:
    """The registry is collected: what it made lives until the sources are written.

    The cyclic garbage collector is paused while the registry is loaded, checked and collected
    (``build_catalogue``): that makes hundreds of thousands of long-lived objects and few cycles,
    and each automatic collection walked all of them again (with the collector off for the whole
    process, an incremental rebuild at 5,000 apps took 0.6-0.8 s less). One collection here frees
    what cycles there were, and the collector runs again, when the caller had it on, for the
    pages rendered next. (Freezing the survivors instead made every later collection a full one:
    a clean build took a third longer.)"""
    gc.collect()
    if collecting:
        gc.enable()


def _release_memory() -> None:
    """Give the memory of the registry's pages back to the system before MkDocs runs
    (glibc keeps freed heap pages otherwise; elsewhere this does nothing)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _check_out(root: Path, out: Path) -> None:
    forbidden = root / "docs"
    if out == root or out == forbidden or forbidden in out.parents or out in root.parents:
        raise InputError("catalogue.out-forbidden", out=str(out))
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER_FILE).exists())):
        raise InputError("catalogue.out-not-ours", out=str(out), marker=MARKER_FILE)
    out.mkdir(parents=True, exist_ok=True)
    if not (out / "site").exists() and (out / "site.lama").is_dir():  # a build stopped inside _swap
        (out / "site.lama").rename(out / "site")
    (out / MARKER_FILE).write_text("Direktori ini dibuat oleh `repospbe catalogue build`.\n", encoding="utf-8")


def _commit(root: Path) -> str:
    if not (root / ".git").exists():
        return ""
    return git_text(root, "rev-parse", "--verify", "--quiet", "HEAD", check=False).strip()


def _swap(out: Path, staging: Path) -> Path:
    site, old = out / "site", out / "site.lama"
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    if old.exists():
        spare.keep_spare(out, old)
        shutil.rmtree(old)
    else:
        spare.mirror(out, site)
    return site
