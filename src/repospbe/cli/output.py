"""The only place that writes to the terminal. Library code returns values."""

from __future__ import annotations

import sys

from rich.console import Console

_console: Console | None = None
_err_console: Console | None = None


def console() -> Console:
    global _console
    if _console is None:
        _console = Console(highlight=False, soft_wrap=True)
    return _console


def err_console() -> Console:
    global _err_console
    if _err_console is None:
        _err_console = Console(stderr=True, highlight=False, soft_wrap=True)
    return _err_console


def write(text: str) -> None:
    """Write plain text (machine formats) to stdout, untouched by rich."""
    sys.stdout.write(text)
    if not text.endswith("\n"):
        sys.stdout.write("\n")
    sys.stdout.flush()


def error(text: str) -> None:
    err_console().print(text, markup=False)
