"""What governance records look like to their readers (the catalogue, reports).

Frozen values only: readers never change records. ``verified`` says whether the
record's signature verified against ``registry/allowed_signers`` when it was read.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    """An approval or rejection of one merge request by one reviewer."""

    mr: str
    reviewer: str
    decision: str
    reason: str
    time: str
    verified: bool


@dataclass(frozen=True)
class Release:
    """A deployment of one app version from a commit on ``main``."""

    app: str
    version: str
    commit: str
    time: str
    who: str
    verified: bool


@dataclass(frozen=True)
class AuditEvent:
    """One line of the audit log: a merge, approval, deployment or failed verification."""

    time: str
    kind: str
    subject: str
    detail: str
    ok: bool
