"""What every formatter receives besides the findings."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

from repospbe import __version__
from repospbe.findings import Finding


@dataclass(frozen=True)
class ReportMeta:
    """Context of one report: language, what ran, when, over what."""

    lang: str = "id"
    title: str = "repospbe check"
    checks: tuple[str, ...] = ()
    tool_version: str = __version__
    subject: str = ""
    started: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    finished: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


Formatter = Callable[[list[Finding], ReportMeta], str]
