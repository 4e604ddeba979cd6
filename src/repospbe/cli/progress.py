"""A rich progress bar on stderr, shown only on a terminal."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from repospbe.cli import output


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[str, int, int], None] | None]:
    """Yield a ``(name, done, total)`` callback, or None when stderr is not a TTY."""
    if not sys.stderr.isatty():
        yield None
        return
    lock = threading.Lock()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=output.err_console(),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def tick(name: str, done: int, total: int) -> None:
            with lock:
                bar.update(task, completed=done, total=total, description=f"{label}: {name}")

        yield tick
