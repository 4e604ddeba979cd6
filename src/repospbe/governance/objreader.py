"""Objects read through one ``git cat-file --batch`` (``repospbe.git.batch``), each answer kept for the run."""

from __future__ import annotations

import threading
from pathlib import Path

from repospbe.git.batch import BatchReader


class ObjectReader:
    """Objects of the repository at ``path`` by name (``<sha>`` or ``<commit>:<path>``), read once each
    through one ``repospbe.git.batch.BatchReader``."""

    def __init__(self, path: Path, env: dict[str, str]) -> None:
        self.path, self.env = path, env
        self.ids: dict[str, str] = {}  # spec -> object id, as cat-file named it
        self._batch: BatchReader | None = None
        self._lock = threading.Lock()
        self._objects: dict[str, tuple[str, bytes] | None] = {}

    def close(self) -> None:
        if self._batch is not None:
            self._batch.close()
            self._batch = None

    def read(self, spec: str) -> tuple[str, bytes] | None:
        """(type, content) of ``spec``, None when absent (or not a name this reader can send)."""
        if "\n" in spec or "\r" in spec or spec.startswith("-"):
            return None
        if spec in self._objects:
            return self._objects[spec]
        with self._lock:
            if self._batch is None:
                self._batch = BatchReader(self.path, self.env)
            found = self._batch.read_with_id(spec)
        if found is not None:
            self.ids[spec] = found[0]
        self._objects[spec] = None if found is None else (found[1], found[2])
        return self._objects[spec]


def tree_entries(data: bytes) -> list[tuple[bytes, str, str]]:
    """(mode, name, sha) of a raw tree object (names decoded as ``Repo.run`` decodes git's output)."""
    out, pos = [], 0
    while pos < len(data):
        space = data.index(b" ", pos)
        nul = data.index(b"\0", space)
        out.append((data[pos:space], data[space + 1 : nul].decode("utf-8", "replace"), data[nul + 1 : nul + 21].hex()))
        pos = nul + 21
    return out
