"""Replay entries on disk: ``<store>/<key>/entry.json`` and the files the run wrote.

The store is a private directory (``repospbe.private``: ours, 0700, never a link)
under ``$XDG_CACHE_HOME`` or ``~/.cache``. An entry is written whole into a scratch
directory and renamed into place; a replay checks every bound path's fingerprint and every
file's sha256 before it writes anything, and writes each file atomically.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from repospbe.private import private_dir
from repospbe.replay.fingerprint import fingerprint
from repospbe.replay.keys import FORMAT

ENTRY = "entry.json"
KEEP = 16  # entries kept; the oldest are removed when a new one is written


def store_dir() -> Path:
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return private_dir(base / "repospbe-replay")


class Replayed:
    """What the replayed run printed and its exit code (the terminal layer prints them)."""

    __slots__ = ("code", "stderr", "stdout")

    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code, self.stdout, self.stderr = code, stdout, stderr


def replay(key: str) -> Replayed | None:
    """Write the files the run bound to ``key`` wrote; what it printed, or None when it cannot be."""
    entry_dir = store_dir() / key
    try:
        entry = json.loads((entry_dir / ENTRY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key:
        return None
    if any(fingerprint(str(path)) != digest for path, digest in entry["bound"]):
        return None
    files: list[tuple[Path, bytes, int]] = []
    for number, (target, digest, mode) in enumerate(entry["files"]):
        data = (entry_dir / str(number)).read_bytes()
        if hashlib.sha256(data).hexdigest() != digest:
            return None
        files.append((Path(target), data, int(mode)))
    _write_all(files)
    return Replayed(int(entry["code"]), str(entry["stdout"]), str(entry["stderr"]))


def _write_all(files: list[tuple[Path, bytes, int]]) -> None:
    """Each file written beside its place and synced, then all renamed, then each directory synced
    (as ``writefile.write_atomic`` does file by file)."""
    staged: list[tuple[str, Path]] = []
    try:
        for target, data, mode in files:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = f"{target.parent}/.{target.name}.{os.getpid()}.replay"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, mode)
            staged.append((tmp, target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, mode)
        for tmp, target in staged:
            os.replace(tmp, target)
    except BaseException:
        for tmp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise
    for directory in {str(target.parent) for _, target in staged}:
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remember(key: str, bound: list[tuple[str, str]], files: list[Path], out: str, err: str, code: int) -> None:
    """Keep what a run wrote under ``key`` (``bound``: (path, fingerprint) it read)."""
    import shutil
    import tempfile

    store = store_dir()
    scratch = Path(tempfile.mkdtemp(prefix=".new-", dir=store))
    try:
        listed = []
        for number, path in enumerate(files):
            data = path.read_bytes()
            (scratch / str(number)).write_bytes(data)
            listed.append([str(path), hashlib.sha256(data).hexdigest(), path.stat().st_mode & 0o777])
        entry = {
            "format": FORMAT,
            "key": key,
            "bound": bound,
            "files": listed,
            "stdout": out,
            "stderr": err,
            "code": code,
        }
        (scratch / ENTRY).write_text(json.dumps(entry, ensure_ascii=True), encoding="utf-8")
        final = store / key
        if final.exists():
            shutil.rmtree(final)
        os.replace(scratch, final)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    _prune(store)


def _prune(store: Path) -> None:
    import shutil

    entries = sorted((p for p in store.iterdir() if not p.name.startswith(".")), key=lambda p: p.stat().st_mtime)
    for old in entries[:-KEEP]:
        shutil.rmtree(old, ignore_errors=True)
