"""Source scanners: small plugins with a stable id, in one table.

Each entry's module docstring is its documentation; ``run(ctx) -> ScanResult``.
``needs_record`` scanners read the app's registry record (``scan --path`` runs
them only when the information is given on the command line).

A scanner's module is imported when the scanner is first used (its ``run`` or its
``basis``): the advisory database's version ranges, detect-secrets' plugins and the rest
load in the scanner threads while semgrep already runs (issue 19), and a command that
scans nothing never loads them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from repospbe.scanners.base import AppInfo, ScanContext, Scanner, ScanOptions, ScanResult, ToolError


def _lazy(module: str, attr: str) -> Callable[[ScanContext], Any]:
    """``repospbe.scanners.<module>.<attr>``, imported on the first call."""

    def call(ctx: ScanContext) -> Any:
        return getattr(importlib.import_module(f"repospbe.scanners.{module}"), attr)(ctx)

    call.__qualname__ = call.__name__ = f"{module}.{attr}"
    return call


def _empty(ctx: ScanContext) -> str:
    return ""


SCANNERS: dict[str, Scanner] = {
    "semgrep": Scanner("semgrep", _lazy("semgrep", "run"), ("semgrep",), _lazy("semgrep", "basis")),
    "bandit": Scanner("bandit", _lazy("bandit", "run"), ("bandit",), _lazy("bandit", "basis")),
    "secrets": Scanner("secrets", _lazy("secrets", "run"), ("detect-secrets",), _lazy("secrets", "basis")),
    "doc-coverage": Scanner("doc-coverage", _lazy("doccoverage", "run"), (), _lazy("doccoverage", "basis")),
    "app-tests": Scanner("app-tests", _lazy("apptests", "run"), (), _lazy("apptests", "basis")),
    "license": Scanner("license", _lazy("license", "run"), (), _lazy("license", "basis")),
    "third-party": Scanner("third-party", _lazy("thirdparty", "run"), (), _empty),
    "advisories": Scanner("advisories", _lazy("advisories", "run"), (), _lazy("advisories", "basis")),
}

__all__ = ["SCANNERS", "AppInfo", "ScanContext", "ScanOptions", "ScanResult", "Scanner", "ToolError"]
