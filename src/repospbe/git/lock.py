"""A repository-wide lock so multi-ref updates and snapshots never interleave.

Every command that moves several refs together (merging a merge request) and
every reader that needs a consistent view of all refs (backup) holds it.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from repospbe.errors import InputError

LOCK_NAME = "repospbe.lock"


@contextmanager
def repo_lock(git_dir: Path, timeout: float = 60.0) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``git_dir`` (waits up to ``timeout`` s)."""
    fd = os.open(git_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise InputError("lock.timeout", repo=str(git_dir)) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)
