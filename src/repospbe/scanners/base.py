"""What a source scanner receives and returns, and how outside tools are run.

A scanner is a small plugin: a stable id, a docstring that is its documentation,
and ``run(ctx) -> ScanResult``. Outside tools run as subprocesses with explicit
argument lists, a timeout, their own process group (killed whole on timeout) and
a clean environment without proxies; a tool that is missing, crashes or times
out raises ``ToolError`` and the orchestrator turns it into a blocking finding.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from repospbe.findings import Finding
from repospbe.states import Status

DISTRIBUTIONS = {"semgrep": "semgrep", "bandit": "bandit", "detect-secrets": "detect-secrets"}


class ToolError(Exception):
    """An outside tool could not give an answer: ``kind`` is missing, crashed or timeout."""

    def __init__(self, kind: str, tool: str, detail: str = "") -> None:
        super().__init__(f"{tool}: {kind}: {detail}")
        self.kind = kind
        self.tool = tool
        self.detail = detail


@dataclass(frozen=True)
class AppInfo:
    """The parts of an app record the source checks read."""

    key: str
    jenis: str = ""
    status: str = ""
    lisensi: str = ""
    hak_cipta: str = ""
    perintah_uji: str = ""
    license_exception: bool = False
    pemda_built: bool = False  # built by an OPD or a vendor for the Pemda: the Pemda holds its copyright


@dataclass(frozen=True)
class ScanOptions:
    rules_dir: Path | None = None
    include_third_party: bool = False
    tools: tuple[tuple[str, str], ...] = ()
    timeout: float = 900.0
    test_timeout: float = 600.0
    doc_threshold: float = 100.0
    advisory_max_age: int = 30  # days (``umur_maks_basis_kerentanan`` in instance.yaml)
    semgrep_timeout: int = 30  # seconds per file (semgrep --timeout)
    max_target_bytes: int = 5_000_000  # larger first-party files are reported as not scanned
    pemda: str = ""
    only: tuple[str, ...] = ()  # scanner ids to run (from pipelines/stages.yaml); () = all


@dataclass(frozen=True)
class ThirdParty:
    """Bundled third-party code found in a tree: excluded from SAST unless asked."""

    dirs: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    libraries: tuple[tuple[str, str, str], ...] = ()  # (path, name, version)

    def excluded(self, rel: str) -> bool:
        return rel in self.files or any(rel == d or rel.startswith(d + "/") for d in self.dirs)


@dataclass(frozen=True)
class ScanContext:
    source: Path
    tree: str
    options: ScanOptions
    third_party: ThirdParty = field(default_factory=ThirdParty)
    app: AppInfo | None = None
    # Called once a scanner's outside tool has started (semgrep: the Python-side scanners
    # wait for it, so the longest run starts first; repospbe.pipeline.scan).
    launched: Callable[[], None] = field(default=lambda: None, compare=False, repr=False)

    def tool(self, name: str) -> str:
        return tool_path(name, dict(self.options.tools))

    @property
    def exclusions(self) -> ThirdParty:
        return ThirdParty() if self.options.include_third_party else self.third_party


@dataclass(frozen=True)
class ScanResult:
    findings: tuple[Finding, ...] = ()
    status: Status = Status.PASSED
    detail: str = ""
    artifacts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Scanner:
    """One registered scanner."""

    id: str
    run: Callable[[ScanContext], ScanResult]
    tools: tuple[str, ...] = ()
    basis: Callable[[ScanContext], str] = lambda ctx: ""
    needs_record: bool = False


def tool_path(name: str, overrides: dict[str, str]) -> str:
    """Override, ``$REPOSPBE_TOOL_<NAME>``, the tool beside our interpreter, or PATH."""
    env_key = "REPOSPBE_TOOL_" + name.upper().replace("-", "_")
    explicit = overrides.get(name) or os.environ.get(env_key)
    if explicit:
        return explicit
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    return shutil.which(name) or name


def tool_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """A clean environment: no proxies, no credentials, metrics and update checks off."""
    env = {k: os.environ[k] for k in ("PATH", "HOME", "TMPDIR", "LANG") if k in os.environ}
    env.update(
        {
            "LC_ALL": "C.UTF-8",
            "SEMGREP_SEND_METRICS": "off",
            "SEMGREP_ENABLE_VERSION_CHECK": "0",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    env.update(extra or {})
    return env


def run_tool(
    tool: str,
    argv: list[str],
    *,
    cwd: Path,
    timeout: float,
    ok_codes: tuple[int, ...] = (0,),
    started: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``argv``; raise ToolError when it is missing, times out or fails (``started``: called
    once the process runs)."""
    try:
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            env=tool_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    except (FileNotFoundError, PermissionError, NotADirectoryError) as exc:
        raise ToolError("missing", tool, f"{argv[0]}: {exc.strerror or exc}") from None
    if started is not None:
        started()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        raise ToolError("timeout", tool, f"{timeout:g} s") from None
    if proc.returncode not in ok_codes:
        tail = err.decode("utf-8", "replace").strip()[-400:]
        raise ToolError("crashed", tool, f"exit {proc.returncode}: {tail}")
    return subprocess.CompletedProcess(argv, proc.returncode, out, err)


def kill_group(proc: subprocess.Popen[Any]) -> None:
    """Kill ``proc``'s whole process group and reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        proc.communicate(timeout=10)
    except (subprocess.TimeoutExpired, ValueError):
        proc.kill()


def tool_version(name: str, path: str) -> str:
    """The version of tool ``name`` at ``path`` (from package metadata when it is ours)."""
    try:
        mtime = os.stat(path).st_mtime if os.path.exists(path) else 0.0
    except OSError:
        mtime = 0.0
    return _version(name, path, mtime)


@lru_cache(maxsize=32)
def _version(name: str, path: str, _mtime: float) -> str:
    beside = Path(sys.executable).parent / name
    if name in DISTRIBUTIONS and Path(path) == beside:
        return metadata.version(DISTRIBUTIONS[name])
    proc = run_tool(name, [path, "--version"], cwd=Path("/"), timeout=60)
    text = (proc.stdout or proc.stderr).decode("utf-8", "replace").strip()
    return text.splitlines()[0][:100] if text else "unknown"


def run_json_tool(
    tool: str,
    argv: list[str],
    *,
    cwd: Path,
    timeout: float,
    ok_codes: tuple[int, ...] = (0,),
    started: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """``run_tool`` for tools that print one JSON object; anything else means the tool crashed."""
    proc = run_tool(tool, argv, cwd=cwd, timeout=timeout, ok_codes=ok_codes, started=started)
    try:
        data = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise ToolError("crashed", tool, f"invalid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ToolError("crashed", tool, "JSON is not an object")
    return data
