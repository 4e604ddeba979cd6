"""``repospbe scan`` and ``repospbe pipeline run|generate``: checks over application sources."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated

import typer

from repospbe import replay
from repospbe.cli import output
from repospbe.cli.blocking import print_blocking
from repospbe.cli.names import require_app
from repospbe.cli.options import Fmt, OutDir, Output, current, h
from repospbe.cli.progress import progress_bar
from repospbe.cli.scanreplay import replayed_scan
from repospbe.errors import InputError
from repospbe.findings import Finding
from repospbe.formatters import FORMATTERS, ReportMeta
from repospbe.i18n import t
from repospbe.pipeline.app import declared_checks, options_for
from repospbe.pipeline.policy import parse_threshold
from repospbe.pipeline.single import scan_one
from repospbe.registry.handover import NOT_HANDED_OVER
from repospbe.resources import default_path
from repospbe.scanners.base import AppInfo, ScanOptions
from repospbe.source import SourceCache, default_cache_dir
from repospbe.states import Status
from repospbe.writefile import write_atomic

ThirdParty = Annotated[bool, typer.Option("--include-third-party", help=h("opt.include-third-party"))]
CacheDir = Annotated[Path | None, typer.Option("--cache-dir", help=h("opt.cache-dir"))]
Jobs = Annotated[int | None, typer.Option("--jobs", "-j", help=h("opt.jobs"))]
FailOn = Annotated[str, typer.Option("--fail-on", help=h("opt.fail-on"))]


@dataclass(frozen=True, kw_only=True)
class ScanRequest:
    """``repospbe scan``: one registered app (``target``) or one directory (``path``)."""

    target: str | None = None
    path: Path | None = None
    fmt: str = "text"
    output_dir: Path | None = None
    include_third_party: bool = False
    cache_dir: Path | None = None
    jobs: int | None = None
    test_command: str | None = None
    rules: Path | None = None
    fail_on: str = "high"
    stage: str | None = None


@dataclass(frozen=True, kw_only=True)
class PipelineRequest:
    """``repospbe pipeline run``: registry checks plus source checks of the changed apps."""

    changed_since: str | None = None
    fmt: str = "text"
    output_dir: Path | None = None
    include_third_party: bool = False
    cache_dir: Path | None = None
    jobs: int | None = None
    fail_on: str = "high"
    opener: Path | None = None
    registry_only: bool = False


def scan(
    target: Annotated[str | None, typer.Argument(help=h("arg.scan-target"))] = None,
    path: Annotated[Path | None, typer.Option("--path", help=h("opt.scan-path"))] = None,
    fmt: Fmt = "text",
    output_dir: OutDir = None,
    include_third_party: ThirdParty = False,
    cache_dir: CacheDir = None,
    jobs: Jobs = None,
    test_command: Annotated[str | None, typer.Option("--test-command", help=h("opt.test-command"))] = None,
    rules: Annotated[Path | None, typer.Option("--rules", help=h("opt.rules"))] = None,
    fail_on: FailOn = "high",
    stage: Annotated[str | None, typer.Option("--stage", help=h("opt.stage"))] = None,
) -> int:
    return run_scan(
        ScanRequest(
            target=target,
            path=path,
            fmt=fmt,
            output_dir=output_dir,
            include_third_party=include_third_party,
            cache_dir=cache_dir,
            jobs=jobs,
            test_command=test_command,
            rules=rules,
            fail_on=fail_on,
            stage=stage,
        )
    )


def run_scan(req: ScanRequest) -> int:
    """Run the source checks of one registered app or of a directory; report them."""
    g = current()
    _known_format(req.fmt)
    if (req.target is None) == (req.path is None):
        raise InputError("scan.target")
    threshold = parse_threshold(req.fail_on)
    root = g.root() if req.target else g.optional_root()
    if req.target and root is not None:
        require_app(root, req.target)
    options = options_for(root) if root else ScanOptions(rules_dir=default_path("checks/semgrep"))
    options = replace(options, include_third_party=req.include_third_party, only=declared_checks(root, req.stage))
    if req.rules is not None:
        options = replace(options, rules_dir=req.rules.resolve())
    cache = SourceCache(req.cache_dir or default_cache_dir(root))
    info = AppInfo(key=req.path.resolve().name, perintah_uji=req.test_command or "") if req.path else None
    with progress_bar(t("scan.progress", g.lang)) as tick:
        record, findings, record_path = scan_one(
            options,
            cache,
            root=root,
            key=req.target,
            directory=req.path,
            app=info,
            output_dir=req.output_dir,
            threshold=threshold,
            lang=g.lang,
            jobs=req.jobs,
            progress=tick,
        )
    subject = str(req.target or req.path)
    meta = ReportMeta(lang=g.lang, title=f"repospbe scan {subject}", subject=subject, source_scan=True)
    _report(req.fmt, findings, meta)
    status = t(f"scan.status.{record.status}", g.lang)
    output.error(t("scan.record", g.lang, file=str(record_path), status=status))
    if req.path is not None and replay.pending():
        given = [req.path] + ([req.rules] if req.rules is not None else [])
        replay.note_scan(replayed_scan(given, root is None and not req.test_command, options, record, record_path))
    return 1 if record.status != Status.PASSED else 0


def pipeline_run(
    changed_since: Annotated[str | None, typer.Option("--changed-since", help=h("opt.changed-apps"))] = None,
    fmt: Fmt = "text",
    output_dir: OutDir = None,
    include_third_party: ThirdParty = False,
    cache_dir: CacheDir = None,
    jobs: Jobs = None,
    fail_on: FailOn = "high",
    opener: Annotated[Path | None, typer.Option("--opener", help=h("opt.opener"))] = None,
    registry_only: Annotated[bool, typer.Option("--registry-only", help=h("opt.registry-only"))] = False,
) -> int:
    return run_pipeline_request(
        PipelineRequest(
            changed_since=changed_since,
            fmt=fmt,
            output_dir=output_dir,
            include_third_party=include_third_party,
            cache_dir=cache_dir,
            jobs=jobs,
            fail_on=fail_on,
            opener=opener,
            registry_only=registry_only,
        )
    )


def run_pipeline_request(req: PipelineRequest) -> int:
    """Registry checks plus source checks of the changed apps, with every report."""
    from repospbe.pipeline.run import NOT_REQUIRED_DETAIL, not_scanned, run_pipeline  # not needed by ``scan``

    g = current()
    _known_format(req.fmt)
    root = g.root()
    options = options_for(root, include_third_party=req.include_third_party)
    opener_key = _read_key(req.opener) if req.opener else None
    if opener_key and not req.changed_since:
        raise InputError("pipeline.opener-needs-base")
    with progress_bar(t("scan.progress", g.lang)) as tick:
        record, findings = run_pipeline(
            root,
            req.changed_since,
            output_dir=req.output_dir,
            threshold=parse_threshold(req.fail_on),
            cache_dir=req.cache_dir,
            options=options,
            lang=g.lang,
            jobs=req.jobs,
            progress=tick,
            opener_key=opener_key,
            scan_sources=not req.registry_only,
        )
    _report(req.fmt, findings, ReportMeta(lang=g.lang, title="repospbe pipeline", subject=str(root)))
    skipped = not_scanned(record)
    scanned = len(record.apps) - sum(len(keys) for keys in skipped.values())
    output.error(t("pipeline.summary", g.lang, apps=scanned, status=t(f"scan.status.{record.status}", g.lang)))
    if record.status != Status.PASSED:
        print_blocking(findings, g.lang, parse_threshold(req.fail_on))
    for detail, message in ((NOT_HANDED_OVER, "pipeline.not-scanned"), (NOT_REQUIRED_DETAIL, "pipeline.not-required")):
        if skipped.get(detail):
            output.error(t(message, g.lang, apps=", ".join(skipped[detail])))
    return 1 if record.status != Status.PASSED else 0


def generate(
    changed_since: Annotated[str, typer.Option("--changed-since", help=h("opt.changed-base"))],
    output_file: Output = None,
) -> int:
    """Write the GitLab child pipeline: one job per changed app and app stage.

    Apps are chosen by the same rule as ``repospbe pipeline run`` (``apps_to_scan``):
    a change to ``checks/`` or ``registry/instance.yaml`` selects every app with a pinned source."""
    from repospbe.git.util import changed_paths
    from repospbe.gitlabci.child import child_pipeline, to_yaml
    from repospbe.gitlabci.testdeps import app_test_requirements
    from repospbe.pipeline.run import apps_to_scan, change_snapshot
    from repospbe.pipeline.stages import load_stages

    root = current().root()
    changed = changed_paths(root, changed_since)
    with change_snapshot(root, changed) as snap:  # one reading of the records for both questions
        apps = apps_to_scan(root, changed, snap)
        requirements = app_test_requirements(root, apps, snap)
    text = to_yaml(child_pipeline(load_stages(root), apps, requirements))
    if output_file is None:
        output.write(text)
    else:
        write_atomic(output_file, text)
    return 0


def _known_format(fmt: str) -> None:
    if fmt not in FORMATTERS:
        raise InputError("format.unknown", format=fmt, allowed=", ".join(FORMATTERS))


def _report(fmt: str, findings: list[Finding], meta: ReportMeta) -> None:
    report = FORMATTERS[fmt](findings, meta)
    if fmt == "text":
        output.console().print(report, end="")
    else:
        output.write(report)


def _read_key(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise InputError("path.missing", path=f"{path} ({exc.strerror})") from None
    if not text.startswith(("ssh-", "ecdsa-", "sk-")):
        raise InputError("pipeline.opener-not-public-key", path=str(path))
    return text


def register(app: typer.Typer) -> None:
    app.command("scan", help=h("scan"))(scan)
    pipeline_app = typer.Typer(help=h("pipeline"), no_args_is_help=True)
    pipeline_app.command("run", help=h("pipeline-run"))(pipeline_run)
    pipeline_app.command("generate", help=h("pipeline-generate"))(generate)
    app.add_typer(pipeline_app, name="pipeline")
