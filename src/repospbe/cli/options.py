"""What every command shares: the global options, the option types used by several
commands (each defined once), and the help texts (``locale/cli_help.yaml``).

``--lang`` and ``--registry`` are read once, into a frozen ``Globals`` that commands get
with ``current()``; tests set it with ``use_globals(Globals(...))`` and call a command
as a plain function.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated

import typer

from repospbe.cli.clicktext import check_language
from repospbe.errors import InputError
from repospbe.i18n import LANG_ENV, LANGS, catalog, resolve_lang
from repospbe.registry import find_root


@dataclass(frozen=True, kw_only=True)
class Globals:
    """The language to speak and the registry to work on (``None``: search upwards from here)."""

    lang: str = ""  # resolved in __post_init__: --lang, then REPOSPBE_LANG, then id
    registry: Path | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "lang", resolve_lang(self.lang or None))

    def root(self) -> Path:
        """The registry root; InputError (exit 2) when there is none."""
        return find_root(explicit=self.registry)

    def optional_root(self) -> Path | None:
        """The registry root when one is given or found; ``None`` outside any registry."""
        if self.registry is not None:
            return self.root()
        try:
            return self.root()
        except InputError:
            return None


_current: ContextVar[Globals | None] = ContextVar("repospbe_globals", default=None)


def current() -> Globals:
    """The globals of the running command (defaults from the environment outside one)."""
    return _current.get() or Globals()


@contextmanager
def use_globals(globals_: Globals) -> Iterator[Globals]:
    token = _current.set(globals_)
    try:
        yield globals_
    finally:
        _current.reset(token)


def check_env_language() -> None:
    """``REPOSPBE_LANG``, when set, must name a language we speak, as ``--lang`` must (InputError,
    exit 2, in both languages: the run's language is the thing that is wrong). Called when no
    ``--lang`` is given; the flag beats the environment."""
    value = os.environ.get(LANG_ENV)
    if value and value.lower() not in LANGS:
        raise InputError("lang.env-unknown", variable=LANG_ENV, value=value[:40], allowed=", ".join(LANGS))


def _store_lang(value: str | None) -> None:
    if value is not None:
        _current.set(replace(current(), lang=check_language(value)))


def _store_registry(value: Path | None) -> None:
    if value is not None:
        _current.set(replace(current(), registry=value))


HELP_LANG = Globals().lang  # help texts are chosen once, at import, by REPOSPBE_LANG


def h(key: str) -> str:
    """Help text ``cli.<key>`` of ``locale/cli_help.yaml`` (a missing key fails at import)."""
    return catalog()[f"cli.{key}"][HELP_LANG]


def help_in(lang: str) -> dict[str, str]:
    """Every help text as chosen at import (``HELP_LANG``) -> the same text in ``lang``."""
    if lang == HELP_LANG:
        return {}
    return {v[HELP_LANG]: v[lang] for k, v in catalog().items() if k.startswith("cli.") and lang in v}


# The two global options: declared on the root callback, injected into every leaf command
# by ``GlobalsGroup`` (repospbe.cli.app); eager, so later errors already speak the language.
LangOpt = Annotated[
    str | None, typer.Option("--lang", help=h("opt.lang"), callback=_store_lang, is_eager=True, expose_value=False)
]
RegistryOpt = Annotated[
    Path | None,
    typer.Option("--registry", help=h("opt.registry"), callback=_store_registry, is_eager=True, expose_value=False),
]
GLOBAL_OPTIONS = ("lang", "registry")

Fmt = Annotated[str, typer.Option("--format", "-f", help=h("opt.format"))]
Output = Annotated[Path | None, typer.Option("--output", "-o", help=h("opt.output"))]
OutDir = Annotated[Path | None, typer.Option("--output-dir", help=h("opt.output-dir"))]
ChangedSince = Annotated[str | None, typer.Option("--changed-since", help=h("opt.changed-since"))]
Key = Annotated[Path, typer.Option("--kunci", "--key", help=h("opt.key"))]
OptionalKey = Annotated[Path | None, typer.Option("--kunci", "--key", help=h("opt.key"))]
# An electronic certificate (PSrE/BSrE) signing beside or instead of the SSH key (repospbe.governance.certsig).
CertFile = Annotated[Path | None, typer.Option("--sertifikat", "--certificate", help=h("opt.certificate"))]
CertKey = Annotated[Path | None, typer.Option("--kunci-sertifikat", "--certificate-key", help=h("opt.certificate-key"))]
OcspFile = Annotated[Path | None, typer.Option("--ocsp", help=h("opt.ocsp"))]
Force = Annotated[bool, typer.Option("--force", help=h("opt.force"))]
Number = Annotated[int, typer.Argument(help=h("arg.mr-number"))]
