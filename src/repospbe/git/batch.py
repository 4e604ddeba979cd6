"""One long-lived ``git cat-file --batch`` for the many small reads of one repository.

Reading evidence starts a git process per file otherwise (a merge request's opening, records,
reports and decisions: hundreds per command, ~4 ms each). The batch process runs under the same
policy as every other git call (``runner.popen_git``) and answers ``<object> <type> <size>`` then
the content, or ``<name> missing``. Names holding a newline cannot be asked this way: the caller
falls back to one process for them.
"""

from __future__ import annotations

import subprocess
import threading
import weakref
from collections.abc import Mapping
from pathlib import Path

from repospbe.errors import InputError
from repospbe.git.runner import popen_git


class BatchReader:
    """Objects of one repository by name (``<commit>:<path>``, an object id), read in one process."""

    def __init__(self, cwd: Path, env: Mapping[str, str] | None = None) -> None:
        self._proc = popen_git(
            cwd,
            "cat-file",
            "--batch",
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        self._lock = threading.Lock()
        weakref.finalize(self, _close, self._proc)

    def read(self, name: str) -> tuple[str, bytes] | None:
        """(type, content) of the object ``name``, None when it does not exist."""
        found = self.read_with_id(name)
        return None if found is None else (found[1], found[2])

    def read_with_id(self, name: str) -> tuple[str, str, bytes] | None:
        """(object id, type, content) of the object ``name``, None when it does not exist."""
        if "\n" in name or "\r" in name:
            raise ValueError("object name with a line break")
        proc = self._proc
        assert proc.stdin is not None and proc.stdout is not None
        with self._lock:
            try:
                proc.stdin.write(name.encode("utf-8", "surrogateescape") + b"\n")
                proc.stdin.flush()
                header = proc.stdout.readline()
                if header.endswith((b" missing\n", b" ambiguous\n")):  # never the end of "<oid> <type> <size>"
                    return None
                parts = header.split()
                if len(parts) != 3 or not parts[2].isdigit():
                    detail = header[:200].decode("utf-8", "replace") or "no answer"
                    raise InputError("git.failed", command="cat-file --batch", error=detail)
                data = proc.stdout.read(int(parts[2]))
                if len(data) != int(parts[2]) or proc.stdout.read(1) != b"\n":  # then the newline after it
                    raise InputError("git.failed", command="cat-file --batch", error="the answer ended early")
            except (OSError, ValueError) as exc:
                raise InputError("git.failed", command="cat-file --batch", error=str(exc)[:200]) from exc
        return parts[0].decode(), parts[1].decode(), data

    def close(self) -> None:
        _close(self._proc)


def _close(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        try:
            if proc.stdin is not None:
                proc.stdin.close()
            proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
    if proc.stdout is not None:
        proc.stdout.close()
