"""What a path is now, by its stat data: the identity a replay is bound to.

A path that is a link counts with what it leads to (a link retargeted is another path). A
directory is walked without following links (its top-level ``.git`` only for what says
which commit is checked out: ``HEAD``, ``packed-refs``, ``refs/``); every entry contributes
its relative name, type, mode, size, inode, mtime and ctime (a link also its target).
ctime is set by the kernel on every change and no process can set it back, so an edited
file never keeps its fingerprint. An entry changed at or after ``settled_before`` (ns since
the epoch) makes the path ``Unsettled``: a change during the run that a stat snapshot taken
afterwards could not tell from the content the run read.
"""

from __future__ import annotations

import hashlib
import os
import stat

_GIT_KEPT = (b"HEAD", b"packed-refs", b"refs")


class Unsettled(Exception):
    """A path changed too recently to be bound to what a run read."""


def fingerprint(path: str, settled_before: int | None = None, *, skip: frozenset[str] = frozenset()) -> str:
    """sha256 over the stat data of ``path`` and, for a directory, everything under it
    (but entries named in ``skip``, at any depth)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return "absent"
    parts: list[bytes] = []
    raw = os.fsencode(path)
    _entry(parts, b".", raw, st, settled_before)
    if stat.S_ISLNK(st.st_mode):  # a link named on the command line: what it leads to counts too
        parts.append(b"->" + fingerprint(os.path.realpath(path), settled_before, skip=skip).encode())
    elif stat.S_ISDIR(st.st_mode):
        _walk(parts, raw, b"", settled_before, frozenset(os.fsencode(n) for n in skip), top=True)
    return hashlib.sha256(b"".join(parts)).hexdigest()


def _walk(
    parts: list[bytes], path: bytes, rel: bytes, settled_before: int | None, skip: frozenset[bytes], *, top: bool
) -> None:
    with os.scandir(path) as it:
        entries = sorted(it, key=_name)
    for entry in entries:
        name = entry.name
        if name in skip:
            continue
        st = entry.stat(follow_symlinks=False)
        child = rel + b"/" + name
        _entry(parts, child, entry.path, st, settled_before)
        if not stat.S_ISDIR(st.st_mode):
            continue
        if top and name == b".git":
            _git_refs(parts, entry.path, child, settled_before)
        else:
            _walk(parts, entry.path, child, settled_before, skip, top=False)


def _name(entry: os.DirEntry[bytes]) -> bytes:
    return entry.name


def _git_refs(parts: list[bytes], git_dir: bytes, rel: bytes, settled_before: int | None) -> None:
    """What ``.git`` says about the checked-out commit (its objects are not walked)."""
    for name in _GIT_KEPT:
        full = git_dir + b"/" + name
        try:
            st = os.lstat(full)
        except FileNotFoundError:
            continue
        child = rel + b"/" + name
        _entry(parts, child, full, st, settled_before)
        if stat.S_ISDIR(st.st_mode):
            _walk(parts, full, child, settled_before, frozenset(), top=False)


def _entry(parts: list[bytes], rel: bytes, full: bytes, st: os.stat_result, settled_before: int | None) -> None:
    if settled_before is not None and max(st.st_ctime_ns, st.st_mtime_ns) >= settled_before:
        raise Unsettled(os.fsdecode(full))
    parts.append(
        b"%s\0%d %d %d %d %d %d\0" % (rel, st.st_mode, st.st_size, st.st_ino, st.st_dev, st.st_mtime_ns, st.st_ctime_ns)
    )
    if stat.S_ISLNK(st.st_mode):
        parts.append(os.readlink(full) + b"\0")
