"""codeowners.*: a committed ``.gitlab/CODEOWNERS`` equals the one generated from the registry.

Only runs when the file exists (GitLab deployments); the embedded default enforces
ownership itself. Regenerate with ``repospbe gitlab codeowners --write``.
"""

from __future__ import annotations

from datetime import UTC, datetime

from repospbe.checks.base import CheckContext
from repospbe.findings import Finding, Severity
from repospbe.ownership.codeowners import CODEOWNERS_PATH, committed, generate
from repospbe.registry import load_registry


def check(ctx: CheckContext) -> list[Finding]:
    current = committed(ctx.root)
    if current is None:
        return []
    reg = ctx.registry if ctx.registry.selection is None else load_registry(ctx.root)
    if current == generate(reg, datetime.now(UTC).date()):
        return []
    return [
        Finding.make(
            "codeowners.stale",
            Severity.HIGH,
            "codeowners.stale.msg",
            path=CODEOWNERS_PATH,
            line=1,
            column=1,
            hint="codeowners.stale.hint",
        )
    ]
