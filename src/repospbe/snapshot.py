"""The registry as it stood at a git ref, extracted read-only into a temporary directory."""
from __future__ import annotations

import fnmatch
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path
from typing import Iterator

from repospbe.errors import InputError


@contextmanager
def registry_at(root: Path, ref: str, parts: tuple[str, ...] = ("registry", "checks")) -> Iterator[Path]:
    """Yield a directory holding ``parts`` of ``root`` at ``ref`` (links never followed)."""
    plain = [p for p in parts if "*" not in p]
    globs = [p for p in parts if "*" in p]  # e.g. every app record, without the documents
    existing = subprocess.run(["git", "ls-tree", "--name-only", ref, *plain], cwd=root,
                              capture_output=True, text=True, check=False)
    if existing.returncode != 0:
        raise InputError("snapshot.bad-ref", ref=ref, error=existing.stderr.strip()[:200])
    names = existing.stdout.split() + _matches(root, ref, globs)
    with tempfile.TemporaryDirectory(prefix="repospbe-snapshot-") as tmp:
        if names:
            proc = subprocess.run(["git", "-c", "core.hooksPath=/dev/null", "archive", "--format=tar", ref, *names],
                                  cwd=root, capture_output=True, check=False)
            if proc.returncode != 0:
                raise InputError("snapshot.bad-ref", ref=ref, error=proc.stderr.decode()[:200])
            with tarfile.open(fileobj=BytesIO(proc.stdout)) as tar:
                tar.extractall(tmp, filter="data")
        yield Path(tmp)


def commit_time(root: Path, ref: str) -> str:
    proc = subprocess.run(["git", "log", "-1", "--format=%cI", ref], cwd=root, capture_output=True, text=True, check=False)
    return proc.stdout.strip()


def _matches(root: Path, ref: str, globs: list[str]) -> list[str]:
    """Files at ``ref`` matching the ``*`` patterns (``*`` never crosses a ``/``)."""
    out: list[str] = []
    for pattern in globs:
        prefix = pattern.split("*", 1)[0].rsplit("/", 1)[0]
        proc = subprocess.run(["git", "ls-tree", "-r", "--name-only", ref, "--", prefix], cwd=root,
                              capture_output=True, text=True, check=False)
        depth = pattern.count("/")
        out += [n for n in proc.stdout.splitlines() if n.count("/") == depth and fnmatch.fnmatchcase(n, pattern)]
    return out
