"""What a run wrote to stdout and stderr, kept while it is written.

``capture()`` puts a ``Tee`` in front of ``sys.stdout`` and ``sys.stderr`` for the run: text
goes through unchanged and is kept. Anything that reaches past the text layer (the byte
``buffer``, the file descriptor) marks the capture incomplete, and an incomplete capture is
never replayed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO


class Tee:
    """A text stream that writes through to ``real`` and keeps a copy."""

    def __init__(self, real: TextIO) -> None:
        self._real = real
        self.parts: list[str] = []
        self.complete = True

    def write(self, text: str) -> int:
        self.parts.append(text)
        return self._real.write(text)

    def writelines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._real.flush()

    def isatty(self) -> bool:
        return self._real.isatty()

    @property
    def buffer(self) -> Any:
        self.complete = False
        return self._real.buffer

    def fileno(self) -> int:
        self.complete = False
        return self._real.fileno()

    def text(self) -> str:
        return "".join(self.parts)

    def __getattr__(self, name: str) -> Any:  # encoding, errors, name, ...
        return getattr(self._real, name)


@contextmanager
def capture() -> Iterator[tuple[Tee, Tee]]:
    """(stdout, stderr) tees for the duration of the block."""
    out, err = Tee(sys.stdout), Tee(sys.stderr)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        yield out, err
    finally:
        sys.stdout, sys.stderr = saved
