"""Click's own words in the run's language: usage errors and the help page's fixed texts.

typer vendors click with its English texts written in (no gettext domain to hook), so:

- a usage error is re-worded from the exception (``usage_message``): "No such option",
  "Missing option", "Invalid value", "Got unexpected extra argument", "No such command";
  anything else keeps click's text behind our translated prefix;
- the help page's fixed texts (``Usage:``, the Arguments/Options/Commands panel titles,
  ``[default: …]``, ``[required]``, "Show this message and exit.") are set for the run's
  language before the command line is parsed (``localize``);
- ``language_from_argv`` reads ``--lang`` before click does, so an error raised before
  click reaches ``--lang`` (``repospbe check --foo --lang en``) already speaks it.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

from typer import core
from typer._click import decorators, formatting
from typer._click.exceptions import NoSuchOption, UsageError

from repospbe.errors import InputError
from repospbe.i18n import LANGS, t

_PANELS = {
    "ARGUMENTS_PANEL_TITLE": "devux.click.arguments",
    "OPTIONS_PANEL_TITLE": "devux.click.options",
    "COMMANDS_PANEL_TITLE": "devux.click.commands",
    "ERRORS_PANEL_TITLE": "devux.click.error",
    "DEFAULT_STRING": "devux.click.default",
    "REQUIRED_LONG_STRING": "devux.click.required",
    "ABORTED_TEXT": "devux.click.aborted",
}


def language_from_argv(args: Sequence[str]) -> str | None:
    """The value of the last ``--lang X`` / ``--lang=X`` before a ``--``; InputError (exit 2)
    when it is not a language we speak."""
    found: str | None = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    if found is not None:
        check_language(found)
    return found.lower() if found is not None else None


def check_language(value: str) -> str:
    if value.lower() not in LANGS:
        raise InputError("devux.lang-unknown", language=value[:40], allowed=", ".join(LANGS))
    return value.lower()


def localize(lang: str) -> None:
    """Set the help page's fixed texts for ``lang`` (process-wide: one run speaks one language)."""
    _LANG[0] = lang
    if "typer.rich_utils" in sys.modules:
        _panels(lang)
    formatting.HelpFormatter.write_usage = _write_usage(lang)  # type: ignore[method-assign]
    decorators.help_option = _help_option(lang)


_LANG = ["id"]


def _panels(lang: str) -> None:
    """typer's help-panel texts, set on its rich layer; that layer (rich's Markdown, 90 ms) is
    imported only when a help page is drawn (``_drawn_localized``), not on every run."""
    from typer import rich_utils

    for name, key in _PANELS.items():
        setattr(rich_utils, name, t(key, lang, value="{}"))  # DEFAULT_STRING is formatted by typer later


def _drawn_localized(original: Callable[..., None]) -> Callable[..., None]:
    def format_help(self: Any, ctx: Any, formatter: Any) -> None:
        _panels(_LANG[0])
        original(self, ctx, formatter)

    return format_help


for _cls in (core.TyperCommand, core.TyperGroup):
    _cls.format_help = _drawn_localized(_cls.format_help)  # type: ignore[method-assign]


_ORIGINAL_WRITE_USAGE = formatting.HelpFormatter.write_usage
_ORIGINAL_HELP_OPTION = decorators.help_option


def _write_usage(lang: str) -> Callable[..., None]:
    def write_usage(self: formatting.HelpFormatter, prog: str, args: str = "", prefix: str | None = None) -> None:
        _ORIGINAL_WRITE_USAGE(self, prog, args, t("devux.click.usage", lang) + " " if prefix is None else prefix)

    return write_usage


def _help_option(lang: str) -> Callable[..., Any]:
    def help_option(*param_decls: Any, **kwargs: Any) -> Callable[[Any], Any]:
        decorate = _ORIGINAL_HELP_OPTION(*param_decls, **kwargs)

        def apply(target: Any) -> Any:
            out = decorate(target)
            params = getattr(target, "params", None)
            if params:
                params[-1].help = t("devux.click.help", lang)
            return out

        return apply

    return help_option


_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Missing (option|argument|parameter) ?(.*?)\.(?: (.*))?$", re.S), "missing"),
    (re.compile(r"^Invalid value for (.+?): (.*)$", re.S), "invalid-for"),
    (re.compile(r"^Invalid value: (.*)$", re.S), "invalid"),
    (re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((.*)\)$", re.S), "extra"),
    (re.compile(r"^Option (.+?) requires (?:an argument|(\d+) arguments)\.$", re.S), "needs-value"),
    (re.compile(r"^Option (.+?) does not take a value\.$", re.S), "no-value"),
    (re.compile(r"^Missing command\.$"), "missing-command"),
)
_DETAILS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Input should be a valid integer"), "devux.click.not-integer"),
    (re.compile(r"^Input should be a valid number"), "devux.click.not-number"),
    (re.compile(r"^Input should be a valid boolean"), "devux.click.not-boolean"),
)
_KINDS = {"option": "devux.click.kind-option", "argument": "devux.click.kind-argument"}


def usage_message(exc: Exception, lang: str, commands: Sequence[str] = ()) -> str:
    """The usage error ``exc`` in ``lang``, with a near-miss suggestion where there is one."""
    if isinstance(exc, NoSuchOption) or type(exc).__name__ == "NoSuchOption":
        return _no_such_option(exc, lang)
    text = exc.format_message() if isinstance(exc, UsageError) or hasattr(exc, "format_message") else str(exc)
    m = re.match(r"^No such command '(.+)'\.(?: Did you mean '(.+)'\?)?$", text, re.S)
    if m:
        near = [m.group(2)] if m.group(2) else difflib.get_close_matches(m.group(1), list(commands), n=3)
        key = "devux.click.no-command-suggest" if near else "devux.click.no-command"
        return t(key, lang, command=m.group(1), suggestion=", ".join(near))
    for pattern, name in _PATTERNS:
        m = pattern.match(text)
        if m:
            return _worded(name, m, lang)
    return text


def _no_such_option(exc: Any, lang: str) -> str:
    name = str(getattr(exc, "option_name", ""))
    possible = sorted(getattr(exc, "possibilities", None) or [])
    if possible:
        return t("devux.click.no-option-suggest", lang, option=name, suggestion=", ".join(possible))
    return t("devux.click.no-option", lang, option=name)


def _detail(text: str, lang: str) -> str:
    """The common value errors of typer's converters, in ``lang``; others as they are."""
    for pattern, key in _DETAILS:
        if pattern.match(text):
            return t(key, lang)
    return text


def _worded(name: str, m: re.Match[str], lang: str) -> str:
    if name == "missing":
        kind = t(_KINDS.get(m.group(1), "devux.click.kind-option"), lang)
        return t("devux.click.missing", lang, kind=kind, name=m.group(2) or "", detail=m.group(3) or "").strip()
    if name == "invalid-for":
        return t("devux.click.invalid-for", lang, name=m.group(1), detail=_detail(m.group(2), lang))
    if name == "invalid":
        return t("devux.click.invalid", lang, detail=_detail(m.group(1), lang))
    if name == "extra":
        return t("devux.click.extra", lang, args=m.group(1))
    if name == "needs-value":
        return t("devux.click.needs-value", lang, option=m.group(1), count=m.group(2) or "1")
    if name == "no-value":
        return t("devux.click.no-value", lang, option=m.group(1))
    return t("devux.click.missing-command", lang)
