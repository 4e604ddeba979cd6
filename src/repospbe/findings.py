"""Immutable findings: what every check, scanner and gate returns."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from repospbe.i18n import DEFAULT_LANG, t


class Severity(str, Enum):
    """Ordered from most to least severe; ``info`` never blocks."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank


_RANK = {
    Severity.INFO: 0,
    Severity.LOW: 1,
    Severity.MEDIUM: 2,
    Severity.HIGH: 3,
    Severity.CRITICAL: 4,
}


@dataclass(frozen=True)
class Finding:
    """One problem, complete when built.

    ``message`` and ``hint`` are i18n keys rendered with ``params``; findings from
    outside tools use the ``raw.text`` key with the tool's own text as ``text``.
    ``path`` is relative to the registry (or scanned) root, ``line``/``column`` are
    1-based (0 = unknown). ``help_url`` (the rule's documentation) and ``cwe``
    (CWE numbers) are optional and feed the SARIF and GitLab SAST reports.
    """

    check_id: str
    severity: Severity
    message: str
    path: str = ""
    line: int = 0
    column: int = 0
    hint: str = ""
    params: tuple[tuple[str, Any], ...] = field(default_factory=tuple)
    breadcrumb: str = ""
    tool: str = "repospbe"
    help_url: str = ""
    cwe: tuple[int, ...] = ()

    @staticmethod
    def make(
        check_id: str,
        severity: Severity,
        message: str | None = None,
        *,
        path: str = "",
        line: int = 0,
        column: int = 0,
        hint: str | None = None,
        breadcrumb: str = "",
        tool: str = "repospbe",
        help_url: str = "",
        cwe: tuple[int, ...] = (),
        **params: Any,
    ) -> Finding:
        """A finding with sorted ``params``.

        Named by its id alone (no ``message``), its keys are ``<check_id>.msg`` and
        ``<check_id>.hint`` (``hint=""`` for none); with an explicit ``message`` there is a
        hint only when ``hint`` is given."""
        if hint is None:
            hint = f"{check_id}.hint" if message is None else ""
        return Finding(
            check_id=check_id,
            severity=severity,
            message=f"{check_id}.msg" if message is None else message,
            path=path,
            line=line,
            column=column,
            hint=hint,
            params=tuple(sorted(params.items())),
            breadcrumb=breadcrumb,
            tool=tool,
            help_url=help_url,
            cwe=tuple(cwe),
        )

    def text(self, lang: str = DEFAULT_LANG) -> str:
        return t(self.message, lang, **dict(self.params))

    def hint_text(self, lang: str = DEFAULT_LANG) -> str:
        return t(self.hint, lang, **dict(self.params)) if self.hint else ""

    @property
    def location(self) -> str:
        if not self.path:
            return ""
        if self.line:
            return f"{self.path}:{self.line}:{self.column or 1}"
        return self.path

    @property
    def fingerprint(self) -> str:
        """Stable across runs and line moves: check, path, breadcrumb, message params."""
        basis = "|".join([self.check_id, self.path, self.breadcrumb, self.message, repr(self.params)])
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]

    def blocks(self, threshold: Severity = Severity.LOW) -> bool:
        return self.severity.at_least(threshold) and self.severity is not Severity.INFO

    def as_dict(self, lang: str = DEFAULT_LANG) -> dict[str, Any]:
        return {
            "check_id": self.check_id,
            "severity": self.severity.value,
            "message": self.text(lang),
            "hint": self.hint_text(lang),
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "breadcrumb": self.breadcrumb,
            "tool": self.tool,
            "fingerprint": self.fingerprint,
            "help_url": self.help_url,
            "cwe": list(self.cwe),
        }


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path, f.line, f.column, -f.severity.rank, f.check_id))
