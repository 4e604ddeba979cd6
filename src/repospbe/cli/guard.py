"""One handler turns exceptions into exit codes and readable messages."""

from __future__ import annotations

import traceback
from collections.abc import Callable

import click
import typer
from typer._click.exceptions import ClickException as _TyperClickException  # typer vendors click

from repospbe.cli import output
from repospbe.cli.clicktext import usage_message
from repospbe.errors import EXIT_INPUT, EXIT_INTERNAL, RepospbeError
from repospbe.i18n import t


def _commands(exc: Exception) -> list[str]:
    """The subcommand names of the group an error was raised in (for "did you mean")."""
    command = getattr(getattr(exc, "ctx", None), "command", None)
    return sorted(getattr(command, "commands", {}) or {})


def guarded(fn: Callable[[], int], language: Callable[[], str]) -> int:
    """Run ``fn``; map every exception to (message on stderr, exit code).

    ``language()`` is asked only when something went wrong: by then ``--lang`` has been read,
    wherever on the command line it was."""
    try:
        return fn()
    except RepospbeError as exc:
        output.error(t("error.prefix", language()) + " " + exc.render(language()))
        return exc.exit_code
    except (click.exceptions.Exit, typer.Exit) as exc:
        return int(exc.exit_code)
    except (click.exceptions.Abort, typer.Abort):
        return 130
    except (click.ClickException, _TyperClickException) as exc:
        lang = language()
        detail = usage_message(exc, lang, _commands(exc))
        if detail:
            output.error(t("error.usage", lang, detail=detail))
        command = getattr(getattr(exc, "ctx", None), "command_path", "")
        if command and detail:
            output.error(t("devux.click.try-help", lang, command=command))
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        output.error(t("error.internal", language(), error=f"{type(exc).__name__}: {exc}"))
        output.error(traceback.format_exc())
        return EXIT_INTERNAL
