"""Build the site on two cores: app pages split by OPD between two MkDocs processes.

MkDocs renders one page at a time. The app pages link to nothing through Markdown
(their bodies are fragments), so a second process can render the app pages of some
OPDs while this one renders everything else; both read the same sources and each
drops the other's app pages from its file list. The second site's app pages and
search entries are then moved into the first. The result is the same site a
single process builds (a test compares them).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
from collections import defaultdict
from pathlib import Path

from repospbe.catalogue.mkdocs import run_mkdocs
from repospbe.catalogue.site_model import SiteSources
from repospbe.errors import InputError

MIN_PAGES = 400
SECOND_SHARE = 0.6  # this process also loads the registry and renders the index pages


def plan(sources: SiteSources, workers: int | None, min_pages: int = MIN_PAGES) -> list[str]:
    """OPD codes whose app pages the second process renders (empty: one process)."""
    by_opd: dict[str, int] = defaultdict(int)
    for page in sources.pages:
        if page.startswith("aplikasi/") and page.count("/") == 2:
            by_opd[page.split("/")[1]] += 1
    total = sum(by_opd.values())
    if workers is None:
        workers = 2 if (os.cpu_count() or 1) >= 2 else 1
    if workers < 2 or total < max(1, min_pages) or "fork" not in multiprocessing.get_all_start_methods():
        return []
    chosen: list[str] = []
    count = 0
    for opd, pages in sorted(by_opd.items(), key=lambda item: -item[1]):
        if count + pages <= total * SECOND_SHARE or not chosen:
            chosen.append(opd)
            count += pages
    return chosen if count < total else []


def pages_of(sources: SiteSources, opds: list[str]) -> frozenset[str]:
    prefixes = tuple(f"aplikasi/{opd}/" for opd in opds)
    return frozenset(p for p in sources.pages if p.startswith(prefixes))


def build_two(config_file: Path, staging: Path, strict: bool, sources: SiteSources, opds: list[str]) -> None:
    """Render with two processes into ``staging``; the second renders the app pages of ``opds``."""
    second = pages_of(sources, opds)
    first = frozenset(p for p in sources.pages if p.startswith("aplikasi/") and p.count("/") == 2) - second
    other = staging.parent / "site.bagian-2"
    if other.exists():
        shutil.rmtree(other)
    ctx = multiprocessing.get_context("fork")
    queue = ctx.SimpleQueue()
    child = ctx.Process(
        target=_child,
        args=(
            queue,
            config_file,
            other,
            strict,
            {p: sources.fragments[p] for p in second if p in sources.fragments},
            first,
        ),
    )
    child.start()
    try:
        run_mkdocs(
            config_file, staging, strict, {p: f for p, f in sources.fragments.items() if p not in second}, drop=second
        )
    finally:
        child.join()
    error = queue.get() if not queue.empty() else "proses kedua berhenti tanpa hasil"
    if error or child.exitcode != 0:
        raise InputError("catalogue.mkdocs-failed", detail=str(error or f"kode keluar {child.exitcode}"))
    _merge(staging, other, opds)
    shutil.rmtree(other)


def _child(
    queue: multiprocessing.queues.SimpleQueue[str],
    config_file: Path,
    site: Path,
    strict: bool,
    fragments: dict[str, dict[str, str]],
    drop: frozenset[str],
) -> None:
    try:
        run_mkdocs(config_file, site, strict, fragments, drop=drop)
    except InputError as exc:
        queue.put(exc.render("id"))
        return
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which fails the build
        queue.put(f"{type(exc).__name__}: {exc}")
        return
    queue.put("")


def _merge(site: Path, other: Path, opds: list[str]) -> None:
    for opd in opds:
        target = site / "aplikasi" / opd
        if target.exists():
            raise InputError("catalogue.mkdocs-failed", detail=f"aplikasi/{opd} dibangun dua kali")
        (other / "aplikasi" / opd).rename(target)
    index_path = site / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    theirs = json.loads((other / "search" / "search_index.json").read_text(encoding="utf-8"))
    prefixes = tuple(f"aplikasi/{opd}/" for opd in opds)
    index["docs"].extend(d for d in theirs["docs"] if str(d.get("location", "")).startswith(prefixes))
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
