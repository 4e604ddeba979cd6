"""app-tests: run the app's declared test command (``perintah_uji``).

The command is split like a shell would (no shell is run) and executed in a
scratch copy of the source, with a clean environment (no proxies or
credentials; HOME and TMPDIR inside the scratch area), in its own process group
and with a timeout: on timeout, or when it leaves processes behind, the whole
group is killed. Writes outside the working directory (into the scratch area or
the cached source) are detected. JUnit XML written by the tests is collected and
counted. A missing test command for an app in status ``produksi`` is a finding.
"""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Any

from repospbe.findings import Finding, Severity
from repospbe.scanners.base import ScanContext, ScanResult, kill_group
from repospbe.scanners.junit_read import JUnitCounts, read_junit
from repospbe.scanners.sandbox import group_alive, snapshot

LOG_TAIL = 64 * 1024
_OURS = {"work", "home", "tmp", "log"}


def _f(key: str, sev: Severity, **params: Any) -> Finding:
    return Finding.make(key, sev, f"{key}.msg", hint=f"{key}.hint", **params)


def basis(ctx: ScanContext) -> str:
    app = ctx.app
    return repr((app.perintah_uji if app else "", ctx.options.test_timeout))


def run(ctx: ScanContext) -> ScanResult:
    app = ctx.app
    if app is None or not app.perintah_uji:
        if app is not None and app.status == "produksi":
            return ScanResult((_f("app-tests.missing", Severity.HIGH, app=app.key),), "failed", "tanpa perintah uji")
        return ScanResult(status="skipped", detail="tanpa perintah uji")
    try:
        argv = shlex.split(app.perintah_uji)
    except ValueError as exc:
        return ScanResult((_f("app-tests.bad-command", Severity.HIGH, error=str(exc)),), "failed", str(exc))
    with tempfile.TemporaryDirectory(prefix="repospbe-uji-") as scratch:
        return _run_in(ctx, argv, Path(scratch))


def _run_in(ctx: ScanContext, argv: list[str], scratch: Path) -> ScanResult:
    work = scratch / "work"
    shutil.copytree(ctx.source, work, symlinks=True)
    for sub in ("home", "tmp", "log"):
        (scratch / sub).mkdir()
    _writable(work)
    before_source = snapshot(ctx.source)
    before_work = {p: p.stat().st_mtime_ns for p in work.rglob("*.xml")}
    findings: list[Finding] = []
    started = time.time()
    with open(scratch / "log" / "out.txt", "wb") as log:
        rc = _execute(argv, work, scratch, log, ctx.options.test_timeout, findings)
    log_tail = (scratch / "log" / "out.txt").read_bytes()[-LOG_TAIL:].decode("utf-8", "replace")
    outside = sorted(p.name for p in scratch.iterdir() if p.name not in _OURS)
    if outside or snapshot(ctx.source) != before_source:
        findings.append(_f("app-tests.wrote-outside", Severity.HIGH, names=", ".join(outside) or "sumber"))
    counts, junit = read_junit(work, before_work, started)
    if rc is not None and rc != 0:
        findings.append(_f("app-tests.failed", Severity.HIGH, code=rc, tests=counts.tests,
                           failures=counts.failures, errors=counts.errors))
    detail = f"kode keluar {rc if rc is not None else '-'}; {counts.describe()}"
    status = "failed" if any(f.blocks(Severity.HIGH) for f in findings) else "passed"
    artifacts = [("app-tests.log", log_tail)] + ([("app-tests.junit.xml", junit)] if junit else [])
    return ScanResult(tuple(findings), status, detail, tuple(artifacts))


def _execute(argv: list[str], work: Path, scratch: Path, log: IO[bytes], timeout: float,
             findings: list[Finding]) -> int | None:
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(scratch / "home"), "TMPDIR": str(scratch / "tmp"), "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8", "CI": "true", "PYTHONDONTWRITEBYTECODE": "1",
    }
    try:
        proc = subprocess.Popen(argv, cwd=work, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    except OSError as exc:
        findings.append(_f("app-tests.not-started", Severity.HIGH, command=argv[0], error=exc.strerror or str(exc)))
        return None
    try:
        rc: int = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        findings.append(_f("app-tests.timeout", Severity.HIGH, seconds=f"{timeout:g}"))
        return None
    if group_alive(proc.pid):
        kill_group(proc)
        findings.append(_f("app-tests.leftover", Severity.MEDIUM))
    return rc


def _writable(work: Path) -> None:
    for dirpath, dirnames, filenames in os.walk(work):
        os.chmod(dirpath, 0o755)
        for name in filenames:
            full = os.path.join(dirpath, name)
            if not os.path.islink(full):
                os.chmod(full, os.stat(full).st_mode | 0o200)
