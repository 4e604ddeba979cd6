"""MkDocs in this process: one build of the catalogue's configuration, its warnings collected.

``python -m repospbe.catalogue.mkdocs JOB.json ERRORS`` runs the same build in a fresh process
(the second half of a sharded build, ``shard``): a fresh interpreter holds only MkDocs
and the pages it renders, not the parent's registry. ``python -m repospbe.catalogue.mkdocs
--tunggu ERRORS`` imports MkDocs first, then reads the job file's name from its standard
input (``worker``; nothing there: it ends).

The theme's templates are compiled once and kept (``Job.templates``, a private directory:
Jinja's bytecode cache, keyed by each template's name and checked against its source).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from repospbe.errors import InputError

UNTRUSTED = "tidak-dipercaya: "  # the error file's first words when the last build is Untrusted
UNTRUSTED_EXIT = 3


@dataclass(frozen=True)
class Job:
    """One MkDocs build: ``index`` (page -> fragment ids) names the fragments this build
    puts in place (read from ``fragment_dir``); pages in ``drop`` are not rendered; pages in
    ``substitute`` (page -> HTML file) keep their place in the navigation but are not rendered:
    their HTML is that file (a page reused from the last build)."""

    config_file: str
    site_dir: str
    strict: bool
    fragment_dir: str
    index: dict[str, list[str]] = field(default_factory=dict)
    drop: list[str] = field(default_factory=list)
    substitute: dict[str, str] = field(default_factory=dict)
    templates: str = ""  # private directory of compiled templates ("": none kept)
    after: dict[str, Any] = field(default_factory=dict)  # what the process does once built (``finish``)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @staticmethod
    def from_json(text: str) -> Job:
        return Job(**json.loads(text))


def child_argv(*args: str) -> tuple[list[str], dict[str, str]]:
    """The command and environment of a fresh MkDocs process: this interpreter and this copy of
    repospbe, a clean environment."""
    import repospbe

    src = str(Path(repospbe.__file__).resolve().parents[1])
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": src, "PYTHONUTF8": "1", "LC_ALL": "C.UTF-8"}
    return [sys.executable, "-m", "repospbe.catalogue.mkdocs", *args], env


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(job: Job) -> list[str]:
    """Build with MkDocs in this process; warnings are returned (strict: they fail the build)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from repospbe.catalogue.inject import FragmentPlugin

    logger = logging.getLogger("mkdocs")
    handler, propagate = _Collect(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        config = load_config(config_file=job.config_file, site_dir=job.site_dir, strict=job.strict)
        plugin = FragmentPlugin(Path(job.fragment_dir), job.index, frozenset(job.drop), job.substitute)
        plugin.templates = Path(job.templates) if job.templates else None
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


def main(argv: list[str]) -> int:
    """Worker entry: run the job in file ``argv[0]`` (``--tunggu ERRORS FOOTER``: named on standard
    input, the last build's app pages made ready meanwhile); a failure is written to file ``argv[1]``."""
    from repospbe.catalogue.reuse import Untrusted  # the manifest's readers: not for every MkDocs run

    guessed: dict[str, Any] | None = None
    try:
        if argv[0] == "--tunggu":
            name, guessed = _waited(Path(argv[1]).parent, argv[2])
            if not name:
                return 0
            argv = [name, argv[1]]
        job = Job.from_json(Path(argv[0]).read_text(encoding="utf-8"))
        run_mkdocs(job)
        finish(job, guessed)
    except Untrusted as exc:
        Path(argv[1]).write_text(f"{UNTRUSTED}{exc}"[:2000], encoding="utf-8")
        return UNTRUSTED_EXIT
    except InputError as exc:
        Path(argv[1]).write_text(exc.render("id")[:2000], encoding="utf-8")
        return 1
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which fails the build
        Path(argv[1]).write_text(f"{type(exc).__name__}: {exc}"[:2000], encoding="utf-8")
        return 1
    return 0


def finish(job: Job, guessed: dict[str, Any] | None = None) -> None:
    """What an incremental build leaves to the MkDocs process once the site is built (``job.after``):
    the reused app pages made ready (``reuse.settle_guess``: most were, while it waited) and their
    search entries put into the new index (``reuse.merge_search``); Untrusted when a reused page is
    not what the manifest says."""
    from repospbe.catalogue.reuse import merge_search, settle_guess

    if "ready" in job.after:
        settle_guess(guessed, job.after["ready"])
    if "search" in job.after:
        same = guessed is not None and guessed["since"] == job.after.get("ready", {}).get("since")
        last = guessed["search"] if guessed is not None and same else None
        merge_search(Path(job.site_dir), job.after["search"], last)


def _waited(out: Path, footer: str) -> tuple[str, dict[str, Any] | None]:
    """Import what a build imports and make the last build's app pages ready (``reuse.guess``), then
    read the job file's name from standard input ("" at its end)."""
    import material  # type: ignore[import-untyped]  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config  # noqa: F401
    import mkdocs.contrib.search  # noqa: F401
    import mkdocs.structure.files  # noqa: F401
    import mkdocs.structure.pages  # noqa: F401

    import repospbe.catalogue.inject  # noqa: F401
    from repospbe.catalogue.reuse import guess

    try:
        guessed = guess(out, footer)
    except (OSError, ValueError, KeyError, TypeError):  # a guess only: made ready again if wanted
        guessed = None
    return sys.stdin.readline().strip(), guessed


if __name__ == "__main__":  # pragma: no cover - run by shard.build_two in a fresh process
    main(sys.argv[1:])  # a failure is in the error file (library code exits with nothing): the parent reads it
