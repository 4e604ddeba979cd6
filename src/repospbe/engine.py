"""The library API: load a registry, run its checks, get findings.

A caller that keeps the findings of earlier runs (the catalogue's incremental build) may
hand ``run_checks`` a ``FindingsCache``: the checks named in ``CACHEABLE_CHECKS`` are then
run only over the apps the cache has nothing for, and the cache gives the findings of the
others. Those checks are app-local (``checks.base.app_local``) and read nothing registry-wide
but what ``cache_basis`` digests; their findings on an app are located in its directory.
The cache keys each app by its files and ``cache_basis(reg)``; the engine checks what it is
given (an entry lacking a check or holding a finding located elsewhere is computed again; a
check that reports on an app it was not run over, and nothing is taken from the cache) and
stores nothing from a run in which a check crashed.
"""

from __future__ import annotations

import gc
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from repospbe.checks import REGISTRY_CHECKS, CheckContext
from repospbe.checks.base import CheckFn, is_app_local
from repospbe.engine_basis import cache_basis
from repospbe.findings import Finding, Severity, sort_findings
from repospbe.registry import load_registry
from repospbe.registry.model import Registry
from repospbe.registry.paths import app_key

# App-local checks whose inputs are the app's own files plus what ``cache_basis`` covers. Only
# the costly ones (they read every document); the others are cheaper to run than to prove.
CACHEABLE_CHECKS: tuple[str, ...] = ("documents", "copyright")

__all__ = ["CACHEABLE_CHECKS", "FindingsCache", "cache_basis", "check_registry", "exit_code", "run_checks"]


class FindingsCache(Protocol):
    """Findings of ``CACHEABLE_CHECKS`` per app, kept by the caller between runs."""

    def cached(self, key: str) -> dict[str, list[Finding]] | None:
        """check name -> its findings on app ``key`` (every cacheable check), or None when unknown."""

    def store(self, key: str, findings: dict[str, list[Finding]]) -> None:
        """Remember what the checks found on app ``key`` in this run."""


def run_checks(reg: Registry, only: tuple[str, ...] = (), cache: FindingsCache | None = None) -> list[Finding]:
    """Every registry check over ``reg``; a check that crashes is a finding (fail closed).

    ``cache``: findings of unchanged apps for ``CACHEABLE_CHECKS`` (module docstring)."""
    found = _run_cached(reg, cache) if cache is not None and not only else None
    return sort_findings([*reg.load_findings, *(found if found is not None else _run(reg, None, only))])


def _run(reg: Registry, app_local: bool | None, only: tuple[str, ...] = ()) -> list[Finding]:
    """The checks over ``reg``: all (``app_local`` None), or only the app-local or the other ones."""
    ctx = CheckContext(reg)
    findings: list[Finding] = []
    for name, fn in REGISTRY_CHECKS.items():
        if (only and name not in only) or (app_local is not None and is_app_local(fn) != app_local):
            continue
        findings.extend(_call(name, fn, ctx))
    return findings


def _call(name: str, fn: CheckFn, ctx: CheckContext) -> list[Finding]:
    try:
        return fn(ctx)
    except Exception as exc:  # noqa: BLE001 - a crashed check must block, not pass
        return [
            Finding.make(
                "check.crashed",
                Severity.CRITICAL,
                "check.crashed.msg",
                hint="check.crashed.hint",
                check=name,
                error=f"{type(exc).__name__}: {exc}"[:300],
            )
        ]


def _run_cached(reg: Registry, cache: FindingsCache) -> list[Finding] | None:
    """``_run(reg, None)`` with the cacheable checks run over the apps ``cache`` does not know;
    None when the cache cannot be used (a finding of those checks located in a cached app)."""
    keys = sorted(set(reg.apps) | set(reg.documents))
    hits: dict[str, dict[str, list[Finding]]] = {}
    for key in keys:
        known = cache.cached(key)
        if known is not None and set(known) == set(CACHEABLE_CHECKS) and _located_in(key, known):
            hits[key] = known
    stale = frozenset(keys) - set(hits)
    view = replace(
        reg,
        apps={k: r for k, r in reg.apps.items() if k in stale},
        documents={k: d for k, d in reg.documents.items() if k in stale},
    )
    ctx, view_ctx = CheckContext(reg), CheckContext(view)
    fresh: dict[str, dict[str, list[Finding]]] = {k: {} for k in stale}
    findings: list[Finding] = []
    crashed = False
    for name, fn in REGISTRY_CHECKS.items():
        if name not in CACHEABLE_CHECKS or not is_app_local(fn):
            findings.extend(_call(name, fn, ctx))
            continue
        for key in stale:
            fresh[key][name] = []
        for finding in _call(name, fn, view_ctx):
            crashed = crashed or finding.check_id == "check.crashed"
            owner = app_key(finding.path)
            if owner is None:
                findings.append(finding)
            elif owner not in stale:
                return None  # not app-local after all: nothing of the cache is used
            else:
                fresh[owner][name].append(finding)
        for key in keys:
            findings.extend(hits[key][name] if key in hits else fresh[key][name])
    if not crashed:
        for key in sorted(stale):
            cache.store(key, fresh[key])
    return findings


def _located_in(key: str, known: dict[str, list[Finding]]) -> bool:
    """Every finding the cache gives for app ``key`` is located in its directory."""
    return all(app_key(f.path) == key for items in known.values() for f in items)


def check_registry(root: Path, selection: frozenset[str] | None = None) -> list[Finding]:
    """Load ``root`` (optionally only ``selection``) and run every check.

    A full check of a large registry runs over two processes (``repospbe.sharding``). The cyclic
    garbage collector is paused meanwhile: loading builds hundreds of thousands of containers and
    no cycles, so its passes found nothing and cost about 5 % of the time (and, in a forked child,
    copied the pages they touched)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check_registry(root, selection)
    finally:
        if collecting:
            gc.enable()


def _check_registry(root: Path, selection: frozenset[str] | None) -> list[Finding]:
    if selection is None:
        from repospbe import sharding

        keys = sharding.app_keys(root)
        if sharding.wanted(len(keys)):
            reg, findings = sharding.check_sharded(root, keys, lambda r, local: _run(r, local))
            return sort_findings([*reg.load_findings, *findings])
    return run_checks(load_registry(root, selection))


def exit_code(findings: list[Finding], threshold: Severity = Severity.LOW) -> int:
    """1 when any finding blocks at ``threshold``, else 0."""
    return 1 if any(f.blocks(threshold) for f in findings) else 0
