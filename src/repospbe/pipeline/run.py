"""``repospbe pipeline run``: registry checks plus source checks of changed apps.

``run_pipeline`` is the library entry point (the governance code calls it); it
returns the pipeline record and every finding, and writes the reports, the scan
artefacts (per app under ``apps/<opd>/<app>/``) and the record when
``output_dir`` is given. Work is proportional to what changed: without
``changed_since`` every app with a pinned source is scanned; with it, only the
apps whose record, documents, waivers or source bundle changed (a change under
``checks/`` or to ``registry/instance.yaml`` means every app).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

from repospbe import __version__
from repospbe.checks import REGISTRY_CHECKS
from repospbe.engine import run_checks
from repospbe.errors import InputError
from repospbe.findings import Finding, Severity, sort_findings
from repospbe.formatters import ReportMeta
from repospbe.gitutil import changed_paths, git
from repospbe.ownership.check import check_change
from repospbe.pipeline.baseline import mark_preexisting, target_findings
from repospbe.pipeline.app import AppScan, options_for, scan_app
from repospbe.pipeline.record import AppRun, CheckStatus, PipelineRecord
from repospbe.pipeline.reports import scanners_of, write_artifacts, write_record, write_reports
from repospbe.pipeline.scan import Progress
from repospbe.registry import load_registry
from repospbe.registry.paths import app_key
from repospbe.scanners.base import ScanOptions
from repospbe.selection import expand
from repospbe.source import SourceCache, default_cache_dir
from repospbe.yamlio import load_file

_LOAD_GROUP = "load"
_GLOBAL = ("checks/", "registry/instance.yaml")


def run_pipeline(
    root: Path,
    changed_since: str | None = None,
    *,
    output_dir: Path | None = None,
    threshold: Severity = Severity.HIGH,
    cache_dir: Path | None = None,
    options: ScanOptions | None = None,
    lang: str = "id",
    jobs: int | None = None,
    progress: Progress | None = None,
    today: date | None = None,
    scan_sources: bool = True,
    opener_key: str | None = None,
) -> tuple[PipelineRecord, list[Finding]]:
    """Registry checks (of what changed) plus source checks of the changed apps."""
    started = datetime.now(timezone.utc)
    changed = changed_paths(root, changed_since) if changed_since else None
    selection = expand(root, changed) if changed is not None else None
    findings = run_checks(load_registry(root, selection))
    if changed_since:
        findings = mark_preexisting(findings, target_findings(root, changed_since, selection))
        if opener_key:
            findings += check_change(root, changed_since, "HEAD", opener_key, today or date.today())
    statuses = registry_statuses(findings, threshold)
    scans: list[AppScan] = []
    if scan_sources:
        cache = SourceCache(cache_dir or default_cache_dir(root))
        opts = options or options_for(root)
        for key in apps_to_scan(root, changed):
            scans.append(_scan_one(root, key, opts, cache, today, threshold, jobs, progress))
    all_findings = sort_findings(findings + [_prefixed(s.run.key, f) for s in scans for f in s.findings])
    apps = tuple(s.run for s in scans)
    record = PipelineRecord(
        registry_commit=_rev(root, "HEAD"), registry_tree=_rev(root, "HEAD^{tree}"),
        status=_overall(statuses, apps, all_findings, threshold), started=_iso(started), finished="",
        base_commit=_rev(root, changed_since) if changed_since else "", registry_checks=statuses, apps=apps,
        tools=tuple(sorted({("repospbe", __version__), *(t for s in scans for t in s.tools)})),
    )
    finished = datetime.now(timezone.utc)
    record = replace(record, finished=_iso(finished))
    if output_dir is not None:
        record = write_all(output_dir, record, scans, all_findings,
                           ReportMeta(lang=lang, title="repospbe pipeline", subject=str(root),
                                      checks=tuple(c.name for c in statuses), started=started, finished=finished,
                                      scanners=scanners_of(record.tools), complete=record.status != "error"))
    return record, all_findings


def write_all(output_dir: Path, record: PipelineRecord, scans: list[AppScan], findings: list[Finding],
              meta: ReportMeta) -> PipelineRecord:
    apps = []
    for scan in scans:
        digests = write_artifacts(output_dir / "apps" / scan.run.key, scan.artifacts)
        apps.append(replace(scan.run, reports=digests))
    reports = write_reports(output_dir, findings, meta)
    record = replace(record, apps=tuple(apps), reports=reports)
    write_record(output_dir, record)
    return record


def apps_to_scan(root: Path, changed: set[str] | None) -> list[str]:
    """Keys of the apps with a pinned source whose inputs changed (all when None)."""
    pinned = _pinned_apps(root)
    if changed is None or any(p.startswith(_GLOBAL) for p in changed):
        return pinned
    keys = {k for p in changed if (k := app_key(p))}
    keys |= {p.split("/", 2)[2][: -len(".bundle")] for p in changed
             if p.startswith("registry/sources/") and p.endswith(".bundle") and p.count("/") == 3}
    return [k for k in pinned if k in keys]


def _pinned_apps(root: Path) -> list[str]:
    out = []
    for path in sorted((root / "registry" / "apps").glob("*/*/app.yaml")):
        key = f"{path.parent.parent.name}/{path.parent.name}"
        data = load_file(path, f"registry/apps/{key}/app.yaml").data
        pin = data.get("sumber") if isinstance(data, dict) else None
        if isinstance(pin, dict) and pin.get("repo") and pin.get("commit"):
            out.append(key)
    return out


def _scan_one(root: Path, key: str, opts: ScanOptions, cache: SourceCache, today: date | None,
              threshold: Severity, jobs: int | None, progress: Progress | None) -> AppScan:
    try:
        return scan_app(root, key, opts, cache, today=today, threshold=threshold, jobs=jobs, progress=progress)
    except InputError as exc:
        finding = Finding.make("source.unavailable", Severity.CRITICAL, "source.unavailable.msg",
                               path=f"registry/apps/{key}/app.yaml", hint="source.unavailable.hint",
                               app=key, error=exc.render("id")[:300])
        status = CheckStatus(name="source", status="error", findings=1, blocking=1, detail=exc.key)
        return AppScan(AppRun(key=key, checks=(status,)), [finding], (), ())


def _prefixed(key: str, finding: Finding) -> Finding:
    if finding.path.startswith("registry/"):
        return finding
    return replace(finding, path=f"{key}/{finding.path}" if finding.path else key)


def _overall(statuses: tuple[CheckStatus, ...], apps: tuple[AppRun, ...], findings: list[Finding],
             threshold: Severity) -> str:
    every = [*statuses, *(c for a in apps for c in a.checks)]
    if any(c.status == "error" for c in every):
        return "error"
    return "failed" if any(f.blocks(threshold) for f in findings) else "passed"


def registry_statuses(findings: list[Finding], threshold: Severity) -> tuple[CheckStatus, ...]:
    """One status per registry check group (``schema``, ``ref``, ... and ``load``)."""
    out = []
    owner = ["owner"] if any(f.check_id.startswith("owner.") for f in findings) else []
    for name in [_LOAD_GROUP, *REGISTRY_CHECKS, *owner]:
        mine = [f for f in findings if _group(f.check_id) == name]
        crashed = any(f.check_id == "check.crashed" and dict(f.params).get("check") == name for f in findings)
        blocking = sum(1 for f in mine if f.blocks(threshold))
        status = "error" if crashed else ("failed" if blocking else "passed")
        out.append(CheckStatus(name=name, status=status, findings=len(mine), blocking=blocking))
    return tuple(out)


def _group(check_id: str) -> str:
    head = check_id.split(".", 1)[0]
    return head if head in REGISTRY_CHECKS or head == "owner" else _LOAD_GROUP


def _rev(root: Path, ref: str) -> str:
    try:
        return git(root, "rev-parse", "--verify", "--quiet", ref).strip()
    except InputError:
        return ""


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
