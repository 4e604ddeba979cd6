"""Readers: turn a zip, a tar stream or a directory into a sequence of entries.

Readers only describe; ``writer.Writer`` decides. A reader never creates files,
never follows links and never seeks in a tar stream (``r|*``), so a compressed tar
is read once, in order, in small chunks.
"""

from __future__ import annotations

import os
import stat
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO

from repospbe.handover.extract.names import GIT_DIR
from repospbe.handover.extract.policy import ExtractRefused, Limits

Opener = Callable[[], IO[bytes]]


@dataclass(frozen=True)
class Entry:
    """One member as the archive describes it (kind: file, dir, symlink, hardlink, special)."""

    name: str
    kind: str
    size: int = 0
    executable: bool = False
    link: str = ""
    opener: Opener | None = None
    inode: tuple[int, int, int] | None = None  # (dev, ino, nlink) for directory input


class CountingReader:
    """Wraps the raw archive file and counts the (compressed) bytes consumed."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.count += len(data)
        return data


def iter_tar(stream: IO[bytes]) -> Iterator[Entry]:
    """Entries of a (possibly compressed) tar read as a forward-only stream."""
    with tarfile.open(fileobj=stream, mode="r|*") as tf:
        while (info := tf.next()) is not None:
            yield _tar_entry(tf, info)
            tf.members.clear()  # type: ignore[attr-defined]  # streaming: keep no per-member state


def _tar_entry(tf: tarfile.TarFile, info: tarfile.TarInfo) -> Entry:
    exe = bool(info.mode & 0o111)
    if info.isreg():
        return Entry(info.name, "file", info.size, exe, opener=lambda: _tar_open(tf, info))
    if info.isdir():
        return Entry(info.name, "dir")
    if info.issym():
        return Entry(info.name, "symlink", link=info.linkname)
    if info.islnk():
        return Entry(info.name, "hardlink", link=info.linkname)
    return Entry(info.name, "special", link=_TAR_KINDS.get(info.type, repr(info.type)))


_TAR_KINDS = {tarfile.CHRTYPE: "char-device", tarfile.BLKTYPE: "block-device", tarfile.FIFOTYPE: "fifo"}


def _tar_open(tf: tarfile.TarFile, info: tarfile.TarInfo) -> IO[bytes]:
    handle = tf.extractfile(info)
    if handle is None:
        raise ExtractRefused("corrupt", info.name)
    return handle


def zip_precheck(zf: zipfile.ZipFile, archive_size: int, limits: Limits) -> None:
    """Refuse from the central directory alone: count, declared size, ratio, encryption."""
    infos = zf.infolist()
    if len(infos) > limits.max_files:
        raise ExtractRefused("too-many-files", "", limit=limits.max_files)
    declared = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ExtractRefused("encrypted", info.orig_filename)
        declared += info.file_size
        if info.file_size > limits.ratio_floor and info.file_size > max(info.compress_size, 1) * limits.max_ratio:
            raise ExtractRefused("ratio", info.orig_filename, limit=limits.max_ratio)
    if declared > limits.max_total_bytes:
        raise ExtractRefused("too-large", "", limit=limits.max_total_bytes)
    if declared > limits.ratio_floor and declared > max(archive_size, 1) * limits.max_ratio:
        raise ExtractRefused("ratio", "", limit=limits.max_ratio)


def iter_zip(zf: zipfile.ZipFile, limits: Limits) -> Iterator[Entry]:
    """Entries of a zip; the kind comes from the Unix mode bits when present."""
    for info in zf.infolist():
        name = info.orig_filename  # before zipfile truncates at NUL
        mode = (info.external_attr >> 16) if info.create_system == 3 else 0  # Unix mode bits only
        ftype = stat.S_IFMT(mode)
        if info.is_dir() or stat.S_ISDIR(mode):
            yield Entry(name, "dir")
        elif stat.S_ISLNK(mode):
            if info.file_size > limits.max_link_bytes:
                raise ExtractRefused("symlink-escape", name, target="...")
            target = zf.read(info).decode("utf-8", "surrogateescape")
            yield Entry(name, "symlink", link=target)
        elif ftype and not stat.S_ISREG(mode):
            yield Entry(name, "special", link=stat.filemode(mode)[0])
        else:
            yield Entry(name, "file", info.file_size, bool(mode & 0o111), opener=lambda info=info: zf.open(info))  # type: ignore[misc]


def iter_dir(root: Path) -> Iterator[Entry]:
    """Entries of a directory tree, without following links or entering ``.git``."""
    stack = [("", root)]
    while stack:
        rel, path = stack.pop()
        with os.scandir(path) as it:
            entries = sorted(it, key=lambda e: e.name)
        for entry in entries:
            name = f"{rel}{entry.name}"
            yield from _dir_entry(entry, name, stack)


def _dir_entry(entry: os.DirEntry[str], name: str, stack: list[tuple[str, Path]]) -> Iterator[Entry]:
    st = entry.stat(follow_symlinks=False)
    if stat.S_ISLNK(st.st_mode):
        yield Entry(name, "symlink", link=os.readlink(entry.path))
    elif stat.S_ISDIR(st.st_mode):
        yield Entry(name, "dir")
        if entry.name.lower() != GIT_DIR:
            stack.append((name + "/", Path(entry.path)))
    elif stat.S_ISREG(st.st_mode):
        path = entry.path
        yield Entry(
            name,
            "file",
            st.st_size,
            bool(st.st_mode & 0o111),
            opener=lambda: _open_nofollow(path),
            inode=(st.st_dev, st.st_ino, st.st_nlink),
        )
    else:
        yield Entry(name, "special", link=stat.filemode(st.st_mode)[0])


def _open_nofollow(path: str) -> IO[bytes]:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    return os.fdopen(fd, "rb")
