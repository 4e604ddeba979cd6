"""app-tests: run the app's declared test command (``perintah_uji``) in isolation.

App code is hostile: the command runs only in a bubblewrap sandbox (see
``scanners/isolation.py``: own namespaces, read-only system view, a throwaway copy
of the source as the only writable tree, nothing of the caller's home,
repository, virtualenv, caches or processes visible, resource limits), or, when
the run declares itself a CI runner job (``REPOSPBE_ISOLATION=ci-runner``), as a
plain process group with a clean environment. Where no sandbox can be made the
tests do not run and a blocking finding says why. The command is split like a
shell would (no shell is run); a timeout stops every process. JUnit XML written
by the tests into their copy is collected and counted, with the log tail. The
result's detail ends with ``isolasi: <bubblewrap|ci-runner|->``; ``isolation_of``
reads it back for the pipeline record. A missing test command for an app in
status ``produksi`` is a finding.
"""

from __future__ import annotations

import os
import select
import shlex
import shutil
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Protocol

from repospbe.findings import Finding, Severity
from repospbe.scanners import isolation
from repospbe.scanners.base import ScanContext, ScanResult, kill_group
from repospbe.scanners.junit_read import read_junit
from repospbe.scanners.sandbox import group_alive, snapshot
from repospbe.states import Isolation, Status

LOG_TAIL = 64 * 1024
ISOLATION_LABEL = "isolasi: "
_OURS = {"work", "home", "tmp", "log", "etc"}


class _Outcome(Protocol):
    @property
    def scanner(self) -> str: ...

    @property
    def result(self) -> ScanResult: ...


def basis(ctx: ScanContext) -> str:
    app = ctx.app
    command = app.perintah_uji if app else ""
    return repr((command, ctx.options.test_timeout, isolation.basis() if command else ""))


def isolation_of(found: ScanResult | Iterable[_Outcome]) -> Isolation:
    """Where the app tests ran (``Isolation.NONE`` when they did not run)."""
    if isinstance(found, ScanResult):
        last = found.detail.rsplit("; ", 1)[-1]
        kind = last[len(ISOLATION_LABEL) :] if last.startswith(ISOLATION_LABEL) else ""
        return Isolation(kind) if kind in (Isolation.BUBBLEWRAP, Isolation.CI_RUNNER) else Isolation.NONE
    return next((isolation_of(o.result) for o in found if o.scanner == "app-tests"), Isolation.NONE)


def run(ctx: ScanContext) -> ScanResult:
    app = ctx.app
    if app is None or not app.perintah_uji:
        if app is not None and app.status == "produksi":
            return ScanResult(
                (Finding.make("app-tests.missing", Severity.HIGH, app=app.key),), Status.FAILED, "tanpa perintah uji"
            )
        return ScanResult(status=Status.SKIPPED, detail="tanpa perintah uji")
    try:
        argv = shlex.split(app.perintah_uji)
    except ValueError as exc:
        return ScanResult(
            (Finding.make("app-tests.bad-command", Severity.HIGH, error=str(exc)),), Status.FAILED, str(exc)
        )
    if not argv:
        return ScanResult((Finding.make("app-tests.bad-command", Severity.HIGH, error="-"),), Status.FAILED, "-")
    mode = isolation.choose()
    if not mode.kind:
        finding = Finding.make(mode.check, Severity.HIGH, reason=mode.reason, variable=isolation.ISOLATION_ENV)
        return ScanResult((finding,), Status.FAILED, f"tidak dijalankan: {mode.reason}; {ISOLATION_LABEL}-")
    with tempfile.TemporaryDirectory(prefix="repospbe-uji-") as scratch:
        return _run_in(ctx, argv, Path(scratch), mode.kind)


def _run_in(ctx: ScanContext, argv: list[str], scratch: Path, kind: Isolation) -> ScanResult:
    work = scratch / "work"
    shutil.copytree(ctx.source, work, symlinks=True)
    for sub in ("home", "tmp", "log"):
        (scratch / sub).mkdir()
    _writable(work)
    before_source = snapshot(ctx.source)
    before_work = {p: p.stat().st_mtime_ns for p in work.rglob("*.xml")}
    findings: list[Finding] = []
    started = time.time()
    execute = _sandboxed if kind == isolation.BUBBLEWRAP else _plain
    with open(scratch / "log" / "out.txt", "wb") as log:
        rc, ran = execute(argv, work, scratch, log, ctx.options.test_timeout, findings)
    log_tail = (scratch / "log" / "out.txt").read_bytes()[-LOG_TAIL:].decode("utf-8", "replace")
    outside = sorted(p.name for p in scratch.iterdir() if p.name not in _OURS)
    if outside or snapshot(ctx.source) != before_source:
        findings.append(Finding.make("app-tests.wrote-outside", Severity.HIGH, names=", ".join(outside) or "sumber"))
    _drop_special(work)
    counts, junit = read_junit(work, before_work, started)
    if rc is not None and rc != 0:
        findings.append(
            Finding.make(
                "app-tests.failed",
                Severity.HIGH,
                code=rc,
                tests=counts.tests,
                failures=counts.failures,
                errors=counts.errors,
            )
        )
    detail = (
        f"kode keluar {rc if rc is not None else '-'}; {counts.describe()}; {ISOLATION_LABEL}{kind if ran else '-'}"
    )
    status = Status.FAILED if any(f.blocks(Severity.HIGH) for f in findings) else Status.PASSED
    artifacts = [("app-tests.log", log_tail)] + ([("app-tests.junit.xml", junit)] if junit else [])
    return ScanResult(tuple(findings), status, detail, tuple(artifacts))


def _sandboxed(
    argv: list[str], work: Path, scratch: Path, log: IO[bytes], timeout: float, findings: list[Finding]
) -> tuple[int | None, bool]:
    """Run in bubblewrap (bwrap itself gets an empty environment and a fresh session keyring)."""
    if not isolation.resolvable(argv[0]):
        findings.append(Finding.make("app-tests.not-started", Severity.HIGH, command=argv[0], error=os.strerror(2)))
        return None, False
    full = isolation.command(isolation.bwrap_path(), scratch, argv)
    try:
        proc = subprocess.Popen(
            full,
            env={},
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=isolation.fresh_keyring,
        )
    except OSError as exc:
        findings.append(
            Finding.make("app-tests.not-started", Severity.HIGH, command=full[0], error=exc.strerror or str(exc))
        )
        return None, False
    return _wait(proc, timeout, findings, check_group=False), True


def _plain(
    argv: list[str], work: Path, scratch: Path, log: IO[bytes], timeout: float, findings: list[Finding]
) -> tuple[int | None, bool]:
    """A declared CI runner job: a plain process group with a clean environment."""
    env = {**isolation.environment(), "HOME": str(scratch / "home"), "TMPDIR": str(scratch / "tmp")}
    try:
        proc = subprocess.Popen(
            argv,
            cwd=work,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    except OSError as exc:
        findings.append(
            Finding.make("app-tests.not-started", Severity.HIGH, command=argv[0], error=exc.strerror or str(exc))
        )
        return None, False
    return _wait(proc, timeout, findings, check_group=True), True


def _wait(proc: subprocess.Popen[bytes], timeout: float, findings: list[Finding], *, check_group: bool) -> int | None:
    try:
        rc = _exit_within(proc, timeout)
    except subprocess.TimeoutExpired:
        kill_group(proc)  # bubblewrap: its PID namespace dies with it (--die-with-parent)
        findings.append(Finding.make("app-tests.timeout", Severity.HIGH, seconds=f"{timeout:g}"))
        return None
    if check_group and group_alive(proc.pid):
        kill_group(proc)
        findings.append(Finding.make("app-tests.leftover", Severity.MEDIUM))
    return rc


def _exit_within(proc: subprocess.Popen[bytes], timeout: float) -> int:
    """``proc.wait(timeout)`` without its polling delay (up to 50 ms a run): wait on a pidfd."""
    try:
        pidfd = os.pidfd_open(proc.pid)
    except (AttributeError, OSError):
        return proc.wait(timeout=timeout)
    try:
        ready, _, _ = select.select([pidfd], [], [], timeout)
    finally:
        os.close(pidfd)
    if not ready:
        raise subprocess.TimeoutExpired(proc.args, timeout)
    return proc.wait()


def _writable(work: Path) -> None:
    for dirpath, _dirnames, filenames in os.walk(work):
        os.chmod(dirpath, 0o755)
        for name in filenames:
            full = os.path.join(dirpath, name)
            if not os.path.islink(full):
                os.chmod(full, os.stat(full).st_mode | 0o200)


def _drop_special(work: Path) -> None:
    """Remove FIFOs, sockets and devices the tests left (reading a FIFO named ``*.xml`` would hang)."""
    for dirpath, _dirnames, filenames in os.walk(work):
        for name in filenames:
            full = os.path.join(dirpath, name)
            mode = os.lstat(full).st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
                os.unlink(full)
