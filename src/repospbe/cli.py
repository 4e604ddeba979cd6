"""Command line: parse, dispatch to ``commands/<verb>.py``, nothing else.

Each area's commands live in one ``cli_<area>.py`` with a ``register(app)``; this
table lists them in help order.
"""
from __future__ import annotations

import importlib
import sys
from typing import Sequence

import typer

from repospbe.error_handler import guarded

app = typer.Typer(
    name="repospbe",
    help="Repositori Aplikasi SPBE — registri, pipeline dan katalog aplikasi Pemda.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

COMMAND_MODULES: tuple[str, ...] = (
    "cli_registry",    # check, summary
    "cli_source",      # scan, pipeline run|generate
    "cli_governance",  # mr, deploy, audit, hook, reviewer
    "cli_scaffold",    # new app|registry, template, handover
    "cli_subdomain",   # new subdomain
    "cli_dns",         # dns plan|apply
    "cli_maturity",    # maturity, evidence export
    "cli_catalogue",   # catalogue build|serve
    "cli_gitlab",      # gitlab setup|codeowners
    "cli_backup",      # backup create|verify|restore|prune
)


@app.callback()
def _root() -> None:
    """Repositori Aplikasi SPBE."""


for _name in COMMAND_MODULES:
    importlib.import_module(f"repospbe.{_name}").register(app)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_from(args)

    def run() -> int:
        result = app(args=args, prog_name="repospbe", standalone_mode=False)
        return int(result) if isinstance(result, int) else 0

    return guarded(run, lang)


def _lang_from(args: list[str]) -> str | None:
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None
