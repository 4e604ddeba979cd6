"""Command line of repospbe: one root app, one module per area.

Each area module holds its typer functions (the function is the command: options in,
library call by keyword, rendering through ``repospbe.cli.output``) and a ``register(app)``;
``AREAS`` lists them in help order. ``--lang`` and ``--registry`` are handled once, in
``options.py``; ``GlobalsGroup`` lets every leaf command accept them after its name too.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer._click import Command  # typer vendors click
from typer.core import TyperGroup

from repospbe.cli.clicktext import language_from_argv, localize
from repospbe.cli.guard import guarded
from repospbe.cli.options import (
    GLOBAL_OPTIONS,
    Globals,
    LangOpt,
    RegistryOpt,
    _store_lang,
    check_env_language,
    current,
    h,
    help_in,
    use_globals,
)

AREAS: tuple[str, ...] = (
    "registry",  # check, summary
    "source",  # scan, pipeline run|generate
    "mr",  # mr *
    "governance",  # deploy, audit, hook, reviewer
    "setup",  # reviewer add, opd add-member
    "scaffold",  # new app|registry, template, handover
    "pdfsig",  # handover bast-pdf
    "subdomain",  # new subdomain
    "dns",  # dns plan|apply
    "maturity",  # maturity, evidence export
    "catalogue",  # catalogue build|serve
    "gitlab",  # gitlab setup|codeowners
    "backup",  # backup create|verify|restore|prune
    "advisories",  # advisories import
    "trust",  # trust refresh
)


class GlobalsGroup(TyperGroup):
    """The root group: gives its global options (``--lang``, ``--registry``) to every leaf command,
    so ``repospbe --lang en check`` and ``repospbe check --lang en`` both work."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        shared = [p for p in self.params if p.name in GLOBAL_OPTIONS]
        for leaf in _leaves(self):
            leaf.params.extend(p for p in shared if p.name not in {q.name for q in leaf.params})
        _translate_help(self, help_in(current().lang))


def _translate_help(command: Command, texts: dict[str, str]) -> None:
    """Help texts in the run's language (they were chosen at import, by REPOSPBE_LANG)."""
    if not texts:
        return
    for attr in ("help", "short_help"):
        value = getattr(command, attr, None)
        if isinstance(value, str) and value in texts:
            setattr(command, attr, texts[value])
    for param in command.params:
        value = getattr(param, "help", None)
        if isinstance(value, str) and value in texts:
            param.help = texts[value]  # type: ignore[attr-defined]
    for sub in getattr(command, "commands", {}).values():
        _translate_help(sub, texts)


def _leaves(group: TyperGroup) -> list[Command]:
    out: list[Command] = []
    for command in group.commands.values():
        out += _leaves(command) if isinstance(command, TyperGroup) else [command]
    return out


_app = typer.Typer(  # its areas are registered by ``main`` (as needed) or on ``from repospbe.cli import app``
    name="repospbe",
    cls=GlobalsGroup,
    help=h("app"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@_app.callback()
def _root(lang: LangOpt = None, registry: RegistryOpt = None) -> None:
    """Repositori Aplikasi SPBE."""


_registered: list[str] = []
_VALUED_ROOT_OPTIONS = frozenset({"--lang", "--registry"})
# The areas that define each top-level command completely (an area may add a subcommand to an
# earlier area's group, as ``subdomain`` adds ``new subdomain`` to ``scaffold``'s). Run from the
# shell, a command imports only these areas, in ``AREAS`` order; anything else (no command, help,
# an unknown name) imports every area. ``tests/cli/test_lazy_areas.py`` proves each entry builds
# the same command as the complete command line.
AREAS_OF: dict[str, tuple[str, ...]] = {
    "check": ("registry",),
    "summary": ("registry",),
    "scan": ("source",),
    "pipeline": ("source",),
    "mr": ("mr",),
    "deploy": ("governance",),
    "audit": ("governance",),
    "hook": ("governance",),
    "reviewer": ("governance", "setup"),
    "opd": ("setup",),
    "new": ("scaffold", "subdomain"),
    "template": ("scaffold",),
    "handover": ("scaffold", "pdfsig"),
    "dns": ("dns",),
    "maturity": ("maturity",),
    "evidence": ("maturity",),
    "catalogue": ("catalogue",),
    "gitlab": ("gitlab",),
    "backup": ("backup",),
    "advisories": ("advisories",),
    "trust": ("trust",),
}


def _register(command: str | None = None) -> typer.Typer:
    """Register the area modules in ``AREAS`` order: all of them, or only those that define
    ``command``. Each area imports its library code, so a command starts in a fraction of the
    time the complete command line takes."""
    wanted = AREAS_OF.get(command or "", AREAS)
    for name in AREAS:
        if name in wanted and name not in _registered:
            importlib.import_module(f"repospbe.cli.{name}").register(_app)
            _registered.append(name)
    return _app


def _command_of(args: Sequence[str]) -> str | None:
    """The top-level command named in ``args`` (after any root options), or None."""
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            return None
        if not arg.startswith("-"):
            return arg
        i += 2 if arg in _VALUED_ROOT_OPTIONS else 1
    return None


def __getattr__(name: str) -> Any:
    if name == "app":  # ``from repospbe.cli import app``: the complete command line
        return _register()
    raise AttributeError(name)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line on ``argv`` (default ``sys.argv[1:]``); the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)

    def run() -> int:
        # --lang is read before click parses anything: a usage error raised before click
        # reaches it, and the help page's fixed texts, already speak the run's language.
        lang = language_from_argv(args)
        if lang is not None:
            _store_lang(lang)
        else:
            check_env_language()
        localize(current().lang)
        _register(_command_of(args))
        result = _app(args=args, prog_name="repospbe", standalone_mode=False)
        return int(result) if isinstance(result, int) else 0

    with use_globals(Globals()):
        return guarded(run, lambda: current().lang)


__all__ = ["Globals", "app", "main", "use_globals"]
