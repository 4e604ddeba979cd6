"""Private directories for caches and scratch space: ours, 0700, never a link.

A cache directory that another user (or group) could write to is a way to feed the
scanners a prepared tree or a prepared result. ``private_dir`` creates a directory
with mode 0700 whatever the umask; an existing one must be a real directory owned
by us and writable by nobody else (its read bits are tightened to 0700). A
directory that fails this is refused, or, for the subdirectories repospbe alone
creates (``recreate=True``), removed and created afresh.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from repospbe.errors import InputError


def private_dir(path: Path, *, recreate: bool = False) -> Path:
    """``path`` as a private directory (created when missing); InputError when unsafe."""
    os.makedirs(path, mode=0o700, exist_ok=True)
    problem = _problem(path)
    if problem and recreate and problem != "owner":
        shutil.rmtree(path) if not path.is_symlink() else path.unlink()
        os.makedirs(path, mode=0o700)
        problem = _problem(path)
    if problem:
        raise InputError("source.cache-unsafe", dir=str(path), reason=problem)
    if stat.S_IMODE(os.lstat(path).st_mode) != 0o700:
        os.chmod(path, 0o700)
    return path


def _problem(path: Path) -> str:
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        return "link"
    if st.st_uid != os.getuid():
        return "owner"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "writable"
    return ""
