"""git for handover work on the one git runner: bounded memory, explicit arguments.

Every call goes through ``repospbe.gitrun`` (empty inherited environment, no hooks, no
fsmonitor, no system config, no replace objects). ``internal=True`` for the repositories
repospbe creates and owns (the source store, scratch repositories): no global config either.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from repospbe.errors import InputError
from repospbe.gitrun import run_git
from repospbe.gitutil import identity_env

# Large blobs stream instead of being mapped whole; pack work stays within tens of MB.
# Fast zlib (level 1) and no delta search (pack.window=0): at 1 GiB the delta search
# alone took half of the ingest time; identical files are still stored once.
LOWMEM = (
    "-c", "core.bigFileThreshold=16m", "-c", "pack.windowMemory=32m", "-c", "pack.threads=1",
    "-c", "core.compression=1", "-c", "pack.window=0",
    "-c", "pack.deltaCacheSize=16m", "-c", "core.packedGitLimit=32m", "-c", "core.deltaBaseCacheLimit=16m",
    "-c", "core.packedGitWindowSize=16m", "-c", "gc.auto=0",
    "-c", "protocol.allow=never", "-c", "protocol.file.allow=always",
)
TIMEOUT = 3600


def git_env(**extra: str) -> dict[str, str]:
    """Extra environment for a handover git call: the caller's commit identity plus ``extra``
    (only keys the runner's policy allows; anything else is refused there)."""
    return identity_env(**extra)


def git_bytes(cwd: Path, *args: str, stdin: bytes | None = None, env: Mapping[str, str] | None = None,
              internal: bool = False, hostile: bool = False) -> bytes:
    """Run git in ``cwd``; return stdout; a failure is an InputError with git's message.

    ``hostile=True`` when the objects came from a vendor (a delivered bundle)."""
    result = run_git(cwd, *LOWMEM, *args, input=stdin, env=env if env is not None else git_env(),
                     check=False, timeout=TIMEOUT, internal=internal, hostile=hostile)
    if not result.ok:
        shown = " ".join(a for a in args if not a.startswith("-c"))[:200]
        raise InputError("git.failed", command=shown, error=result.error)
    return result.stdout


def git_text(cwd: Path, *args: str, stdin: bytes | None = None, env: Mapping[str, str] | None = None,
             internal: bool = False) -> str:
    return git_bytes(cwd, *args, stdin=stdin, env=env, internal=internal).decode("utf-8").strip()
