"""Write every report format, the scan artefacts and the pipeline record."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from repospbe.findings import Finding
from repospbe.formatters import FORMATTERS, REPORT_FILES, ReportMeta
from repospbe.formatters.base import Scanner
from repospbe.pipeline.record import PipelineRecord, sha256_bytes
from repospbe.writefile import write_atomic

RECORD_FILE = "pipeline-record.json"


def write_reports(output_dir: Path, findings: list[Finding], meta: ReportMeta) -> tuple[tuple[str, str], ...]:
    """Every format of ``REPORT_FILES`` into ``output_dir``; (file name, sha256) each."""
    digests: list[tuple[str, str]] = []
    for fmt, name in sorted(REPORT_FILES.items()):
        data = FORMATTERS[fmt](findings, meta).encode("utf-8")
        write_atomic(output_dir / name, data)
        digests.append((name, sha256_bytes(data)))
    return tuple(digests)


def write_artifacts(output_dir: Path, artifacts: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    digests: list[tuple[str, str]] = []
    for name, text in artifacts:
        data = text.encode("utf-8")
        write_atomic(output_dir / name, data)
        digests.append((name, sha256_bytes(data)))
    return tuple(digests)


def write_record(output_dir: Path, record: PipelineRecord) -> Path:
    """The record as canonical JSON (its sha256 is what approvals sign)."""
    path = output_dir / RECORD_FILE
    write_atomic(path, record.canonical() + b"\n")
    return path


def read_record(path: Path) -> PipelineRecord:
    return PipelineRecord.from_dict(json.loads(path.read_text(encoding="utf-8")))


def with_reports(record: PipelineRecord, reports: tuple[tuple[str, str], ...]) -> PipelineRecord:
    return replace(record, reports=tuple(sorted(reports)))


_VENDORS = {
    "semgrep": ("Semgrep", "Semgrep, Inc."),
    "bandit": ("Bandit", "PyCQA"),
    "detect-secrets": ("detect-secrets", "Yelp"),
}


def scanners_of(tools: tuple[tuple[str, str], ...]) -> tuple[Scanner, ...]:
    """The outside scanners a record names (for the SAST report's ``scan.scanner``)."""
    return tuple(
        Scanner(id=name, name=_VENDORS[name][0], version=version, vendor=_VENDORS[name][1])
        for name, version in tools
        if name in _VENDORS
    )
