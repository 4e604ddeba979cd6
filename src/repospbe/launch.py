"""The ``repospbe`` program: a replay when one answers (``repospbe.replay``), else the command line."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from repospbe import replay

    replayed = replay.try_replay(args)
    if replayed is not None:
        sys.stdout.write(replayed.stdout)
        sys.stdout.flush()
        sys.stderr.write(replayed.stderr)
        sys.stderr.flush()
        return replayed.code
    from repospbe.cli import main as cli_main

    if not replay.pending():
        return cli_main(args)
    from repospbe.replay.capture import capture

    with capture() as (out, err):
        code = cli_main(args)
    replay.finish(code, out.text(), err.text(), out.complete and err.complete)
    return code
