"""git for untrusted repositories, through the one git runner (``repospbe.git.runner``).

Every call is ``internal`` (no system or global configuration: these are repositories
repospbe owns) and ``hostile`` (the overrides a vendor's content could otherwise use
to run a program: ``core.fsmonitor``, ``core.hooksPath``, ``core.sshCommand``, ...).
The source repository itself is never opened as a git directory: its objects are
reached through our own cache repository (alternates for local paths, fetch for
bundles and URLs).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import IO

from repospbe.git import runner

GIT_TIMEOUT = 600.0
# Passed on from the caller's environment (``file://`` sources in tests and local mirrors).
_PASSED_ON = ("GIT_ALLOW_PROTOCOL",)


def _env(extra: dict[str, str] | None) -> dict[str, str]:
    env = {k: os.environ[k] for k in _PASSED_ON if k in os.environ}
    env.update(extra or {})
    return env


def run_git(
    git_dir: Path,
    *args: str,
    input_bytes: bytes | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    check: bool = True,
) -> bytes:
    """Run git on our own repository ``git_dir``; stdout as bytes (InputError on failure)."""
    return runner.run_git(
        cwd or git_dir,
        *args,
        input=input_bytes,
        env=_env(env),
        check=check,
        timeout=GIT_TIMEOUT,
        internal=True,
        hostile=True,
        git_dir=git_dir,
    ).stdout


def popen_git(
    git_dir: Path,
    *args: str,
    stdin: int | IO[bytes] | None = None,
    stdout: int | IO[bytes] | None = None,
    stderr: int | IO[bytes] | None = None,
) -> subprocess.Popen[bytes]:
    """A streaming git process on ``git_dir`` under the same policy."""
    return runner.popen_git(
        git_dir,
        *args,
        stdin=stdin,
        stdout=stdout,
        stderr=stderr,
        env=_env(None),
        internal=True,
        hostile=True,
        git_dir=git_dir,
    )


def init_bare(git_dir: Path) -> None:
    """Create an empty bare repository (idempotent), with no hooks installed, private to us."""
    if (git_dir / "HEAD").is_file():
        return
    os.makedirs(git_dir, mode=0o700, exist_ok=True)
    runner.run_git(
        git_dir,
        "init",
        "-q",
        "--bare",
        "--template=",
        str(git_dir),
        env=_env(None),
        timeout=GIT_TIMEOUT,
        internal=True,
        hostile=True,
    )


def has_commit(git_dir: Path, commit: str) -> bool:
    out = run_git(git_dir, "cat-file", "-t", commit, check=False)
    return out.strip() == b"commit"


def tree_of(git_dir: Path, commit: str) -> str:
    return run_git(git_dir, "rev-parse", "--verify", f"{commit}^{{tree}}").decode().strip()
