"""One long-lived ``git cat-file --batch`` (through the one git runner), each answer kept for the run."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path
from typing import IO

from repospbe.git.runner import popen_git


class ObjectReader:
    """Objects of the repository at ``path`` by name (``<sha>`` or ``<commit>:<path>``), read once each."""

    def __init__(self, path: Path, env: dict[str, str]) -> None:
        self.path, self.env = path, env
        self.ids: dict[str, str] = {}  # spec -> object id, as cat-file named it
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._objects: dict[str, tuple[str, bytes] | None] = {}

    def close(self) -> None:
        if self._proc is not None:
            for stream in (self._proc.stdin, self._proc.stdout):
                if stream is not None:
                    stream.close()
            self._proc.wait(timeout=10)
            self._proc = None

    def read(self, spec: str) -> tuple[str, bytes] | None:
        """(type, content) of ``spec``, None when absent (or not a name this reader can send)."""
        if "\n" in spec or spec.startswith("-"):
            return None
        if spec in self._objects:
            return self._objects[spec]
        with self._lock:
            found = self._ask(spec)
        self._objects[spec] = found
        return found

    def _ask(self, spec: str) -> tuple[str, bytes] | None:
        if self._proc is None:
            self._proc = popen_git(
                self.path, "cat-file", "--batch", stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=self.env
            )
        stdin, stdout = self._proc.stdin, self._proc.stdout
        assert stdin is not None and stdout is not None
        stdin.write(spec.encode("utf-8") + b"\n")
        stdin.flush()
        header = stdout.readline().split()
        if len(header) != 3:  # "<spec> missing" / "ambiguous"
            return None
        data = _read_exactly(stdout, int(header[2]))
        stdout.read(1)  # the newline after the content
        self.ids[spec] = header[0].decode()
        return header[1].decode(), data


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    chunks, left = [], size
    while left > 0:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError("git cat-file ended early")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def tree_entries(data: bytes) -> list[tuple[bytes, str, str]]:
    """(mode, name, sha) of a raw tree object (names decoded as ``Repo.run`` decodes git's output)."""
    out, pos = [], 0
    while pos < len(data):
        space = data.index(b" ", pos)
        nul = data.index(b"\0", space)
        out.append((data[pos:space], data[space + 1 : nul].decode("utf-8", "replace"), data[nul + 1 : nul + 21].hex()))
        pos = nul + 21
    return out
