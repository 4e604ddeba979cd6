"""Files known unchanged by their status (device, inode, size, mtime, ctime), verified, not trusted.

Reading the last site's 5,000 app pages and 10,000 exports to compare their digests with the
manifest's was most of the cost of reusing them. The manifest also records each file's status
(``key``) as it was once the site was complete, and the moment that status was taken in the file
system's own clock (``probe``: the ctime of a file written just before). A file whose status is
the recorded one is unchanged unless it was written in the same clock tick as its recorded
status (git's "racy clean" rule): so a file whose ctime is within the file system's timestamp
granularity of that moment, or later, is read and digested as before. ctime is in the key
because no user can set it back: an edit of the same size with its mtime restored still changes
it (and ``os.utime`` itself does). Anything not provably unchanged is read.

Security: the manifest and the site are in the same output directory; whoever can edit the
site's files can edit the manifest too. The manifest guards against a site altered by accident
or by a tool, not against the owner of the directory (as the digests before it did).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from repospbe.writefile import write_atomic

FINE_NS = 50_000_000  # a tick of the kernel's coarse clock is at most 10 ms; margin for the rest
COARSE_NS = 2_000_000_000  # file systems with whole-second (FAT: two-second) timestamps


def key(path: str | Path) -> str | None:
    """The status of a regular file (a link or anything else: None)."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not _ISREG(info.st_mode):
        return None
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


_ISREG = stat.S_ISREG


def probe(folder: Path) -> int:
    """The file system's clock now: the ctime of a file written in ``folder`` (0: unknown)."""
    path = folder / "waktu"
    try:
        write_atomic(path, b"", mode=0o600)
        return os.lstat(path).st_ctime_ns
    except OSError:
        return 0


class StatTrust:
    """Which files still have the status a manifest recorded at ``since`` (``probe``)."""

    def __init__(self, since: int) -> None:
        self.since = since
        self.window = COARSE_NS if since % 1_000_000_000 == 0 else FINE_NS

    def same(self, path: str | Path, recorded: str) -> bool:
        """Whether ``path`` is provably what it was when ``recorded`` was taken."""
        if self.since <= 0 or not recorded:
            return False
        now = key(path)
        if now is None or now != recorded:
            return False
        ctime = int(now.rsplit(":", 1)[1])
        return ctime < self.since - self.window
