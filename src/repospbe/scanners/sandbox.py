"""Small helpers to notice what a test command did beyond its own process."""

from __future__ import annotations

import os
from pathlib import Path


def group_alive(pgid: int) -> bool:
    """True when any process of group ``pgid`` still runs (zombies excluded)."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 2 and fields[2] == str(pgid) and fields[0] != "Z":
            return True
    return False


def snapshot(tree: Path) -> frozenset[tuple[str, int, int]]:
    """(path, size, mtime) of everything under ``tree``: compare before and after."""
    out: set[tuple[str, int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(tree):
        for name in dirnames + filenames:
            full = os.path.join(dirpath, name)
            st = os.lstat(full)
            out.add((os.path.relpath(full, tree), st.st_size, st.st_mtime_ns))
    return frozenset(out)
