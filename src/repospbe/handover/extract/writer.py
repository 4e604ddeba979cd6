"""The writer: applies every rule to each entry and streams files into staging.

Files are written with ``O_CREAT|O_EXCL|O_NOFOLLOW`` below a fresh directory in
which only this writer creates directories, so nothing can be redirected outside
it. Symlinks are recorded, never created; hard links are materialised as copies
of an earlier member. sha256 is computed while copying, in 1 MiB chunks.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from repospbe.handover.extract.names import link_target, normalise
from repospbe.handover.extract.policy import Extraction, ExtractRefused, Limits, Member
from repospbe.handover.extract.readers import Entry

CHUNK = 1024 * 1024


class Writer:
    """Accepts entries one at a time; ``finish()`` runs the whole-archive checks."""

    def __init__(self, dest: Path, limits: Limits, compressed: Callable[[], int] | None = None) -> None:
        dest.mkdir(parents=True, exist_ok=False)
        self.dest = dest
        self.limits = limits
        self.compressed = compressed
        self.members: dict[str, Member] = {}
        self.dirs: set[str] = set()
        self.dropped: list[str] = []
        self.total = 0
        self.count = 0
        self.inodes: dict[tuple[int, int], list[int]] = {}

    def add(self, entry: Entry) -> None:
        self.count += 1
        if self.count > self.limits.max_files:
            raise ExtractRefused("too-many-files", "", limit=self.limits.max_files)
        rel = normalise(entry.name, self.limits)
        if rel is None:
            self.dropped.append(entry.name)
            return
        if entry.kind == "special":
            raise ExtractRefused("special", entry.name, kind=entry.link)
        if rel == "":
            if entry.kind == "dir":
                return
            raise ExtractRefused("absolute", entry.name)
        if entry.kind == "dir":
            self._dir(rel, entry.name)
        elif entry.kind == "symlink":
            self._symlink(rel, entry)
        elif entry.kind == "hardlink":
            self._hardlink(rel, entry)
        else:
            self._file(rel, entry)

    def _claim(self, rel: str, raw: str) -> None:
        if rel in self.members or rel in self.dirs:
            raise ExtractRefused("duplicate", raw)
        parts = rel.split("/")
        for i in range(1, len(parts)):
            if "/".join(parts[:i]) in self.members:
                raise ExtractRefused("duplicate", raw)
        self.dirs.update("/".join(parts[:i]) for i in range(1, len(parts)))

    def _dir(self, rel: str, raw: str) -> None:
        if rel in self.members:
            raise ExtractRefused("duplicate", raw)
        if rel not in self.dirs:
            self._claim(rel, raw)
            self.dirs.add(rel)

    def _symlink(self, rel: str, entry: Entry) -> None:
        link_target(rel, entry.link, self.limits)
        self._claim(rel, entry.name)
        data = entry.link.encode("utf-8", "surrogateescape")
        self.members[rel] = Member(rel, len(data), hashlib.sha256(data).hexdigest(), "120000", entry.link)

    def _hardlink(self, rel: str, entry: Entry) -> None:
        try:
            source = normalise(entry.link, self.limits) if entry.link else ""
        except ExtractRefused:
            raise ExtractRefused("hardlink-escape", entry.name, target=entry.link) from None
        original = self.members.get(source or "")
        if not source or original is None or original.mode == "120000":
            raise ExtractRefused("hardlink-escape", entry.name, target=entry.link)
        self._claim(rel, entry.name)
        self._grow(original.size)
        target = self._target(rel)
        shutil.copyfile(self.dest / original.path, target, follow_symlinks=False)
        self.members[rel] = Member(rel, original.size, original.sha256, original.mode)

    def _file(self, rel: str, entry: Entry) -> None:
        self._claim(rel, entry.name)
        if entry.inode is not None:
            dev, ino, nlink = entry.inode
            if nlink > 1:
                self.inodes.setdefault((dev, ino), [nlink, 0])[1] += 1
        if entry.opener is None:
            raise ExtractRefused("corrupt", entry.name)
        digest = hashlib.sha256()
        size = 0
        fd = os.open(self._target(rel), os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "wb") as out, entry.opener() as src:
            while chunk := src.read(CHUNK):
                size += len(chunk)
                if size > self.limits.max_file_bytes:
                    raise ExtractRefused("file-too-large", entry.name, limit=self.limits.max_file_bytes)
                self._grow(len(chunk))
                digest.update(chunk)
                out.write(chunk)
        mode = "100755" if entry.executable else "100644"
        self.members[rel] = Member(rel, size, digest.hexdigest(), mode)

    def _target(self, rel: str) -> Path:
        target = self.dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def _grow(self, n: int) -> None:
        self.total += n
        if self.total > self.limits.max_total_bytes:
            raise ExtractRefused("too-large", "", limit=self.limits.max_total_bytes)
        if self.compressed is not None and self.total > self.limits.ratio_floor:
            if self.total > max(self.compressed(), 1) * self.limits.max_ratio:
                raise ExtractRefused("ratio", "", limit=self.limits.max_ratio)

    def finish(self) -> Extraction:
        links = {p: m for p, m in self.members.items() if m.mode == "120000"}
        for rel, member in links.items():
            _no_chain(rel, member.link, links)
        for (_, _), (nlink, seen) in self.inodes.items():
            if seen < nlink:
                raise ExtractRefused("hardlink-escape", "", target="inode")
        if not any(m.mode != "120000" for m in self.members.values()):
            raise ExtractRefused("empty", "")
        members = tuple(sorted(self.members.values(), key=lambda m: m.path))
        return Extraction(self.dest, members, tuple(self.dropped), self.total)


def _no_chain(rel: str, target: str, links: dict[str, Member]) -> None:
    """A link may not pass through another link: lexical checks would not hold."""
    stack = rel.split("/")[:-1]
    parts = [p for p in target.split("/") if p not in ("", ".")]
    for i, part in enumerate(parts):
        if part == "..":
            stack.pop()
            continue
        stack.append(part)
        if i < len(parts) - 1 and "/".join(stack) in links:
            raise ExtractRefused("symlink-escape", rel, target=target)
