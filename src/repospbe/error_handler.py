"""One handler turns exceptions into exit codes and readable messages."""
from __future__ import annotations

import traceback
from typing import Callable

import click
import typer

from typer._click.exceptions import ClickException as _TyperClickException  # typer vendors click

from repospbe import output
from repospbe.errors import EXIT_INPUT, EXIT_INTERNAL, RepospbeError
from repospbe.i18n import resolve_lang, t


def guarded(fn: Callable[[], int], lang: str | None = None) -> int:
    """Run ``fn``; map every exception to (message on stderr, exit code)."""
    lang = resolve_lang(lang)
    try:
        return fn()
    except RepospbeError as exc:
        output.error(t("error.prefix", lang) + " " + exc.render(lang))
        return exc.exit_code
    except (click.exceptions.Exit, typer.Exit) as exc:
        return int(exc.exit_code)
    except (click.exceptions.Abort, typer.Abort):
        return 130
    except (click.ClickException, _TyperClickException) as exc:
        detail = exc.format_message()
        if detail:
            output.error(t("error.usage", lang, detail=detail))
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        output.error(t("error.internal", lang, error=f"{type(exc).__name__}: {exc}"))
        output.error(traceback.format_exc())
        return EXIT_INTERNAL
