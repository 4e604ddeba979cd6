"""The library API: load a registry, run its checks, get findings."""

from __future__ import annotations

import gc
from pathlib import Path

from repospbe.checks import REGISTRY_CHECKS, CheckContext
from repospbe.checks.base import is_app_local
from repospbe.findings import Finding, Severity, sort_findings
from repospbe.registry import load_registry
from repospbe.registry.model import Registry


def run_checks(reg: Registry, only: tuple[str, ...] = ()) -> list[Finding]:
    """Every registry check over ``reg``; a check that crashes is a finding (fail closed)."""
    return sort_findings([*reg.load_findings, *_run(reg, None, only)])


def _run(reg: Registry, app_local: bool | None, only: tuple[str, ...] = ()) -> list[Finding]:
    """The checks over ``reg``: all (``app_local`` None), or only the app-local or the other ones."""
    ctx = CheckContext(reg)
    findings: list[Finding] = []
    for name, fn in REGISTRY_CHECKS.items():
        if (only and name not in only) or (app_local is not None and is_app_local(fn) != app_local):
            continue
        try:
            findings.extend(fn(ctx))
        except Exception as exc:  # noqa: BLE001 - a crashed check must block, not pass
            findings.append(
                Finding.make(
                    "check.crashed",
                    Severity.CRITICAL,
                    "check.crashed.msg",
                    hint="check.crashed.hint",
                    check=name,
                    error=f"{type(exc).__name__}: {exc}"[:300],
                )
            )
    return findings


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
