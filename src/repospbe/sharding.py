"""A full check over two processes: each loads and checks half of the apps.

The parent forks one child before loading. The child parses its half of the app
directories and runs the app-local checks (``checks.base.app_local``) over them;
the parent meanwhile does the same for the other half plus every file outside
``registry/apps/``. The child sends back its findings, its app records (small)
and the names of the documents it read; the parent attaches them and runs the
remaining checks over the whole registry. Findings are the same as a single
process gives (the tests compare both). Any trouble with the child (crash,
timeout, garbled answer) makes the parent do the child's share itself.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from repospbe.findings import Finding
from repospbe.registry.loader import attach_apps, load_registry
from repospbe.registry.model import Record, Registry
from repospbe.registry.paths import REGISTRY_DIR, SLUG_RE, app_key

AUTO_MIN_APPS = 400  # below this, a second process costs more than it saves
CHILD_TIMEOUT = 600.0
PARENT_SHARE_OF_20 = 10  # half of the apps: the parent's other work needs the child's answer first
Runner = Callable[[Registry, bool], list[Finding]]


@dataclass(frozen=True)
class ChildResult:
    findings: list[Finding]
    records: dict[str, Record]
    documents: list[str]
    load_findings: list[Finding]


def app_keys(root: Path) -> list[str]:
    """``opd/app`` of every app directory (two directory listings, no parsing)."""
    keys: list[str] = []
    apps = root / REGISTRY_DIR / "apps"
    try:
        with os.scandir(apps) as opds:
            for opd in sorted(opds, key=lambda e: e.name):
                if opd.is_dir(follow_symlinks=False) and SLUG_RE.match(opd.name):
                    with os.scandir(opd.path) as entries:
                        keys += [
                            f"{opd.name}/{e.name}"
                            for e in entries
                            if e.is_dir(follow_symlinks=False) and SLUG_RE.match(e.name)
                        ]
    except OSError:
        return []
    return sorted(keys)


def wanted(n_apps: int) -> bool:
    """Two processes for a full check: ``REPOSPBE_JOBS=1`` never, ``2`` always, else by size.

    Never when this process runs other threads (forking those is unsafe) or where
    ``fork`` does not exist, or on a single CPU."""
    jobs = os.environ.get("REPOSPBE_JOBS", "")
    if jobs == "1" or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return False
    if jobs == "2":
        return n_apps >= 2
    return n_apps >= AUTO_MIN_APPS and usable_cpus() >= 2


def usable_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def check_sharded(root: Path, keys: list[str], run: Runner) -> tuple[Registry, list[Finding]]:
    """Load and check ``root`` over two processes; ``run(reg, app_local)`` runs the
    checks of one kind over a registry. Returns the full registry and every finding."""
    # The parent's other work (attaching, the other checks, the report) needs the child's answer,
    # so it cannot overlap with the child: both halves are loaded and checked at the same time.
    mine = frozenset(k for i, k in enumerate(keys) if i % 20 < PARENT_SHARE_OF_20)
    theirs = frozenset(keys) - mine
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(root, theirs, run, sender), daemon=True)
    child.start()
    sender.close()
    try:
        reg = load_registry(root, apps=mine)
        findings = run(reg, True)
        result = _receive(receiver)
    finally:
        receiver.close()
        child.join(timeout=5)
        if child.is_alive():
            child.kill()
    if result is None:  # the child failed: do its share here
        result = _share(root, theirs, run)
    attach_apps(reg, result.records, result.documents, result.load_findings)
    findings += result.findings
    findings += run(reg, False)
    return reg, findings


def _share(root: Path, keys: frozenset[str], run: Runner) -> ChildResult:
    """Load and check the apps ``keys``. Only findings located in their directories
    are kept: the rest (on the instance record, on policy files) the parent reports."""
    reg = load_registry(root, apps=keys, common=False)

    def own(findings: list[Finding]) -> list[Finding]:
        return [f for f in findings if app_key(f.path) in keys]

    documents = [doc.path for docs in reg.documents.values() for doc in docs.values()]
    return ChildResult(own(run(reg, True)), dict(reg.apps), documents, own(reg.load_findings))


def _child(root: Path, keys: frozenset[str], run: Runner, sender: Connection) -> None:
    try:
        sender.send(_share(root, keys, run))
    except BaseException:  # noqa: BLE001 - the parent redoes this share
        os._exit(1)
    finally:
        sender.close()
    os._exit(0)


def _receive(receiver: Connection) -> ChildResult | None:
    try:
        if not receiver.poll(CHILD_TIMEOUT):
            return None
        result = receiver.recv()
    except (EOFError, OSError, ValueError, TypeError, AttributeError, ImportError):
        return None
    return result if isinstance(result, ChildResult) else None
