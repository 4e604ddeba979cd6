"""What every formatter receives besides the findings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from repospbe import __version__
from repospbe.findings import Finding


@dataclass(frozen=True)
class Scanner:
    """An outside tool whose findings a report carries (semgrep, bandit, ...)."""

    id: str
    name: str
    version: str
    vendor: str
    url: str = ""


@dataclass(frozen=True)
class ReportMeta:
    """Context of one report: language, what ran, when, over what.

    ``scanners`` names the outside tools that ran (their findings carry
    ``Finding.tool == Scanner.id``); ``complete`` is False when a scanner or check
    did not finish, which the SAST report states as ``status: failure``.
    """

    lang: str = "id"
    title: str = "repospbe check"
    checks: tuple[str, ...] = ()
    tool_version: str = __version__
    subject: str = ""
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    finished: datetime = field(default_factory=lambda: datetime.now(UTC))
    scanners: tuple[Scanner, ...] = ()
    complete: bool = True
    source_scan: bool = False  # a scan of source code (``repospbe scan``), not of the registry


Formatter = Callable[[list[Finding], ReportMeta], str]
