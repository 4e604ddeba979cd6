"""Governance evidence as the catalogue and reports read it (frozen, plain values)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    """A reviewer's signed decision on a merge request (``setuju`` / ``tolak``)."""

    mr: int
    reviewer: str
    decision: str
    reason: str
    time: str
    verified: bool
    source: str = ""
    pipeline: str = ""
    counted: bool = False
    problem: str = ""


@dataclass(frozen=True)
class Release:
    """A signed release record: an app version deployed from a commit on main."""

    app: str
    version: str
    commit: str
    time: str
    who: str
    verified: bool
    env: str = "produksi"
    merge_commit: str = ""
    plan_checksum: str = ""


@dataclass(frozen=True)
class AuditEvent:
    """One line of the audit: what was checked, on what, and whether it holds."""

    time: str
    kind: str
    subject: str
    detail: str
    ok: bool
