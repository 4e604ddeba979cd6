"""The digests of the registry's documents kept between catalogue builds, by each file's status.

Loading a realistic registry reads five documents per app (25,000 files at 5,000 apps) for their
load problems and digests. A document read without a problem is remembered as its status
(device, inode, size, mtime, ctime: ``statkey.key``, taken before it was read) and the digest of
the bytes read. The next build takes the digest without reading the file only when the file's
status is exactly the remembered one. A status is remembered only when the file's ctime is
older than the moment this build started loading by more than the file system's timestamp
granularity (git's "racy clean" rule: a file written in the same tick as it was read could
change again without its status showing it); ctime cannot be set back by a user, so an edit
of the same size with its mtime restored is read again. Anything not provably unchanged is
read.

The entries travel in the findings cache file (``findcache``): private (0700/0600), its digest
recorded by the manifest, each entry checked here (an entry of another shape is ignored).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from stat import S_ISREG
from typing import Any

from repospbe.catalogue import statkey

_DIGEST = re.compile(r"[0-9a-f]{64}").fullmatch


class FileDigests:
    """rel -> [status, sha256 of the bytes]: the last build's (``old``) and this one's (``new``)."""

    def __init__(self, old: Any = None) -> None:
        self.old: dict[str, Any] = old if isinstance(old, dict) else {}
        self.new: dict[str, list[str]] = {}
        self.hits = 0
        self.since = 0  # the file system's clock when this build began loading (``start``)
        self.window = statkey.FINE_NS

    def start(self, folder: Path) -> None:
        """Take the moment loading begins (``statkey.probe`` in the private ``folder``)."""
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            return  # ``findcache`` replaces it when it saves; nothing is remembered this time
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.since = statkey.probe(folder)
        self.window = statkey.StatTrust(self.since).window

    def known(self, rel: str, path: str) -> tuple[str | None, str | None]:
        """(the remembered digest when ``path`` provably still is that file, else None; its status now)."""
        try:  # ``statkey.key(path)``, inline: asked for every document
            info = os.lstat(path)
        except OSError:
            info = None
        status = (
            f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"
            if info is not None and S_ISREG(info.st_mode)
            else None
        )
        entry = self.old.get(rel)
        if status is not None and type(entry) is list and len(entry) == 2 and entry[0] == status:
            digest = entry[1]
            if type(digest) is str and _DIGEST(digest):
                self.hits += 1
                self.new[rel] = entry  # [status, digest]: the same list, kept as it was read
                return digest, status
        return None, status

    def remember(self, rel: str, status: str | None, digest: str) -> None:
        """``rel`` had ``status`` (taken before it was read) and its bytes ``digest``, read without
        a problem; kept unless its ctime is too close to the start of loading to prove anything."""
        if status is None or self.since <= 0:
            return
        if int(status.rsplit(":", 1)[1]) < self.since - self.window:
            self.new[rel] = [status, digest]

    def entries_json(self) -> str:
        return json.dumps(self.new, separators=(",", ":"), sort_keys=True)
