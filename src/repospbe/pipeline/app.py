"""Source checks of one app (from its registry record) or of a plain directory."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from repospbe.errors import InputError
from repospbe.findings import Finding, Severity, sort_findings
from repospbe.pipeline.inputs import PolicyInputs, policy_inputs, require_app, waivers_rel
from repospbe.pipeline.policy import Waiver, apply_waivers, load_waivers
from repospbe.pipeline.record import AppRun, CheckStatus
from repospbe.pipeline.scan import Outcome, Progress
from repospbe.pipeline.stages import Stage, load_stages, stage_checks
from repospbe.pipeline.warm import scan_source
from repospbe.registry.handover import pemda_built
from repospbe.registry.instance import load_instance
from repospbe.scanners import SCANNERS
from repospbe.scanners.apptests import isolation_of
from repospbe.scanners.base import AppInfo, ScanOptions
from repospbe.source import SourceCache, SourceTree
from repospbe.states import Status

SOURCE_CHECK = "source"
WAIVER_CHECK = "waivers"


@dataclass(frozen=True)
class AppScan:
    """Everything one scan produced: record entry, findings, files to write."""

    run: AppRun
    findings: list[Finding]
    artifacts: tuple[tuple[str, str], ...]
    tools: tuple[tuple[str, str], ...]


def options_for(root: Path, **overrides: Any) -> ScanOptions:
    """Scan options from ``registry/instance.yaml`` (threshold, Pemda) and ``checks/semgrep``."""
    config = load_instance(root)
    base = ScanOptions(
        rules_dir=root / "checks" / "semgrep",
        doc_threshold=config.ambang_dokumentasi,
        advisory_max_age=config.umur_maks_basis_kerentanan,
        pemda=config.pemda,
        only=declared_checks(root),
    )
    return replace(base, **overrides)


def declared_checks(root: Path | None, stage: str | None = None) -> tuple[str, ...]:
    """The scanners the declared app stages (``pipelines/stages.yaml``) run; unknown ids refused."""
    return checks_of(load_stages(root or Path(".")), stage)


def checks_of(stages: tuple[Stage, ...], stage: str | None = None) -> tuple[str, ...]:
    checks = stage_checks(stages, stage)
    unknown = [c for c in checks if c not in SCANNERS]
    if unknown:
        raise InputError("stages.unknown-check", check=", ".join(unknown))
    return checks


def app_info(key: str, record: dict[str, Any]) -> AppInfo:
    return AppInfo(
        key=key,
        jenis=str(record.get("jenis", "")),
        status=str(record.get("status", "")),
        lisensi=str(record.get("lisensi", "")),
        hak_cipta=str(record.get("hak_cipta", "")),
        perintah_uji=str(record.get("perintah_uji", "")),
        license_exception=bool(record.get("pengecualian_lisensi")),
        pemda_built=pemda_built(record),
    )


def scan_app(
    root: Path,
    key: str,
    options: ScanOptions,
    cache: SourceCache,
    *,
    today: date | None = None,
    threshold: Severity = Severity.HIGH,
    jobs: int | None = None,
    progress: Progress | None = None,
    policy: PolicyInputs | None = None,
) -> AppScan:
    """Materialise ``key``'s pinned commit and run every scanner over it.

    The app record, its waivers and the rules come from ``policy`` (read before any scanner
    runs); without one they are read from the work tree at ``root`` now, once."""
    if policy is None:
        with policy_inputs(root, None, [key], rules_dir=options.rules_dir) as snap:
            return scan_app(
                root,
                key,
                replace(options, rules_dir=snap.rules_dir),
                cache,
                today=today,
                threshold=threshold,
                jobs=jobs,
                progress=progress,
                policy=snap,
            )
    source = prepare_app(root, key, policy, cache)
    return scan_prepared(
        key, source, policy, options, cache, today=today, threshold=threshold, jobs=jobs, progress=progress
    )


def prepare_app(root: Path, key: str, policy: PolicyInputs, cache: SourceCache) -> SourceTree:
    """The pinned source of ``key`` (as the snapshot's record names it), fetched and materialised."""
    record = require_app(policy, key)
    pin = record.get("sumber")
    if not isinstance(pin, dict) or not pin.get("repo") or not pin.get("commit"):
        raise InputError("source.no-pin", app=key)
    return cache.pinned(root, str(pin["repo"]), str(pin["commit"]), lazy=True)


def scan_prepared(
    key: str,
    source: SourceTree,
    policy: PolicyInputs,
    options: ScanOptions,
    cache: SourceCache,
    *,
    today: date | None = None,
    threshold: Severity = Severity.HIGH,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> AppScan:
    """Every scanner over a prepared source; waivers from the snapshot."""
    record = require_app(policy, key)
    source, outcomes = scan_source(source, options, cache, app=app_info(key, record), jobs=jobs, progress=progress)
    return assemble(key, source, outcomes, waivers_rel(key), policy.waivers(key), today or date.today(), threshold)


def scan_directory(
    directory: Path,
    options: ScanOptions,
    cache: SourceCache,
    *,
    app: AppInfo | None = None,
    waivers: tuple[Path, str] | None = None,
    today: date | None = None,
    threshold: Severity = Severity.HIGH,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> AppScan:
    """Scan a plain directory (no registry record): the checks that need none."""
    loaded = load_waivers(*waivers) if waivers else None  # read before any scanner runs
    found = cache.directory_tree(directory, lazy=True)
    source, outcomes = scan_source(found, options, cache, app=app, jobs=jobs, progress=progress)
    rel = waivers[1] if waivers else ""
    return assemble(app.key if app else directory.name, source, outcomes, rel, loaded, today or date.today(), threshold)


def assemble(
    key: str,
    source: SourceTree,
    outcomes: list[Outcome],
    waivers_rel: str,
    waivers: tuple[list[Waiver], list[Finding]] | None,
    today: date,
    threshold: Severity,
) -> AppScan:
    by_scanner = {o.scanner: list(o.result.findings) for o in outcomes}
    by_scanner[SOURCE_CHECK] = list(source.findings)
    waiver_findings: list[Finding] = []
    if waivers is not None:
        items, problems = waivers
        by_scanner, waiver_findings = apply_waivers(by_scanner, items, waivers_rel, today)
        waiver_findings += problems
    checks = [_status(SOURCE_CHECK, Status.PASSED, "", by_scanner[SOURCE_CHECK], threshold)]
    checks += [_status(o.scanner, o.result.status, o.result.detail, by_scanner[o.scanner], threshold) for o in outcomes]
    if waivers is not None:
        checks.append(_status(WAIVER_CHECK, Status.PASSED, "", waiver_findings, threshold))
    findings = sort_findings([f for items in by_scanner.values() for f in items] + waiver_findings)
    artifacts = tuple(a for o in outcomes for a in o.result.artifacts)
    tools = tuple(sorted({t for o in outcomes for t in o.tools}))
    run = AppRun(
        key=key,
        source_repo=source.repo,
        source_commit=source.commit,
        source_tree=source.tree,
        checks=tuple(checks),
        isolation=isolation_of(outcomes),
    )
    return AppScan(run, findings, artifacts, tools)


def _status(name: str, reported: str, detail: str, findings: list[Finding], threshold: Severity) -> CheckStatus:
    """``reported`` is what the scanner said (parsed here: an unknown status is an error, not a pass)."""
    blocking = sum(1 for f in findings if f.blocks(threshold))
    status = Status.parse(reported, name)
    if status not in (Status.ERROR, Status.SKIPPED):
        status = Status.FAILED if blocking else Status.PASSED
    return CheckStatus(name=name, status=status, findings=len(findings), blocking=blocking, detail=detail)
