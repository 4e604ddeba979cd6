"""Source scanners: small plugins with a stable id, in one table.

Each entry's module docstring is its documentation; ``run(ctx) -> ScanResult``.
``needs_record`` scanners read the app's registry record (``scan --path`` runs
them only when the information is given on the command line).
"""

from __future__ import annotations

from repospbe.scanners import advisories, apptests, bandit, doccoverage, license, secrets, semgrep, thirdparty
from repospbe.scanners.base import AppInfo, ScanContext, Scanner, ScanOptions, ScanResult, ToolError

SCANNERS: dict[str, Scanner] = {
    "semgrep": Scanner("semgrep", semgrep.run, ("semgrep",), semgrep.basis),
    "bandit": Scanner("bandit", bandit.run, ("bandit",), bandit.basis),
    "secrets": Scanner("secrets", secrets.run, ("detect-secrets",), secrets.basis),
    "doc-coverage": Scanner("doc-coverage", doccoverage.run, (), doccoverage.basis),
    "app-tests": Scanner("app-tests", apptests.run, (), apptests.basis),
    "license": Scanner("license", license.run, (), license.basis),
    "third-party": Scanner("third-party", thirdparty.run, (), lambda ctx: ""),
    "advisories": Scanner("advisories", advisories.run, (), advisories.basis),
}

__all__ = ["SCANNERS", "AppInfo", "ScanContext", "ScanOptions", "ScanResult", "Scanner", "ToolError"]
