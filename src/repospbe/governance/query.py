"""Read-only queries over governance records, for the catalogue and reports.

The governance work (merge requests, signed approvals, releases, audit) fills
these functions in; until it lands they report that no records exist, which
readers render as "belum ada catatan". The signatures are a contract with the
catalogue: keep them.
"""
from __future__ import annotations

from pathlib import Path

from repospbe.governance.types import AuditEvent, Decision, Release
from repospbe.pipeline.record import PipelineRecord


def pipeline_records(root: Path, app_key: str) -> list[PipelineRecord]:
    """Pipeline records that cover ``app_key`` (``opd/app``), oldest first."""
    return []


def decisions(root: Path, app_key: str) -> list[Decision]:
    """Approvals and rejections of merge requests touching ``app_key``, oldest first."""
    return []


def releases(root: Path, app_key: str) -> list[Release]:
    """Deployments of ``app_key``, oldest first."""
    return []


def audit_events(root: Path) -> list[AuditEvent]:
    """Every audit event of the registry, oldest first."""
    return []
