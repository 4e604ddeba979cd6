"""MkDocs in this process: one build of the catalogue's configuration, its warnings collected."""

from __future__ import annotations

import logging
from pathlib import Path

from repospbe.errors import InputError


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(
    config_file: Path,
    site_dir: Path,
    strict: bool,
    fragments: dict[str, dict[str, str]] | None = None,
    drop: frozenset[str] = frozenset(),
) -> list[str]:
    """Build with MkDocs in this process; warnings are returned (strict: they fail the build).

    ``fragments`` (page -> marker id -> HTML) are put in place of their markers as
    each page is written, by a plugin added in this process only; pages in ``drop``
    are left to another process.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from repospbe.catalogue.inject import FragmentPlugin

    logger = logging.getLogger("mkdocs")
    handler, propagate = _Collect(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict)
        plugin = FragmentPlugin(fragments or {}, drop)
        config.plugins["repospbe-sisipan"] = plugin
        build(config)
        plugin.check_all_used()
    except MkDocsException as exc:
        detail = "; ".join(handler.messages[:5]) or str(exc)
        raise InputError("catalogue.mkdocs-failed", detail=detail[:1500]) from exc
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
    return handler.messages
