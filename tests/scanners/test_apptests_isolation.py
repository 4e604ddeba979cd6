"""Which isolation app tests get: bubblewrap, a declared CI runner job, or none (then they do not run),
and how the pipeline record states it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from repospbe.findings import Severity
from repospbe.pipeline.record import AppRun, CheckStatus, PipelineRecord
from repospbe.pipeline.scan import scan_tree
from repospbe.scanners import apptests, isolation
from repospbe.scanners.base import AppInfo, ScanContext, ScanResult
from repospbe.source import SourceCache
from tests.scanners.conftest import options
from tests.scanners.sandboxing import require_sandbox

# Writes a marker at an absolute host path: it appears only when the command ran outside a sandbox.
ESCAPE = "import sys; open(sys.argv[1], 'w').write('ran')"


@pytest.fixture(autouse=True)
def clean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(isolation.ISOLATION_ENV, raising=False)
    monkeypatch.delenv(isolation.BWRAP_ENV, raising=False)


def _run(tmp_path: Path) -> tuple[ScanResult, Path]:
    src = tmp_path / "app"
    src.mkdir(exist_ok=True)
    (src / "escape.py").write_text(ESCAPE)
    marker = tmp_path / "ran-on-host"
    marker.unlink(missing_ok=True)
    ctx = ScanContext(src, "t", options(), app=AppInfo(key="a/b", perintah_uji=f"python escape.py {marker}"))
    return apptests.run(ctx), marker


@pytest.mark.parametrize("bwrap", ["/nonexistent/bwrap", "/bin/false"], ids=["missing", "cannot-sandbox"])
def test_without_a_sandbox_tests_do_not_run_and_the_check_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bwrap: str
) -> None:
    monkeypatch.setenv(isolation.BWRAP_ENV, bwrap)
    result, marker = _run(tmp_path)
    assert [(f.check_id, f.severity) for f in result.findings] == [("app-tests.no-sandbox", Severity.HIGH)]
    assert result.status == "failed" and result.findings[0].blocks(Severity.HIGH)
    assert not marker.exists() and apptests.isolation_of(result) == ""
    assert result.detail.endswith("; isolasi: -")


def test_a_declared_ci_runner_job_runs_them_as_a_plain_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(isolation.BWRAP_ENV, "/nonexistent/bwrap")
    monkeypatch.setenv(isolation.ISOLATION_ENV, "ci-runner")
    result, marker = _run(tmp_path)
    assert result.findings == () and result.status == "passed"
    assert marker.read_text() == "ran" and apptests.isolation_of(result) == "ci-runner"


@pytest.mark.parametrize("value", ["none", "CI-RUNNER", "bubblewrap", "ci-runner "])
def test_any_other_isolation_value_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(isolation.ISOLATION_ENV, value)
    result, marker = _run(tmp_path)
    assert [(f.check_id, dict(f.params)["reason"]) for f in result.findings] == [("app-tests.bad-isolation", value)]
    assert result.status == "failed" and not marker.exists() and apptests.isolation_of(result) == ""


def test_no_sandbox_message_in_both_languages_tells_how_to_install() -> None:
    from repospbe.i18n import t

    assert "bubblewrap" in t("app-tests.no-sandbox.msg", "id", reason="x")
    assert "apt-get install bubblewrap" in t("app-tests.no-sandbox.hint", "en", variable="REPOSPBE_ISOLATION")
    assert "REPOSPBE_ISOLATION=ci-runner" in t("app-tests.no-sandbox.hint", "id", variable="REPOSPBE_ISOLATION")


def test_isolation_of_scan_outcomes_and_results_never_cross_isolations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_sandbox()
    src = tmp_path / "app"
    src.mkdir()
    cache = SourceCache(tmp_path / "cache")
    app = AppInfo(key="a/b", perintah_uji="python -c pass")

    def scan() -> tuple[str, bool]:
        [outcome] = scan_tree(cache.directory_tree(src), options(), cache, app=app, only=("app-tests",))
        return apptests.isolation_of([outcome]), outcome.cached

    assert scan() == ("bubblewrap", False)
    assert scan() == ("bubblewrap", True)
    monkeypatch.setenv(isolation.ISOLATION_ENV, "ci-runner")
    assert scan() == ("ci-runner", False)  # a cached bubblewrap result is not reused
    monkeypatch.setenv(isolation.BWRAP_ENV, "/nonexistent/bwrap")
    monkeypatch.delenv(isolation.ISOLATION_ENV)
    assert scan() == ("", False)
    assert apptests.isolation_of([]) == ""


def test_record_serialises_isolation_and_it_changes_the_digest() -> None:
    check = CheckStatus("app-tests", "passed", detail="kode keluar 0; tanpa laporan JUnit; isolasi: bubblewrap")
    run = AppRun(key="diskominfo/satu", source_commit="a" * 40, checks=(check,), isolation="bubblewrap")
    record = PipelineRecord("b" * 40, "c" * 40, "passed", "2026-12-03T00:00:00Z", "2026-12-03T00:00:01Z", apps=(run,))
    data = json.loads(record.canonical())
    assert data["apps"][0]["isolation"] == "bubblewrap"
    assert b'"isolation":"bubblewrap"' in record.canonical()
    assert PipelineRecord.from_dict(data) == record
    assert PipelineRecord.from_dict(data).canonical() == record.canonical()
    unsandboxed = PipelineRecord.from_dict({**data, "apps": [{**data["apps"][0], "isolation": "ci-runner"}]})
    assert unsandboxed.apps[0].isolation == "ci-runner" and unsandboxed.digest() != record.digest()
    assert (
        json.loads(PipelineRecord.from_dict({**data, "apps": [{"key": "x"}]}).canonical())["apps"][0]["isolation"] == ""
    )


def test_the_interpreter_is_bound_but_never_a_home_or_what_holds_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    dirs = isolation.python_dirs()
    assert any(Path(sys.prefix).resolve().is_relative_to(d) for d in dirs)
    assert any(Path(sys.base_prefix).resolve().is_relative_to(d) for d in dirs) or sys.base_prefix.startswith("/usr")
    assert not {"/", "/root", "/home", "/usr"} & set(dirs)
    home = tmp_path / "home" / "reviewer"
    (home / ".pyenv").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(sys, "base_prefix", str(tmp_path))  # an install that holds the reviewer's home
    monkeypatch.setattr(sys, "base_exec_prefix", str(home))
    monkeypatch.setattr(sys, "exec_prefix", str(home / ".pyenv"))  # inside a home: fine, only itself
    dirs = isolation.python_dirs()
    assert str(tmp_path) not in dirs and str(home) not in dirs and str(home / ".pyenv") in dirs


def test_an_interpreter_under_tmp_is_bound_after_the_tmpfs_that_would_hide_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A clone (and its .venv) under /tmp: CI clones anywhere. bwrap applies mounts in order, so the
    # interpreter's bind must come after the tmpfs on /tmp, or the sandbox cannot exec python.
    venv = tmp_path / "klon" / ".venv"
    venv.mkdir(parents=True)
    monkeypatch.setattr(isolation, "python_dirs", lambda: [str(venv)])
    (tmp_path / "work").mkdir()
    argv = isolation.command("/usr/bin/bwrap", tmp_path, ["python", "-c", "pass"])
    tmpfs_tmp = next(i for i in range(len(argv) - 1) if argv[i] == "--tmpfs" and argv[i + 1] == isolation.TMP)
    bind = next(i for i in range(len(argv) - 2) if argv[i] == "--ro-bind" and argv[i + 1] == str(venv))
    assert bind > tmpfs_tmp
