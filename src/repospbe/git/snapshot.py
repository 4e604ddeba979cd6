"""The registry as it stood at a git ref, written into a private temporary directory.

Content comes from git objects only (``ls-tree`` + ``cat-file --batch`` on the one git
runner): no ``git archive``, so in-tree ``.gitattributes`` (``export-ignore``,
``export-subst``) cannot hide or rewrite a file of the commit under review. Links are
recreated, never followed; a link leading outside the snapshot is refused."""

from __future__ import annotations

import contextlib
import fnmatch
import os
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import IO

from repospbe import stamp
from repospbe.errors import InputError
from repospbe.git.runner import popen_git, run_git

_MODES = {b"100644": 0o644, b"100755": 0o755, b"120000": 0}


@contextmanager
def registry_at(
    root: Path, ref: str, parts: tuple[str, ...] = ("registry", "checks"), env: Mapping[str, str] | None = None
) -> Iterator[Path]:
    """Yield a directory holding ``parts`` of ``root`` at ``ref`` (links never followed).

    ``env``: explicit git variables (a pre-receive hook's quarantine, ``gitutil.hook_quarantine``)."""
    plain = [p for p in parts if "*" not in p]
    globs = [p for p in parts if "*" in p]  # e.g. every app record, without the documents
    if not ref or ref.startswith("-"):
        raise InputError("snapshot.bad-ref", ref=ref, error="ref")
    names = plain + _matches(root, ref, globs, env)
    if names:  # one recursive listing of every part (a bad ref is refused by it; absent parts list nothing)
        entries = _entries(root, ref, names, env)
    else:
        existing = run_git(root, "ls-tree", "--name-only", ref, check=False, env=env)
        if not existing.ok:
            raise InputError("snapshot.bad-ref", ref=ref, error=existing.error[:200])
        entries = []
    with tempfile.TemporaryDirectory(prefix="repospbe-snapshot-") as tmp:
        if entries:
            _write(root, ref, entries, Path(tmp), env)
        yield Path(tmp)


def commit_time(root: Path, ref: str) -> datetime:
    """When the commit ``ref`` was made (committer time), as an aware UTC datetime.

    git prints it with the committer's offset (``%cI``); a ref that is not a commit is an
    InputError (``snapshot.bad-commit``), never an empty time."""
    if not ref or ref.startswith("-"):
        raise InputError("snapshot.bad-commit", ref=ref, error="ref")
    shown = run_git(root, "log", "-1", "--format=%cI", f"{ref}^{{commit}}", "--", check=False)
    if not shown.ok or not shown.text.strip():
        raise InputError("snapshot.bad-commit", ref=ref, error=shown.error[:200] or "log")
    return stamp.parse(shown.text.strip())


def _matches(root: Path, ref: str, globs: list[str], env: Mapping[str, str] | None) -> list[str]:
    """Files at ``ref`` matching the ``*`` patterns (``*`` never crosses a ``/``)."""
    out: list[str] = []
    for pattern in globs:
        prefix = pattern.split("*", 1)[0].rsplit("/", 1)[0]
        listed = run_git(root, "ls-tree", "-r", "--name-only", ref, "--", prefix, check=False, env=env).text
        depth = pattern.count("/")
        out += [n for n in listed.splitlines() if n.count("/") == depth and fnmatch.fnmatchcase(n, pattern)]
    return out


def _entries(root: Path, ref: str, names: list[str], env: Mapping[str, str] | None) -> list[tuple[bytes, bytes, str]]:
    """(mode, object id, path) of every blob under ``names`` at ``ref`` (submodules skipped)."""
    listed = run_git(root, "ls-tree", "-r", "-z", "--full-tree", ref, "--", *names, check=False, env=env)
    if not listed.ok:
        raise InputError("snapshot.bad-ref", ref=ref, error=listed.error[:200])
    out: list[tuple[bytes, bytes, str]] = []
    for record in listed.stdout.split(b"\0"):
        if not record:
            continue
        meta, name = record.split(b"\t", 1)
        mode, kind, sha = meta.split(b" ")
        if kind == b"blob" and mode in _MODES:
            out.append((mode, sha, name.decode("utf-8", "surrogateescape")))
    return out


def _write(
    root: Path, ref: str, entries: list[tuple[bytes, bytes, str]], dest: Path, env: Mapping[str, str] | None
) -> None:
    """Files first, links last (so no file is ever written through a link), then every link
    is checked on the finished tree: a chain of links can not lead outside either."""
    links: list[tuple[Path, str]] = []
    proc = popen_git(
        root, "cat-file", "--batch", stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
    )
    assert proc.stdin is not None and proc.stdout is not None
    # Every request is written at once by a thread (no round trip per object; the thread keeps
    # a full pipe from blocking the reader), the answers are read here in the same order.
    feeder = threading.Thread(target=_feed, args=(proc.stdin, [sha for _, sha, _ in entries]), daemon=True)
    feeder.start()
    made: set[Path] = set()
    try:
        for mode, _sha, rel in entries:
            data = _read_object(proc.stdout, ref)
            path = _target(dest, rel, ref)
            if mode == b"120000":
                links.append((path, data.decode("utf-8", "surrogateescape")))
                continue
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, _MODES[mode])
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
    finally:
        proc.stdout.close()
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        feeder.join()
    _links(dest, links, ref)


def _feed(stdin: IO[bytes], shas: list[bytes]) -> None:
    """Write every object request, then close: ``cat-file --batch`` answers in order."""
    try:
        stdin.write(b"".join(sha + b"\n" for sha in shas))
    except OSError:  # git died (the reader reports it) or was killed after an error
        pass
    finally:
        with contextlib.suppress(OSError):
            stdin.close()


def _read_object(stream: IO[bytes], ref: str) -> bytes:
    header = stream.readline().split()
    if len(header) != 3 or header[1] != b"blob":
        raise InputError("snapshot.bad-ref", ref=ref, error="cat-file")
    size = int(header[2])
    data = stream.read(size + 1)
    if len(data) != size + 1:
        raise InputError("snapshot.bad-ref", ref=ref, error="cat-file")
    return data[:size]


def _target(dest: Path, rel: str, ref: str) -> Path:
    parts = rel.split("/")
    if any(p in ("", ".", "..", ".git") for p in parts):
        raise InputError("snapshot.bad-ref", ref=ref, error=f"path {rel}"[:200])
    return dest.joinpath(*parts)


def _links(dest: Path, links: list[tuple[Path, str]], ref: str) -> None:
    top = dest.resolve()
    for path, target in links:
        if not path.parent.resolve().is_relative_to(top):  # checked before anything is created
            raise InputError("snapshot.bad-ref", ref=ref, error=f"link {path.relative_to(dest)}"[:200])
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)
    for path, target in links:
        if os.path.isabs(target) or not path.resolve().is_relative_to(top):
            raise InputError("snapshot.bad-ref", ref=ref, error=f"link {path.relative_to(dest)} -> {target}"[:200])
