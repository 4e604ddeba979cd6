"""Replay: ``repospbe scan --path`` on an unchanged directory, answered without scanning again.

The scanners' results are cached by git tree id (``repospbe.pipeline.scan``), so a re-run
on the same tree already scans nothing; as a new process it still pays for starting the
command line (typer, GitPython, the formatters: about a quarter of a cold run). A replay
answers before any of that is imported: the first run of an invocation keeps what it wrote
(stdout, stderr, its report files and record, its exit code) under a key over everything it
was given (``keys``), bound to the stat fingerprint of everything it read
(``fingerprint``: the directory scanned, the rules, the advisory database, the scanner
programs). A later identical invocation whose bound paths all fingerprint the same writes the
same bytes and exits with the same code; its record is byte for byte the first run's (its
``started``/``finished`` are those of the scan whose results these are).

Fail closed: a run is kept only when it is a plain-directory scan with no registry and no
app tests, every scanner completed (status not ``error``), its output went only through
the text streams, and nothing it read changed from two seconds before it started until it
ended. Any doubt on the way back (a missing or altered file, a different fingerprint, an
unsafe store) runs the command normally. ``REPOSPBE_NO_REPLAY=1`` turns it off.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from repospbe.replay.store import Replayed

SETTLE_NS = 2_000_000_000


class Pending:
    """An eligible invocation that found no entry: its key and when it started."""

    __slots__ = ("key", "started_ns")

    def __init__(self, key: str, started_ns: int) -> None:
        self.key = key
        self.started_ns = started_ns


class Scanned:
    """What a finished ``scan --path`` read and wrote, as the scan itself reports it.

    ``bound``: the directory, the rules, the advisory database, the scanner programs;
    ``files``: every file the scan wrote (reports, artefacts, record); ``complete``: no
    scanner failed, no registry, no app tests. (Plain classes: this module is imported by
    every run, before anything else.)"""

    __slots__ = ("bound", "complete", "files")

    def __init__(self, bound: tuple[Path, ...], files: tuple[Path, ...], complete: bool) -> None:
        self.bound = bound
        self.files = files
        self.complete = complete


_pending: list[Pending] = []
_scanned: list[Scanned] = []


def try_replay(argv: list[str]) -> Replayed | None:
    """A replay of ``argv`` (its files written), or None (then the command runs normally)."""
    from repospbe.replay.keys import base_key, eligible

    if not eligible(argv):
        return None
    try:
        from repospbe.replay.store import replay

        key = base_key(argv)
        started = time.time_ns()
        found = replay(key)
    except Exception:  # noqa: BLE001 - any doubt: the command runs normally
        return None
    if found is None:
        _pending[:] = [Pending(key, started)]
    return found


def note_scan(scanned: Scanned) -> None:
    """Called by ``scan``: what it read and wrote (kept only when this run may be replayed)."""
    if _pending:
        _scanned[:] = [scanned]


def pending() -> bool:
    return bool(_pending)


def finish(code: int, out: str, err: str, complete_streams: bool) -> None:
    """Keep the finished run for replay when everything allows it; never fails the run."""
    if not (_pending and _scanned and complete_streams and code in (0, 1) and _scanned[0].complete):
        return
    from repospbe.replay.fingerprint import fingerprint
    from repospbe.replay.store import remember

    run, scanned = _pending[0], _scanned[0]
    try:
        settled = run.started_ns - SETTLE_NS
        bound = [(str(p), fingerprint(str(p), settled)) for p in scanned.bound]
        remember(run.key, bound, list(scanned.files), out, err, code)
    except Exception:  # noqa: BLE001, S110 - unsettled, unsafe store, full disk: kept nothing
        return
