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

_GIT_KEPT = frozenset({"HEAD", "packed-refs", "refs"})


class Unsettled(Exception):
    """A path changed too recently to be bound to what a run read."""


def fingerprint(path: str, settled_before: int | None = None, *, skip: frozenset[str] = frozenset()) -> str:
    """sha256 over the stat data of ``path`` and, for a directory, everything under it
    (but entries named in ``skip``, at any depth)."""
    h = hashlib.sha256()
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return "absent"
    _entry(h, b".", path, st, settled_before)
    if stat.S_ISLNK(st.st_mode):  # a link named on the command line: what it leads to counts too
        h.update(b"->" + fingerprint(os.path.realpath(path), settled_before, skip=skip).encode())
    elif stat.S_ISDIR(st.st_mode):
        _walk(h, path, b"", settled_before, skip, top=True)
    return h.hexdigest()


def _walk(
    h: hashlib._Hash, path: str, rel: bytes, settled_before: int | None, skip: frozenset[str], *, top: bool
) -> None:
    with os.scandir(path) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        if entry.name in skip:
            continue
        name = os.fsencode(entry.name)
        st = entry.stat(follow_symlinks=False)
        child = rel + b"/" + name
        if top and entry.name == ".git" and stat.S_ISDIR(st.st_mode):
            _entry(h, child, entry.path, st, settled_before)
            _git_refs(h, entry.path, child, settled_before)
            continue
        _entry(h, child, entry.path, st, settled_before)
        if stat.S_ISDIR(st.st_mode):
            _walk(h, entry.path, child, settled_before, skip, top=False)


def _git_refs(h: hashlib._Hash, git_dir: str, rel: bytes, settled_before: int | None) -> None:
    """What ``.git`` says about the checked-out commit (its objects are not walked)."""
    for name in sorted(_GIT_KEPT):
        full = os.path.join(git_dir, name)
        try:
            st = os.lstat(full)
        except FileNotFoundError:
            continue
        child = rel + b"/" + name.encode()
        _entry(h, child, full, st, settled_before)
        if stat.S_ISDIR(st.st_mode):
            _walk(h, full, child, settled_before, frozenset(), top=False)


def _entry(h: hashlib._Hash, rel: bytes, full: str, st: os.stat_result, settled_before: int | None) -> None:
    if settled_before is not None and max(st.st_ctime_ns, st.st_mtime_ns) >= settled_before:
        raise Unsettled(full)
    h.update(
        b"%s\0%d %d %d %d %d %d\0" % (rel, st.st_mode, st.st_size, st.st_ino, st.st_dev, st.st_mtime_ns, st.st_ctime_ns)
    )
    if stat.S_ISLNK(st.st_mode):
        h.update(os.fsencode(os.readlink(full)) + b"\0")
