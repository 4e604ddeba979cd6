"""Build the site on two cores: app pages split by OPD between two MkDocs processes.

MkDocs renders one page at a time. The app pages link to nothing through Markdown
(their bodies are fragments), so a second process can render the app pages of some
OPDs while this one renders everything else; both read the same sources and each
drops the other's app pages from its file list. The second process is a fresh
interpreter (``python -m repospbe.catalogue.mkdocs``), not a fork: it holds MkDocs
and its pages, never this process's registry. Its app pages and search entries are
then moved into the first site. The result is the same site a single process builds
(a test compares them).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from repospbe.catalogue.mkdocs import Job, child_argv, run_mkdocs
from repospbe.catalogue.site_model import is_app_page
from repospbe.errors import InputError

MIN_PAGES = 400
SECOND_SHARE = 0.6  # this process also renders the index pages and finishes the site
TIMEOUT = 3600.0


def plan(pages: Iterable[str], workers: int | None, min_pages: int = MIN_PAGES) -> list[str]:
    """OPD codes whose app pages (among ``pages``) the second process renders (empty: one process)."""
    by_opd: dict[str, int] = defaultdict(int)
    for page in pages:
        if is_app_page(page):
            by_opd[page.split("/")[1]] += 1
    total = sum(by_opd.values())
    if not two_cores(workers) or total < max(1, min_pages):
        return []
    chosen: list[str] = []
    count = 0
    for opd, n in sorted(by_opd.items(), key=lambda item: -item[1]):
        if count + n <= total * SECOND_SHARE or not chosen:
            chosen.append(opd)
            count += n
    return chosen if count < total else []


def two_cores(workers: int | None) -> bool:
    """Whether a second MkDocs process may run (``workers`` None: when there are two cores)."""
    if workers is None:
        workers = 2 if (os.cpu_count() or 1) >= 2 else 1
    return workers >= 2 and "fork" in multiprocessing.get_all_start_methods()


def build_two(job: Job, render: frozenset[str], opds: list[str]) -> None:
    """Run ``job`` over two processes; the second renders the app pages of ``opds`` among ``render``."""
    prefixes = tuple(f"aplikasi/{opd}/" for opd in opds)
    second = frozenset(p for p in render if p.startswith(prefixes))
    first = frozenset(p for p in render if is_app_page(p)) - second
    staging = Path(job.site_dir)
    other = staging.parent / "site.bagian-2"
    if other.exists():
        shutil.rmtree(other)
    child_job = replace(
        job,
        site_dir=str(other),
        index={p: i for p, i in job.index.items() if p in second},
        drop=sorted({*job.drop, *first}),
        after={},  # what follows the build is the first process's
    )
    mine_index = {p: i for p, i in job.index.items() if p not in second}
    mine = replace(job, index=mine_index, drop=sorted({*job.drop, *second}))
    job_file, error_file = other.parent / "tugas-kedua.json", other.parent / "galat-kedua.txt"
    job_file.write_text(child_job.to_json(), encoding="utf-8")
    error_file.write_text("", encoding="utf-8")
    child = _start(job_file, error_file)
    try:
        run_mkdocs(mine)
    finally:
        code = _wait(child)
    error = error_file.read_text(encoding="utf-8").strip()
    job_file.unlink()
    error_file.unlink()
    if error or code != 0:
        raise InputError("catalogue.mkdocs-failed", detail=error or f"proses kedua: kode keluar {code}")
    _merge(staging, other, opds)
    shutil.rmtree(other)


def _start(job_file: Path, error_file: Path) -> subprocess.Popen[bytes]:
    """The second process: this interpreter and this copy of repospbe, a clean environment."""
    argv, env = child_argv(str(job_file), str(error_file))
    return subprocess.Popen(
        argv,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait(child: subprocess.Popen[bytes]) -> int:
    try:
        return child.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        return -9


def _merge(site: Path, other: Path, opds: list[str]) -> None:
    for opd in opds:
        target, theirs_dir = site / "aplikasi" / opd, other / "aplikasi" / opd
        if target.exists():
            raise InputError("catalogue.mkdocs-failed", detail=f"aplikasi/{opd} dibangun dua kali")
        if theirs_dir.exists():
            theirs_dir.rename(target)
    index_path = site / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    theirs = json.loads((other / "search" / "search_index.json").read_text(encoding="utf-8"))
    prefixes = tuple(f"aplikasi/{opd}/" for opd in opds)
    index["docs"].extend(d for d in theirs["docs"] if str(d.get("location", "")).startswith(prefixes))
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
