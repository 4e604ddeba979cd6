"""``repospbe pipeline run``: registry checks plus source checks of changed apps.

``run_pipeline`` is the library entry point (the governance code calls it); it
returns the pipeline record and every finding, and writes the reports, the scan
artefacts (per app under ``apps/<opd>/<app>/``) and the record when
``output_dir`` is given. Work is proportional to what changed: without
``changed_since`` every app with a pinned source is scanned; with it, only the
apps whose record, documents, waivers or source bundle changed (a change under
``checks/`` or to ``registry/instance.yaml`` means every app).

The verdict derives from the policy inputs only (``repospbe.pipeline.inputs``): app
records, waivers, rules, stages and the instance settings are read once, before any
scanner or app test runs; with ``commit`` (the governance path) from the git objects
of that commit, which is then also the commit the record names. Every pinned source
is fetched and materialised before the first app's tests run.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from repospbe import __version__, stamp
from repospbe.background import start, wait_quietly
from repospbe.checks import REGISTRY_CHECKS
from repospbe.engine import run_checks
from repospbe.errors import InputError
from repospbe.findings import Finding, Severity, sort_findings
from repospbe.formatters import ReportMeta
from repospbe.git.runner import git_text
from repospbe.git.util import changed_paths
from repospbe.ownership.check import check_change
from repospbe.pipeline.app import AppScan, checks_of, options_for, prepare_app, scan_prepared
from repospbe.pipeline.baseline import mark_preexisting, target_findings
from repospbe.pipeline.inputs import PolicyInputs, policy_inputs
from repospbe.pipeline.record import AppRun, CheckStatus, PipelineRecord
from repospbe.pipeline.reports import scanners_of, write_artifacts, write_record, write_reports
from repospbe.pipeline.scan import Progress
from repospbe.registry import load_registry
from repospbe.registry.handover import NOT_HANDED_OVER, needs_handover
from repospbe.registry.paths import app_key
from repospbe.scanners.base import ScanOptions
from repospbe.selection import expand
from repospbe.source import SourceCache, SourceTree, default_cache_dir
from repospbe.states import Status

_LOAD_GROUP = "load"
_GLOBAL = ("checks/", "registry/instance.yaml")
NOT_REQUIRED_DETAIL = "source.not-required"  # why a skipped source stage owes nothing (usulan, exempt, ...)


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
    commit: str | None = None,
) -> tuple[PipelineRecord, list[Finding]]:
    """Registry checks (of what changed) plus source checks of the changed apps.

    ``commit``: the work tree at ``root`` is a clean checkout of this commit and the policy
    inputs are read from its git objects (the governance path); without it, from the work tree."""
    started = datetime.now(UTC)
    head = commit or "HEAD"
    registry_commit, registry_tree = _rev(root, head), _rev(root, f"{head}^{{tree}}")  # before any app code
    base_commit = _rev(root, changed_since) if changed_since else ""
    changed = _changed(root, changed_since, commit) if changed_since else None
    selection = expand(root, changed) if changed is not None else None
    # The target's findings (mostly git extracting and listing ``changed_since``) beside the change's own.
    known = start(target_findings, root, changed_since, selection) if changed_since else None
    try:
        findings = run_checks(load_registry(root, selection))
    except BaseException:
        if known is not None:
            wait_quietly(known)
        raise
    if changed_since and known is not None:
        findings = mark_preexisting(findings, known())
        if opener_key:
            findings += check_change(root, changed_since, head, opener_key, today or date.today())
    statuses = registry_statuses(findings, threshold)
    scans: list[AppScan] = []
    if scan_sources:
        cache = SourceCache(cache_dir or default_cache_dir(root))
        scans = _scan_sources(root, commit, changed, options, cache, today, threshold, jobs, progress)
    all_findings = sort_findings(findings + [_prefixed(s.run.key, f) for s in scans for f in s.findings])
    apps = tuple(s.run for s in scans)
    record = PipelineRecord(
        registry_commit=registry_commit,
        registry_tree=registry_tree,
        status=_overall(statuses, apps, all_findings, threshold),
        started=_iso(started),
        finished="",
        base_commit=base_commit,
        registry_checks=statuses,
        apps=apps,
        tools=tuple(sorted({("repospbe", __version__), *(t for s in scans for t in s.tools)})),
    )
    finished = datetime.now(UTC)
    record = replace(record, finished=_iso(finished))
    if output_dir is not None:
        record = write_all(
            output_dir,
            record,
            scans,
            all_findings,
            ReportMeta(
                lang=lang,
                title="repospbe pipeline",
                subject=report_subject(changed, registry_commit),
                checks=tuple(c.name for c in statuses),
                started=started,
                finished=finished,
                scanners=scanners_of(record.tools),
                complete=record.status != Status.ERROR,
            ),
        )
    return record, all_findings


def report_subject(changed: set[str] | None, commit: str) -> str:
    """What a pipeline report is about, in the registry's own terms: the directories of the
    changed apps (``registry/apps/<opd>/<app>``), else the registry at its commit; never the
    path of the (cache) checkout the pipeline ran in."""
    keys = _changed_keys(changed) if changed is not None else ()
    if keys:
        return ", ".join(f"registry/apps/{k}" for k in keys)
    return f"registry @ {commit[:12]}"


def _changed(root: Path, base: str, commit: str | None) -> set[str]:
    """Paths changed since ``base``: up to the work tree, or (governance) up to ``commit`` itself."""
    if commit is None:
        return changed_paths(root, base)
    diff = git_text(root, "diff", "--name-only", "--no-renames", "-z", "--end-of-options", base, commit, "--")
    return {p for p in diff.split("\0") if p}


def _scan_sources(
    root: Path,
    commit: str | None,
    changed: set[str] | None,
    options: ScanOptions | None,
    cache: SourceCache,
    today: date | None,
    threshold: Severity,
    jobs: int | None,
    progress: Progress | None,
) -> list[AppScan]:
    """Snapshot the policy, prepare every source, then scan (app tests run only in the last phase)."""
    keys = _keys_of(changed)
    with policy_inputs(root, commit, keys, rules_dir=None if commit else _rules_of(options)) as policy:
        if commit:  # everything policy from the commit; the caller chooses only how to run
            opts = policy.options(options or ScanOptions(), checks_of(policy.stages()))
        else:
            opts = replace(options or options_for(root), rules_dir=policy.rules_dir)
        chosen = apps_to_scan(root, changed, policy)
        unpinned = [_not_scanned(k, policy) for k in _selected(changed, policy) if not _pinned(policy, k)]
        prepared: dict[str, SourceTree | AppScan] = {}
        for key in chosen:
            try:
                prepared[key] = prepare_app(root, key, policy, cache)
            except InputError as exc:
                prepared[key] = _unavailable(key, exc)
        scans = []
        for key in chosen:
            ready = prepared[key]
            if isinstance(ready, AppScan):
                scans.append(ready)
                continue
            try:
                scans.append(
                    scan_prepared(
                        key,
                        cache.recheck(ready),
                        policy,
                        opts,
                        cache,
                        today=today,
                        threshold=threshold,
                        jobs=jobs,
                        progress=progress,
                    )
                )
            except InputError as exc:
                scans.append(_unavailable(key, exc))
        return sorted(scans + unpinned, key=lambda scan: scan.run.key)


def _rules_of(options: ScanOptions | None) -> Path | None:
    return options.rules_dir if options is not None else None


def write_all(
    output_dir: Path, record: PipelineRecord, scans: list[AppScan], findings: list[Finding], meta: ReportMeta
) -> PipelineRecord:
    apps = []
    for scan in scans:
        digests = write_artifacts(output_dir / "apps" / scan.run.key, scan.artifacts)
        apps.append(replace(scan.run, reports=digests))
    reports = write_reports(output_dir, findings, meta)
    record = replace(record, apps=tuple(apps), reports=reports)
    write_record(output_dir, record)
    return record


def change_snapshot(root: Path, changed: set[str] | None) -> AbstractContextManager[PolicyInputs]:
    """The work tree's policy inputs for a change: only the changed apps' records are read
    (every app's on a global change, or when ``changed`` is None)."""
    return policy_inputs(root, None, _keys_of(changed))


def apps_to_scan(root: Path, changed: set[str] | None, policy: PolicyInputs | None = None) -> list[str]:
    """Keys of the apps with a pinned source whose inputs changed (all when None)."""
    if policy is None:
        with change_snapshot(root, changed) as snap:
            return apps_to_scan(root, changed, snap)
    return [k for k in _selected(changed, policy) if _pinned(policy, k)]


def _selected(changed: set[str] | None, policy: PolicyInputs) -> list[str]:
    """Keys of the apps whose inputs changed (all when None), existing in the snapshot."""
    if changed is None or any(p.startswith(_GLOBAL) for p in changed):
        return sorted(policy.apps)
    return [k for k in _changed_keys(changed) if policy.record(k) is not None]


def _keys_of(changed: set[str] | None) -> tuple[str, ...] | None:
    """The apps whose policy inputs a change needs read: None (all) for a full run or a global change."""
    return None if changed is None or any(p.startswith(_GLOBAL) for p in changed) else _changed_keys(changed)


def _changed_keys(changed: set[str]) -> tuple[str, ...]:
    keys = {k for p in changed if (k := app_key(p))}
    keys |= {
        p.split("/", 2)[2][: -len(".bundle")]
        for p in changed
        if p.startswith("registry/sources/") and p.endswith(".bundle") and p.count("/") == 3
    }
    return tuple(sorted(keys))


def _pinned(policy: PolicyInputs, key: str) -> bool:
    record = policy.record(key)
    pin = record.get("sumber") if record is not None else None
    return isinstance(pin, dict) and bool(pin.get("repo")) and bool(pin.get("commit"))


def _not_scanned(key: str, policy: PolicyInputs) -> AppScan:
    """An app without a pinned source: its source stage did not run, and the record says why.

    Where the source is owed (``source.not-handed-over``) the stage counts as failed, so a
    skipped source stage is never reported as passed."""
    owed = needs_handover(policy.record(key))
    status = CheckStatus(
        name="source",
        status=Status.FAILED if owed else Status.SKIPPED,
        findings=int(owed),
        blocking=int(owed),
        detail=NOT_HANDED_OVER if owed else NOT_REQUIRED_DETAIL,
    )
    return AppScan(AppRun(key=key, checks=(status,)), [], (), ())


def _unavailable(key: str, exc: InputError) -> AppScan:
    finding = Finding.make(
        "source.unavailable",
        Severity.CRITICAL,
        "source.unavailable.msg",
        path=f"registry/apps/{key}/app.yaml",
        hint="source.unavailable.hint",
        app=key,
        error=exc.render("id")[:300],
    )
    status = CheckStatus(name="source", status=Status.ERROR, findings=1, blocking=1, detail=exc.key)
    return AppScan(AppRun(key=key, checks=(status,)), [finding], (), ())


def _prefixed(key: str, finding: Finding) -> Finding:
    if finding.path.startswith("registry/"):
        return finding
    return replace(finding, path=f"{key}/{finding.path}" if finding.path else key)


def _overall(
    statuses: tuple[CheckStatus, ...], apps: tuple[AppRun, ...], findings: list[Finding], threshold: Severity
) -> Status:
    every = [*statuses, *(c for a in apps for c in a.checks)]
    if any(c.status == Status.ERROR for c in every):
        return Status.ERROR
    blocked = any(f.blocks(threshold) for f in findings) or any(c.status == Status.FAILED for c in every)
    return Status.FAILED if blocked else Status.PASSED


def not_scanned(record: PipelineRecord) -> dict[str, list[str]]:
    """Apps of a record whose source stage did not run, by reason (the detail key)."""
    out: dict[str, list[str]] = {}
    for app in record.apps:
        if (
            not app.source_commit
            and len(app.checks) == 1
            and app.checks[0].name == "source"
            and app.checks[0].detail in (NOT_HANDED_OVER, NOT_REQUIRED_DETAIL)
        ):
            out.setdefault(app.checks[0].detail, []).append(app.key)
    return out


def registry_statuses(findings: list[Finding], threshold: Severity) -> tuple[CheckStatus, ...]:
    """One status per registry check group (``schema``, ``ref``, ... and ``load``)."""
    out = []
    owner = ["owner"] if any(f.check_id.startswith("owner.") for f in findings) else []
    for name in [_LOAD_GROUP, *REGISTRY_CHECKS, *owner]:
        mine = [f for f in findings if _group(f.check_id) == name]
        crashed = any(f.check_id == "check.crashed" and dict(f.params).get("check") == name for f in findings)
        blocking = sum(1 for f in mine if f.blocks(threshold))
        status = Status.ERROR if crashed else (Status.FAILED if blocking else Status.PASSED)
        out.append(CheckStatus(name=name, status=status, findings=len(mine), blocking=blocking))
    return tuple(out)


def _group(check_id: str) -> str:
    head = check_id.split(".", 1)[0]
    return head if head in REGISTRY_CHECKS or head == "owner" else _LOAD_GROUP


def _rev(root: Path, ref: str) -> str:
    try:
        return git_text(root, "rev-parse", "--verify", "--quiet", ref).strip()
    except InputError:
        return ""


def _iso(moment: datetime) -> str:
    return stamp.format(moment)
