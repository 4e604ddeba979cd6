"""What a finished ``scan --path`` read and wrote, for ``repospbe.replay`` to bind a replay to."""

from __future__ import annotations

import os
from pathlib import Path

from repospbe.advisories.store import database_dir
from repospbe.pipeline.record import PipelineRecord
from repospbe.pipeline.scan import chosen_scanners
from repospbe.replay import Scanned
from repospbe.scanners.base import ScanOptions, tool_path
from repospbe.states import Status


def replayed_scan(
    given: list[Path], plain: bool, options: ScanOptions, record: PipelineRecord, record_path: Path
) -> Scanned:
    """``given``: the paths named on the command line (the directory, ``--rules``), as named:
    a link among them is bound with what it leads to. ``plain``: no registry and no app
    tests (a replay may stand for nothing else)."""
    tools = {t for scanner in chosen_scanners(options) for t in scanner.tools}
    read = [Path(os.path.abspath(p)) for p in given] + [database_dir()]
    if options.rules_dir is not None:
        read.append(options.rules_dir)
    read += [Path(tool_path(t, dict(options.tools))) for t in sorted(tools)]
    written = [record_path.parent / name for name, _ in record.reports] + [record_path]
    return Scanned(bound=tuple(read), files=tuple(written), complete=plain and record.status != Status.ERROR)
