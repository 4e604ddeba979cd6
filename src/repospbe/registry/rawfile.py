"""A registry document read once, as bytes: ``yamlio.read_text``'s rules, without decoding.

The same refusals as ``yamlio.read_text`` (a link, a FIFO or device, a file over the limit,
invalid UTF-8: each a finding, never a hang) but the bytes are kept: the document checks scan
bytes (``documents.rawscan``, ``checks.copyright``) and decode only what they must. An ASCII
file is not decoded at all; any other is decoded once to validate it and the text dropped.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from repospbe.findings import Finding, Severity
from repospbe.yamlio import _OPEN_FLAGS, _read_upto


def read_utf8(path: Path | str, rel: str, limit: int) -> tuple[bytes | None, list[Finding]]:
    """The bytes of a UTF-8 regular file no larger than ``limit``, or the findings saying why not."""
    raw, problems = _read_regular(path, rel, limit)
    if raw is None or raw.isascii():
        return raw, problems
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Finding.make("file.encoding", Severity.HIGH, path=rel, line=line, column=column)]
    return raw, []


def _read_regular(path: Path | str, rel: str, limit: int) -> tuple[bytes | None, list[Finding]]:
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        return None, [Finding.make("file.unreadable", Severity.HIGH, path=rel, error=exc.strerror or str(exc))]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, [Finding.make("layout.special-file", Severity.HIGH, path=rel)]
        if info.st_size > limit:
            return None, [Finding.make("file.too-large", Severity.HIGH, path=rel, size=info.st_size, limit=limit)]
        raw = _read_upto(fd, limit + 1, info.st_size + 1)
    except OSError as exc:
        return None, [Finding.make("file.unreadable", Severity.HIGH, path=rel, error=exc.strerror or str(exc))]
    finally:
        os.close(fd)
    if len(raw) > limit:  # grew after fstat
        return None, [Finding.make("file.too-large", Severity.HIGH, path=rel, size=len(raw), limit=limit)]
    return raw, []
