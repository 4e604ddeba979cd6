"""What governance records look like to their readers (the catalogue, reports).

Frozen values only: readers never change records. ``verified`` says whether the
record's signature verified (against the reviewers in force at the record's commit)
when it was read. Fields after ``verified`` are extensions with defaults.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    """An approval (``setuju``) or rejection (``tolak``) of one merge request by one reviewer."""

    mr: str
    reviewer: str
    decision: str
    reason: str
    time: str
    verified: bool
    source: str = ""
    pipeline: str = ""
    counted: bool = False  # in force now (``status == "berlaku"``)
    problem: str = ""
    status: str = ""  # effective status: berlaku | digantikan | usang | tidak-sah (governance.standing)
    superseded_by: str = ""  # the decision file that superseded it (status digantikan)
    certificate: bool = False  # carries an electronic-certificate (CMS) signature that validates to a trust anchor


@dataclass(frozen=True)
class SignedDecision:
    """A decision with what re-verifies it without repospbe: the exact signed bytes, the SSH
    signature, the allowed_signers text and namespace it was verified with, and its file name."""

    decision: Decision
    file: str
    payload: bytes
    signature: bytes
    allowed_signers: str
    namespace: str


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
    """One line of the audit: what was checked, on what, and whether it holds.

    ``check_id`` (when set) is a stable id that is also the message key of ``detail``
    (rendered with ``params`` in the reader's language)."""

    time: str
    kind: str
    subject: str
    detail: str
    ok: bool
    check_id: str = ""
    params: tuple[tuple[str, str], ...] = ()
