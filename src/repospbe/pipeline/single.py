"""``repospbe scan``: the source checks of one app, or of a plain directory."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from repospbe import __version__, stamp
from repospbe.findings import Finding, Severity
from repospbe.formatters import ReportMeta
from repospbe.pipeline.app import AppScan, scan_app, scan_directory
from repospbe.pipeline.record import PipelineRecord
from repospbe.pipeline.reports import scanners_of, write_artifacts, write_record, write_reports
from repospbe.pipeline.scan import Progress
from repospbe.private import private_dir
from repospbe.scanners.base import AppInfo, ScanOptions
from repospbe.source import SourceCache
from repospbe.states import Status


def scan_one(
    options: ScanOptions,
    cache: SourceCache,
    *,
    root: Path | None = None,
    key: str | None = None,
    directory: Path | None = None,
    app: AppInfo | None = None,
    output_dir: Path | None = None,
    threshold: Severity = Severity.HIGH,
    lang: str = "id",
    jobs: int | None = None,
    progress: Progress | None = None,
    today: date | None = None,
) -> tuple[PipelineRecord, list[Finding], Path]:
    """Scan ``key`` in the registry at ``root`` or ``directory``; (record, findings, record path).

    The record is written to ``output_dir`` (with every report and artefact) or,
    without one, under the cache's ``records/``."""
    started = datetime.now(UTC)
    if key is not None and root is not None:
        scan = scan_app(root, key, options, cache, today=today, threshold=threshold, jobs=jobs, progress=progress)
    elif directory is not None:
        scan = scan_directory(
            directory, options, cache, app=app, today=today, threshold=threshold, jobs=jobs, progress=progress
        )
    else:
        raise ValueError("scan_one needs root and key, or directory")
    finished = datetime.now(UTC)
    record = _record(scan, root if key else None, threshold, started, finished)
    if output_dir is None:
        target = private_dir(cache.directory / "records", recreate=True)
        path = write_record(target, record)
        final = target / f"{record.digest()}.json"
        path.replace(final)
        return record, scan.findings, final
    meta = ReportMeta(
        lang=lang,
        title=f"repospbe scan {scan.run.key}",
        subject=scan.run.key,
        checks=tuple(c.name for c in scan.run.checks),
        started=started,
        finished=finished,
        scanners=scanners_of(record.tools),
        complete=record.status != Status.ERROR,
    )
    reports = write_reports(output_dir, scan.findings, meta) + write_artifacts(output_dir, scan.artifacts)
    record = replace(record, reports=tuple(sorted(reports)), apps=(replace(scan.run, reports=tuple(sorted(reports))),))
    return record, scan.findings, write_record(output_dir, record)


def _record(
    scan: AppScan, root: Path | None, threshold: Severity, started: datetime, finished: datetime
) -> PipelineRecord:
    if any(c.status == Status.ERROR for c in scan.run.checks):
        status = Status.ERROR
    else:
        status = Status.FAILED if any(f.blocks(threshold) for f in scan.findings) else Status.PASSED
    return PipelineRecord(
        registry_commit=_rev(root, "HEAD"),
        registry_tree=_rev(root, "HEAD^{tree}"),
        status=status,
        started=stamp.format(started),
        finished=stamp.format(finished),
        apps=(scan.run,),
        tools=tuple(sorted({("repospbe", __version__), *scan.tools})),
    )


def _rev(root: Path | None, ref: str) -> str:
    """``ref`` resolved in the registry at ``root``; '' without a registry (``scan --path``),
    which then never imports the pipeline runner and its registry checks."""
    if root is None:
        return ""
    from repospbe.pipeline.run import _rev as resolve

    return resolve(root, ref)
