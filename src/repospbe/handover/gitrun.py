"""git for handover work: no hooks, no system config, bounded memory, explicit arguments."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from repospbe.errors import InputError

# Large blobs stream instead of being mapped whole; pack work stays within tens of MB.
# Fast zlib (level 1) and no delta search (pack.window=0): at 1 GiB the delta search
# alone took half of the ingest time; identical files are still stored once.
LOWMEM = (
    "-c", "core.bigFileThreshold=16m", "-c", "pack.windowMemory=32m", "-c", "pack.threads=1",
    "-c", "core.compression=1", "-c", "pack.window=0",
    "-c", "pack.deltaCacheSize=16m", "-c", "core.packedGitLimit=32m", "-c", "core.deltaBaseCacheLimit=16m",
    "-c", "core.packedGitWindowSize=16m", "-c", "gc.auto=0", "-c", "core.hooksPath=/dev/null",
    "-c", "core.fsmonitor=false", "-c", "protocol.allow=never", "-c", "protocol.file.allow=always",
)
TIMEOUT = 3600


def git_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    env.update(extra)
    return env


def git_bytes(cwd: Path, *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> bytes:
    """Run git in ``cwd``; return stdout; a failure is an InputError with git's message."""
    proc = subprocess.run(
        ["git", *LOWMEM, *args], cwd=cwd, env=env or git_env(), input=stdin,
        capture_output=True, check=False, timeout=TIMEOUT,
    )
    if proc.returncode != 0:
        shown = " ".join(a for a in args if not a.startswith("-c"))[:200]
        raise InputError("git.failed", command=shown, error=proc.stderr.decode("utf-8", "replace").strip()[:500])
    return proc.stdout


def git_text(cwd: Path, *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> str:
    return git_bytes(cwd, *args, stdin=stdin, env=env).decode("utf-8").strip()
