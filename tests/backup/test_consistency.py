"""A backup never captures half of a multi-ref update; a failed backup claims nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from repospbe.backup.create import create_backup
from repospbe.backup.manifest import read_manifest
from repospbe.backup.retention import apply_prune, plan_prune
from repospbe.errors import PolicyError
from repospbe.governance.gitrepo import Repo
from repospbe.governance.merge import merge_lock
from tests.backup.conftest import Operator
from tests.helpers.git import REPO_ROOT, commit_file, git


def test_backup_during_merge_captures_before_or_after_never_half(
    rich_registry: Path, operator: Operator, tmp_path: Path
) -> None:
    before_main = git(rich_registry, "rev-parse", "HEAD").strip()
    git(rich_registry, "checkout", "-q", "-b", "fitur")
    new = commit_file(rich_registry, "registry/README.md", "x\n", "fitur")
    git(rich_registry, "checkout", "-q", "main")
    locked = threading.Event()

    def merge() -> None:  # two ref updates under the very lock `mr merge` holds
        with merge_lock(Repo(rich_registry)):
            locked.set()
            git(rich_registry, "update-ref", "refs/heads/main", new, before_main)
            time.sleep(0.4)
            git(rich_registry, "update-ref", "refs/repospbe/mr/1/merged", new)

    thread = threading.Thread(target=merge)
    thread.start()
    locked.wait(5)
    set_dir = create_backup(rich_registry, tmp_path / "c", operator.key)
    thread.join()
    refs = read_manifest(set_dir)[0].repo("registry").refs  # type: ignore[union-attr]
    half = refs["refs/heads/main"] == new and "refs/repospbe/mr/1/merged" not in refs
    assert not half
    assert refs["refs/heads/main"] == new and refs["refs/repospbe/mr/1/merged"] == new


def _mount_tmpfs(where: Path, size: str) -> bool:
    where.mkdir()
    if os.geteuid() != 0:
        return False
    return (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True
        ).returncode
        == 0
    )


def test_disk_full_leaves_no_set_claiming_success(rich_registry: Path, operator: Operator, tmp_path: Path) -> None:
    commit_file(rich_registry, "registry/apps/diskominfo/besar/kak.md", os.urandom(400_000).hex(), "besar")
    out = tmp_path / "penuh"
    mounted = _mount_tmpfs(out, "96k")
    script = (
        "import resource,signal,sys;from pathlib import Path;"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN);"
        + ("" if mounted else "resource.setrlimit(resource.RLIMIT_FSIZE,(65536,65536));")
        + "from repospbe.cli import main;"
        f"sys.exit(main(['backup','create','--out',{str(out)!r},'--key',{str(operator.key)!r},"
        f"'--registry',{str(rich_registry)!r}]))"
    )
    try:
        proc = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")},
            timeout=60,
        )
        assert proc.returncode != 0
        assert list(out.glob("*/manifest.json")) == []
        assert [p.name for p in out.iterdir()] == []
    finally:
        if mounted:
            subprocess.run(["umount", str(out)], check=False)


def test_killed_atomic_write_keeps_previous_content(tmp_path: Path) -> None:
    target = tmp_path / "state.json"
    target.write_text('{"versi": 1}')
    ready = tmp_path / "ready"
    script = (
        "import os,time;from pathlib import Path;import repospbe.writefile as w;"
        f"os.fsync=lambda fd:(Path({str(ready)!r}).write_text('1'),time.sleep(60));"
        f"w.write_atomic(Path({str(target)!r}), 'x'*5_000_000)"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], env={**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")})
    deadline = time.monotonic() + 20
    while not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert ready.exists()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert target.read_text() == '{"versi": 1}'


def test_retention_plan_keeps_chains_and_needs_checksum(
    rich_registry: Path, operator: Operator, tmp_path: Path
) -> None:
    out = tmp_path / "c"
    start = datetime(2026, 1, 1, 1, tzinfo=UTC)
    prev = None
    names = []
    for day in range(5):
        commit_file(rich_registry, "registry/README.md", f"{day}\n", f"d{day}")
        when = start + timedelta(days=day * 20)
        since = prev if day % 2 == 1 else None
        prev = create_backup(rich_registry, out, operator.key, since=since, now=when)
        names.append(prev.name)
    # sets: Jan 1 full, Jan 21 inc, Feb 10 full, Mar 2 inc, Mar 22 full
    plan = plan_prune(out, keep_daily=1, keep_monthly=3)
    assert plan.keep == (names[0], names[1], names[2], names[4])  # Jan's newest is an inc: its full stays
    assert plan.delete == (names[3],)
    with pytest.raises(PolicyError):
        apply_prune(out, plan, "0" * 64)
    assert (out / names[3]).exists()
    apply_prune(out, plan, plan.checksum)
    assert not (out / names[3]).exists() and (out / names[0]).exists()
