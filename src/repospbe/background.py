"""Work that waits on git (or other child processes) started beside the caller's own.

``start(fn, *args)`` runs ``fn`` in a thread and returns a function that waits for it and
gives its result, or raises what it raised, in the caller's thread. Meant for calls that
spend their time in a child process (the GIL is free meanwhile); the caller must always
call what ``start`` returned, so nothing it started is left behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def start(fn: Callable[..., T], *args: Any) -> Callable[[], T]:
    """``fn(*args)`` begun in a thread; call the result to wait for its value."""
    box: list[T] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            box.append(fn(*args))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread, raised there
            failed.append(exc)

    worker = threading.Thread(target=run, name=f"repospbe-{getattr(fn, '__name__', 'work')}")
    worker.start()

    def result() -> T:
        worker.join()
        if failed:
            raise failed[0]
        return box[0]

    return result


def wait_quietly(result: Callable[[], object]) -> None:
    """Wait for started work whose outcome no longer matters (the caller is already failing)."""
    try:
        result()
    except BaseException:  # noqa: BLE001, S110 - the caller's own error is the one raised
        pass
