"""app-tests: real subprocesses in a scratch copy (in bubblewrap, or as a declared CI runner job);
timeouts kill every process."""

from __future__ import annotations

import os
import shlex
import time
from pathlib import Path

import pytest

from repospbe.scanners import apptests, isolation
from repospbe.scanners.base import AppInfo, ScanContext, ScanResult
from tests.scanners.conftest import options
from tests.scanners.sandboxing import require_sandbox

JUNIT = (
    '<testsuite name="s" tests="3" failures="1" errors="0" skipped="1">'
    '<testcase name="a"/><testcase name="b"><failure/></testcase><testcase name="c"><skipped/></testcase>'
    "</testsuite>"
)


@pytest.fixture(autouse=True)
def sandbox(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test here runs the default way (bubblewrap) unless it declares a CI runner job."""
    require_sandbox()
    monkeypatch.delenv(isolation.ISOLATION_ENV, raising=False)
    monkeypatch.delenv(isolation.BWRAP_ENV, raising=False)


def _run(tmp_path: Path, command: str, status: str = "pengembangan", timeout: float = 30) -> ScanResult:
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    (src / "junit.xml.in").write_text(JUNIT)
    ctx = ScanContext(
        src, "t", options(test_timeout=timeout), app=AppInfo(key="a/b", status=status, perintah_uji=command)
    )
    return apptests.run(ctx)


def _alive(marker: str, grace: float = 5.0) -> bool:
    """True while a live (not zombie) process with ``marker`` in its command line remains after
    ``grace`` seconds (a killed process may take a moment to leave the table on a busy machine)."""
    deadline = time.monotonic() + grace
    while True:
        if not _running(marker):
            return False
        if time.monotonic() > deadline:
            return True
        time.sleep(0.1)


def _running(marker: str) -> bool:
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if marker in cmdline and state != "Z":
            return True
    return False


def test_junit_counts_and_failure(tmp_path: Path) -> None:
    result = _run(tmp_path, "sh -c 'cp junit.xml.in hasil.xml; exit 1'")
    assert [(f.check_id, dict(f.params)) for f in result.findings] == [
        ("app-tests.failed", {"code": 1, "errors": 0, "failures": 1, "tests": 3})
    ]
    assert result.detail == "kode keluar 1; 1 lulus, 1 gagal, 0 galat, 1 dilewati; isolasi: bubblewrap"
    assert dict(result.artifacts)["app-tests.junit.xml"] == JUNIT


def test_passing_command_with_clean_environment(tmp_path: Path) -> None:
    os.environ["HTTPS_PROXY"] = "http://proxy.invalid:3128"
    try:
        result = _run(tmp_path, "sh -c 'env > seen.txt; test -z \"$HTTPS_PROXY\"'")
    finally:
        del os.environ["HTTPS_PROXY"]
    assert result.status == "passed" and result.findings == ()


def test_forked_process_that_never_exits_is_killed_on_timeout(tmp_path: Path) -> None:
    marker = "31337"
    result = _run(tmp_path, f"sh -c 'sleep {marker} & sleep {marker}'", timeout=1)
    assert [f.check_id for f in result.findings] == ["app-tests.timeout"]
    assert not _alive(f"sleep\x00{marker}")


def test_process_left_behind_is_killed_and_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = "31338"
    result = _run(tmp_path, f"sh -c '(sleep {marker} &) ; exit 0'")  # bubblewrap: its PID namespace ends
    assert result.findings == () and apptests.isolation_of(result) == "bubblewrap"
    assert not _alive(f"sleep\x00{marker}", grace=1.0)
    monkeypatch.setenv(isolation.ISOLATION_ENV, "ci-runner")  # a plain process group: found and killed
    result = _run(tmp_path, f"sh -c '(sleep {marker} &) ; exit 0'")
    assert [f.check_id for f in result.findings] == ["app-tests.leftover"]
    assert not _alive(f"sleep\x00{marker}")


def test_writing_outside_the_working_directory_is_refused_or_detected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _run(tmp_path, "sh -c 'echo x > ../lolos.txt'")  # bubblewrap: read-only outside the copy
    assert [(f.check_id, dict(f.params)["code"]) for f in result.findings] == [("app-tests.failed", 2)]
    assert "Read-only file system" in dict(result.artifacts)["app-tests.log"]
    result = _run(tmp_path, 'sh -c \'echo x > "$HOME/ok"; echo y > "$TMPDIR/ok"\'')
    assert result.findings == ()
    monkeypatch.setenv(isolation.ISOLATION_ENV, "ci-runner")
    result = _run(tmp_path, "sh -c 'echo x > ../lolos.txt'")
    assert [(f.check_id, dict(f.params)["names"]) for f in result.findings] == [
        ("app-tests.wrote-outside", "lolos.txt")
    ]
    result = _run(tmp_path, 'sh -c \'echo x > "$HOME/ok"; echo y > "$TMPDIR/ok"\'')
    assert result.findings == ()


def test_missing_command_blocks_only_in_production(tmp_path: Path) -> None:
    assert [f.check_id for f in _run(tmp_path, "", status="produksi").findings] == ["app-tests.missing"]
    assert _run(tmp_path, "", status="pengembangan").status == "skipped"
    missing = _run(tmp_path, shlex.join(["tidak-ada-program-ini"]))
    assert [f.check_id for f in missing.findings] == ["app-tests.not-started"]
    assert apptests.isolation_of(missing) == ""
