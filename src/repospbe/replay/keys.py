"""Which invocations may be replayed, and the key of one: everything it was given.

Only ``repospbe scan --path <dir>`` (no app test command, no explicit registry) whose
output goes to files or pipes, never a terminal. The key binds the exact arguments, the
working directory, the whole environment (but the shell's ``$_``), the day, the interpreter, the repospbe code
(every file of the package, by stat data) and the installed distributions (their
``*.dist-info`` names carry the versions). What the scan read besides (the directory, the
rules, the advisory database, the scanner programs) is bound in the entry itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from pathlib import Path

from repospbe.replay.fingerprint import fingerprint

FORMAT = "1"
OFF_ENV = "REPOSPBE_NO_REPLAY"
_REFUSED = frozenset({"--help", "-h", "--test-command", "--registry", "--version"})
_SHELL_NOISE = frozenset({"_"})  # the shell's "last program run": read by nothing we run
_PACKAGE = str(Path(__file__).resolve().parent.parent)


def eligible(argv: list[str]) -> bool:
    """A ``scan --path`` invocation with pipes or files for output (checked again by the scan itself)."""
    if os.environ.get(OFF_ENV) or "scan" not in argv:
        return False
    if not any(a == "--path" or a.startswith("--path=") for a in argv):
        return False
    if any(a in _REFUSED or a.startswith(("--test-command=", "--registry=")) for a in argv):
        return False
    return not (sys.stdout.isatty() or sys.stderr.isatty() or sys.stdin.isatty())


def base_key(argv: list[str]) -> str:
    data = [
        FORMAT,
        argv,
        os.getcwd(),
        sorted((k, v) for k, v in os.environ.items() if k not in _SHELL_NOISE),
        time.strftime("%Y-%m-%d"),  # the local day, as date.today() (advisory staleness, waivers)
        sys.executable,
        sys.version,
        fingerprint(_PACKAGE, skip=frozenset({"__pycache__"})),
        _distributions(),
    ]
    return hashlib.sha256(json.dumps(data, ensure_ascii=True).encode()).hexdigest()


def _distributions() -> list[str]:
    """The names of every installed distribution's metadata directory, on every path entry."""
    names: list[str] = []
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as it:
                names.extend(f"{entry}/{e.name}" for e in it if e.name.endswith((".dist-info", ".egg-info", ".pth")))
        except OSError:
            continue
    return sorted(names)
