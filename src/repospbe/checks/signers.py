"""signers.*: ``registry/allowed_signers`` is exactly what ``registry/reviewers.yaml`` generates.

Auditors verify approvals with plain ``ssh-keygen -Y verify -f registry/allowed_signers``;
the file must therefore never drift from the reviewer list it is generated from
(``repospbe reviewer signers`` writes it). Checked on every run, whatever the selection.
"""

from __future__ import annotations

from repospbe.checks.base import CheckContext
from repospbe.findings import Finding, Severity
from repospbe.registry.paths import REVIEWERS_FILE


def check(ctx: CheckContext) -> list[Finding]:
    if not (ctx.root / REVIEWERS_FILE).is_file():
        return []
    from repospbe.governance.rules import SIGNERS_FILE, load_signers_from_worktree  # only with reviewers

    expected, _ = load_signers_from_worktree(ctx.root)
    path = ctx.root / SIGNERS_FILE
    try:
        actual = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        actual = None
    if actual == expected:
        return []
    return [
        Finding.make("signers.stale", Severity.HIGH, "signers.stale.msg", path=SIGNERS_FILE, hint="signers.stale.hint")
    ]
