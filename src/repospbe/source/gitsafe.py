"""git for untrusted repositories: no hooks, no user/system config, no attributes.

Every call runs with an empty global and system configuration and overrides the
settings a hostile repository could use to run a program (``core.fsmonitor``,
``core.hooksPath``, ``core.sshCommand``, ...). The source repository itself is
never opened as a git directory: its objects are reached through our own cache
repository (alternates for local paths, fetch for bundles and URLs).
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from repospbe.errors import InputError

GIT_TIMEOUT = 600
_OVERRIDES = (
    "core.hooksPath=/dev/null",
    "core.fsmonitor=false",
    "core.sshCommand=false",
    "core.askPass=false",
    "core.attributesFile=/dev/null",
    "core.symlinks=true",
    "protocol.ext.allow=never",
    "uploadpack.packObjectsHook=",
    "credential.helper=",
    "safe.directory=*",
)


def safe_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """A minimal environment for git: no user or system configuration at all."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": "/nonexistent",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_ATTR_NOSYSTEM": "1",
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_OPTIONAL_LOCKS": "0",
        "GIT_NO_REPLACE_OBJECTS": "1",
        "LC_ALL": "C",
    }
    for key in ("GIT_ALLOW_PROTOCOL",):
        if key in os.environ:
            env[key] = os.environ[key]
    env.update(extra or {})
    return env


def git_cmd(git_dir: Path, *args: str) -> list[str]:
    cmd = ["git", f"--git-dir={git_dir}"]
    for item in _OVERRIDES:
        cmd += ["-c", item]
    return [*cmd, *args]


def run_git(
    git_dir: Path,
    *args: str,
    input_bytes: bytes | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    check: bool = True,
) -> bytes:
    """Run git on our own repository ``git_dir``; stdout as bytes."""
    proc = subprocess.run(
        git_cmd(git_dir, *args), input=input_bytes, capture_output=True, check=False,
        env=safe_env(env), cwd=cwd or git_dir, timeout=GIT_TIMEOUT,
    )
    if check and proc.returncode != 0:
        raise InputError(
            "git.failed", command=" ".join(a for a in args[:6] if not a.startswith("-"))[:80],
            error=proc.stderr.decode("utf-8", "replace").strip()[:500],
        )
    return proc.stdout


def init_bare(git_dir: Path) -> None:
    """Create an empty bare repository (idempotent), with no hooks installed."""
    if (git_dir / "HEAD").is_file():
        return
    git_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["git", "init", "-q", "--bare", "--template=", str(git_dir)], check=True,
        capture_output=True, env=safe_env(), timeout=GIT_TIMEOUT,
    )


def has_commit(git_dir: Path, commit: str) -> bool:
    out = run_git(git_dir, "cat-file", "-t", commit, check=False)
    return out.strip() == b"commit"


def tree_of(git_dir: Path, commit: str) -> str:
    return run_git(git_dir, "rev-parse", "--verify", f"{commit}^{{tree}}").decode().strip()
