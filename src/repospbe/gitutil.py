"""Small, safe git helpers (subprocess; no hooks, no user config)."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from repospbe.errors import InputError

SAFE_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_OPTIONAL_LOCKS": "0",
}


def git(root: Path, *args: str, check: bool = True, input_text: str | None = None) -> str:
    """Run git in ``root`` with hooks disabled; return stdout."""
    env = {**os.environ, **SAFE_ENV}
    cmd = ["git", "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", *args]
    proc = subprocess.run(
        cmd, cwd=root, env=env, capture_output=True, text=True, input=input_text, check=False
    )
    if check and proc.returncode != 0:
        raise InputError("git.failed", command=" ".join(args), error=proc.stderr.strip()[:500])
    return proc.stdout


def changed_paths(root: Path, ref: str) -> set[str]:
    """Paths (relative to ``root``) changed between ``ref`` and the work tree, untracked included."""
    git(root, "rev-parse", "--git-dir")  # not a repository: git's own message, exit 2
    if not ref or ref.startswith("-") or git(root, "rev-parse", "--verify", "--quiet",
                                              f"{ref}^{{commit}}", check=False) == "":
        raise InputError("git.bad-ref", ref=ref)
    diff = git(root, "diff", "--name-only", "--no-renames", "--relative", "-z", ref, "--")
    untracked = git(root, "ls-files", "--others", "--exclude-standard", "-z")
    return {p for p in (diff + untracked).split("\0") if p}
