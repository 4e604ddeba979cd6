"""The one git runner: every git call in repospbe goes through ``run_git`` or ``popen_git``.

Built on GitPython's command executor (``git.cmd.Git.execute``: argument lists, no shell,
a kill-after timeout, ``GitCommandError``), with one environment policy for every call:

- the process starts from an **empty environment** (``env -i``): no inherited ``GIT_DIR``,
  ``GIT_INDEX_FILE``, ``GIT_OBJECT_DIRECTORY``, ``GIT_CONFIG_*`` or other overrides reach git;
  only ``PATH`` (and ``HOME`` for a user's own repository) are passed on, plus what the
  caller names explicitly in ``env``;
- ``GIT_NO_REPLACE_OBJECTS=1``: ``refs/replace/*`` never changes what an object says;
- ``core.fsmonitor=false`` and ``core.hooksPath=/dev/null``: a repository's configuration
  can not make git run a program (a planted ``core.fsmonitor`` would run on every call);
- no system configuration ever; for internal repositories (``internal=True``: caches,
  scratch repositories, anything repospbe owns) no global configuration either;
- ``hostile=True`` adds the overrides for repositories whose content came from a vendor
  (ssh, askpass, attributes, external protocols, credential helpers);
- ``bulk=True`` is for handover-sized work (whole delivered repositories): low-memory pack
  settings, a one-hour timeout and, unless ``env`` is given, the caller's commit identity.

``run_git`` returns the whole result; ``git_bytes`` and ``git_text`` return stdout (of a call
that must succeed, an InputError with git's message otherwise; ``git_text(check=False)`` does not check).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from repospbe.errors import InputError

DEFAULT_TIMEOUT = 120.0
BULK_TIMEOUT = 3600.0
# Large blobs stream instead of being mapped whole; pack work stays within tens of MB.
# Fast zlib (level 1) and no delta search (pack.window=0): at 1 GiB the delta search
# alone took half of the ingest time; identical files are still stored once.
LOWMEM = (
    "core.bigFileThreshold=16m",
    "pack.windowMemory=32m",
    "pack.threads=1",
    "core.compression=1",
    "pack.window=0",
    "pack.deltaCacheSize=16m",
    "core.packedGitLimit=32m",
    "core.deltaBaseCacheLimit=16m",
    "core.packedGitWindowSize=16m",
    "gc.auto=0",
    "protocol.allow=never",
    "protocol.file.allow=always",
)
# Who a commit is by may come from the caller's environment (CI, tests); nothing else does.
IDENTITY_ENV = (
    "GIT_AUTHOR_NAME",
    "GIT_AUTHOR_EMAIL",
    "GIT_AUTHOR_DATE",
    "GIT_COMMITTER_NAME",
    "GIT_COMMITTER_EMAIL",
    "GIT_COMMITTER_DATE",
)
_ALWAYS = (
    "core.hooksPath=/dev/null",
    "core.fsmonitor=false",
    "commit.gpgsign=false",
    "tag.gpgsign=false",
    "protocol.ext.allow=never",
)
_HOSTILE = (
    "core.sshCommand=false",
    "core.askPass=false",
    "core.attributesFile=/dev/null",
    "core.symlinks=true",
    "uploadpack.packObjectsHook=",
    "credential.helper=",
    "safe.directory=*",
)
_POLICY_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_NO_REPLACE_OBJECTS": "1",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_ATTR_NOSYSTEM": "1",
    "LC_ALL": "C",
    "LANGUAGE": "C",
}
# What a caller may name in ``env`` (anything else is refused: a typo must not widen the policy).
ALLOWED_ENV = frozenset(
    {
        "GIT_INDEX_FILE",
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_AUTHOR_DATE",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "GIT_COMMITTER_DATE",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_QUARANTINE_PATH",
        "GIT_ALLOW_PROTOCOL",
        "GIT_WORK_TREE",
        "TZ",
    }
)


@dataclass(frozen=True)
class GitResult:
    """What one git call produced (bytes; decode with ``.text``)."""

    returncode: int
    stdout: bytes
    stderr: bytes

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def text(self) -> str:
        return self.stdout.decode("utf-8", "replace")

    @property
    def error(self) -> str:
        return self.stderr.decode("utf-8", "replace").strip()[:500]


def identity_env(**extra: str) -> dict[str, str]:
    """The caller's commit identity variables (only those), plus ``extra``."""
    env = {k: os.environ[k] for k in IDENTITY_ENV if os.environ.get(k)}
    env.update(extra)
    return env


def environment(*, internal: bool = False, env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The complete environment a git process gets (nothing else is inherited)."""
    extra = dict(env or {})
    unknown = sorted(set(extra) - ALLOWED_ENV)
    if unknown:
        raise ValueError(f"git environment not allowed by policy: {', '.join(unknown)}")
    out = {"PATH": os.environ.get("PATH") or "/usr/bin:/bin", **_POLICY_ENV}
    if internal:
        out.update(HOME="/nonexistent", GIT_CONFIG_GLOBAL="/dev/null")
    elif os.environ.get("HOME"):
        out["HOME"] = os.environ["HOME"]
    out.update(extra)
    return out


def command(
    args: Sequence[str],
    *,
    internal: bool = False,
    hostile: bool = False,
    git_dir: Path | None = None,
    env: Mapping[str, str] | None = None,
    bulk: bool = False,
) -> list[str]:
    """The full argument list: ``env -i <policy> git -c <overrides> [--git-dir] <args>``."""
    assigned = [f"{k}={v}" for k, v in sorted(environment(internal=internal, env=env).items())]
    pairs = _ALWAYS + (_HOSTILE if hostile else ()) + (LOWMEM if bulk else ())
    overrides = [item for pair in pairs for item in ("-c", pair)]
    where = [f"--git-dir={git_dir}"] if git_dir is not None else []
    return ["env", "-i", *assigned, "git", *overrides, *where, *(str(a) for a in args)]


def run_git(
    cwd: Path,
    *args: str,
    input: bytes | None = None,
    env: Mapping[str, str] | None = None,
    check: bool = True,
    timeout: float | None = DEFAULT_TIMEOUT,
    internal: bool = False,
    hostile: bool = False,
    git_dir: Path | None = None,
    bulk: bool = False,
) -> GitResult:
    """Run one git command in ``cwd`` under the policy; ``check`` raises InputError on failure."""
    if bulk:
        env, timeout = (identity_env() if env is None else env), BULK_TIMEOUT
    cmd = command(args, internal=internal, hostile=hostile, git_dir=git_dir, env=env, bulk=bulk)
    from git.exc import GitCommandError, GitCommandNotFound  # GitPython is imported on first use (70 ms)

    try:
        with _stdin(input) as istream:
            code, out, err = _execute(cwd, cmd, istream, timeout)
    except GitCommandNotFound as exc:
        raise InputError("git.failed", command=_shown(args), error=str(exc)[:300]) from exc
    except GitCommandError as exc:  # pragma: no cover - with_exceptions=False
        code, out, err = exc.status if isinstance(exc.status, int) else 1, b"", str(exc).encode()
    result = GitResult(int(code), _as_bytes(out), _as_bytes(err))
    if check and not result.ok:
        raise InputError("git.failed", command=_shown(args), error=result.error)
    return result


def git_bytes(
    cwd: Path,
    *args: str,
    input: bytes | None = None,
    env: Mapping[str, str] | None = None,
    internal: bool = False,
    hostile: bool = False,
    bulk: bool = False,
) -> bytes:
    """stdout of a git call that must succeed."""
    return run_git(cwd, *args, input=input, env=env, internal=internal, hostile=hostile, bulk=bulk).stdout


def git_text(
    cwd: Path,
    *args: str,
    input: bytes | None = None,
    env: Mapping[str, str] | None = None,
    check: bool = True,
    internal: bool = False,
    hostile: bool = False,
    bulk: bool = False,
) -> str:
    """stdout of a git call as text (``check=False``: whatever it printed, failure or not)."""
    return run_git(cwd, *args, input=input, env=env, check=check, internal=internal, hostile=hostile, bulk=bulk).text


def popen_git(
    cwd: Path,
    *args: str,
    stdin: int | IO[bytes] | None = None,
    stdout: int | IO[bytes] | None = None,
    stderr: int | IO[bytes] | None = None,
    env: Mapping[str, str] | None = None,
    internal: bool = False,
    hostile: bool = False,
    git_dir: Path | None = None,
) -> subprocess.Popen[bytes]:
    """A streaming git process (``cat-file --batch``, ``archive``) under the same policy."""
    cmd = command(args, internal=internal, hostile=hostile, git_dir=git_dir, env=env)
    return subprocess.Popen(cmd, cwd=cwd, env={}, stdin=stdin, stdout=stdout, stderr=stderr)


def _execute(cwd: Path, cmd: list[str], istream: IO[bytes] | None, timeout: float | None) -> tuple[Any, Any, Any]:
    from git.cmd import Git

    executor: Any = Git(str(cwd))  # GitPython's overloads do not type this combination
    result: tuple[Any, Any, Any] = executor.execute(
        cmd,
        istream=istream,
        with_extended_output=True,
        stdout_as_string=False,
        strip_newline_in_stdout=False,
        kill_after_timeout=timeout,
        with_exceptions=False,
    )
    return result


@contextmanager
def _stdin(data: bytes | None) -> Iterator[IO[bytes] | None]:
    """Input for git as a real file (GitPython hands ``istream`` to the process as stdin)."""
    if data is None:
        yield None
        return
    with tempfile.TemporaryFile() as fh:
        fh.write(data)
        fh.seek(0)
        yield fh


def _as_bytes(value: object) -> bytes:
    if isinstance(value, bytes):
        return value
    return str(value or "").encode("utf-8")


def _shown(args: Sequence[str]) -> str:
    return " ".join(a for a in args[:6] if not str(a).startswith("-"))[:80]
