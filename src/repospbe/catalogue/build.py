"""Build the catalogue: generate sources in a scratch directory, run MkDocs, finish the site.

Layout of ``out`` (never the checkout's ``docs/``)::

    out/.repospbe-katalog   marker: this directory belongs to the catalogue build
    out/mkdocs.yml          the derived configuration (plain MkDocs)
    out/docs/               generated pages + a copy of the hand-written guides
    out/site/               the finished site (replaced whole, only when complete)
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from repospbe.catalogue import shard
from repospbe.catalogue.collect import Catalogue, collect
from repospbe.catalogue.config import ASSET_CSS, ASSET_JS, base_config, catalogue_config, dump, guides_dir
from repospbe.catalogue.generate import GUIDES_HOME, generate
from repospbe.catalogue.mkdocs import run_mkdocs
from repospbe.catalogue.pages_home import long_date
from repospbe.catalogue.site_model import SiteSources
from repospbe.errors import InputError
from repospbe.git.runner import git_text
from repospbe.i18n import t
from repospbe.writefile import write_atomic

MARKER_FILE = ".repospbe-katalog"
RESERVED_DIRS = ("opd/", "aplikasi/", "ekspor/", "grafik/")
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


def build_catalogue(
    root: Path,
    out: Path,
    today: dt.date | None = None,
    strict: bool = True,
    workers: int | None = None,
    shard_min: int = shard.MIN_PAGES,
    since: str | None = None,
    collected: Catalogue | None = None,
) -> BuildResult:
    """Build the catalogue of the registry at ``root`` into ``out``.

    ``workers``: MkDocs processes (None: two when there are two cores and at least
    ``shard_min`` app pages). ``collected``: the result of ``collect(root, since)`` when the
    caller already has it (and may have added governance records to it, as the tests do)."""
    root, out = root.resolve(), out.resolve()
    _check_out(root, out)
    cat = collected or collect(root, since)
    commit = _commit(root)
    day = today or dt.date.today()
    sources = generate(cat, commit, day)
    base = base_config(root)
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    guides = _copy_guides(guides_dir(root, base), docs, sources)
    _write_sources(docs, sources)
    footer = t("catalogue.footer", "id", date=long_date(day), commit=commit[:12] or "–")
    write_atomic(out / "mkdocs.yml", dump(catalogue_config(base, guides, cat.title, footer)))
    staging = out / "site.baru"
    if staging.exists():
        shutil.rmtree(staging)
    opds = shard.plan(sources, workers, shard_min)
    if opds:
        shard.build_two(out / "mkdocs.yml", staging, strict, sources, opds)
    else:
        run_mkdocs(out / "mkdocs.yml", staging, strict, sources.fragments)
    for rel, text in sources.after_build.items():
        _write(staging / rel, text)
    site = _swap(out, staging)
    index = site / "search" / "search_index.json"
    return BuildResult(
        out,
        site,
        len(cat.apps),
        len(sources.pages) + len(guides),
        index.stat().st_size if index.exists() else 0,
        sum(1 for k in cat.counted() if cat.apps[k].compliant),
        len(cat.counted()),
    )


def _check_out(root: Path, out: Path) -> None:
    forbidden = root / "docs"
    if out == root or out == forbidden or forbidden in out.parents or out in root.parents:
        raise InputError("catalogue.out-forbidden", out=str(out))
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER_FILE).exists())):
        raise InputError("catalogue.out-not-ours", out=str(out), marker=MARKER_FILE)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER_FILE).write_text("Direktori ini dibuat oleh `repospbe catalogue build`.\n", encoding="utf-8")


def _commit(root: Path) -> str:
    if not (root / ".git").exists():
        return ""
    return git_text(root, "rev-parse", "--verify", "--quiet", "HEAD", check=False).strip()


def _copy_guides(src: Path, docs: Path, sources: SiteSources) -> list[str]:
    """Copy the hand-written guides (regular files only); ``index.md`` becomes the guides' home."""
    if not src.is_dir():
        return []
    reserved = set(sources.pages) | set(sources.static) | set(sources.after_build) | {ASSET_CSS, ASSET_JS}
    pages: list[str] = []
    for path in sorted(src.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        rel = path.relative_to(src).as_posix()
        dest = GUIDES_HOME if rel == "index.md" else rel
        if dest in reserved or dest.startswith(RESERVED_DIRS) or (rel != "index.md" and rel == GUIDES_HOME):
            raise InputError("catalogue.guide-conflict", file=str(path), page=dest)
        target = docs / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        if dest.endswith(".md"):
            pages.append(dest)
    return pages


def _write_sources(docs: Path, sources: SiteSources) -> None:
    for rel, text in {**sources.pages, **sources.static}.items():
        _write(docs / rel, text)
    for asset in (ASSET_CSS, ASSET_JS):
        _write(docs / asset, (ASSETS / Path(asset).name).read_text(encoding="utf-8"))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _swap(out: Path, staging: Path) -> Path:
    site, old = out / "site", out / "site.lama"
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    if old.exists():
        shutil.rmtree(old)
    return site
