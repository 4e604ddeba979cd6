"""A command run from the shell imports only the CLI areas that define it (``AREAS_OF``).

The areas are registered one by one, in ``AREAS`` order, into the one root command line; the
areas that add or change a top-level command are exactly the ones ``AREAS_OF`` names for it.
A missing entry would make a command lose a subcommand when run on its own (``handover bast-pdf``
lives in the ``pdfsig`` area), so the real command line is also run for those that span areas.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from typing import Any

import pytest
import typer

from repospbe import cli


def _shape(command: Any) -> Any:
    """A command's subcommands and parameters, recursively (what a user can type)."""
    subs = getattr(command, "commands", None) or {}
    params = sorted(p.name for p in getattr(command, "params", []))
    return (params, {name: _shape(sub) for name, sub in sorted(subs.items())})


def _areas_that_define_each_command() -> dict[str, set[str]]:
    """Register every area in order (as ``repospbe`` with no command does) and note which
    top-level commands each one adds or changes."""
    defined: dict[str, set[str]] = {}
    before: dict[str, Any] = {}
    for name in cli.AREAS:
        if name not in cli._registered:
            importlib.import_module(f"repospbe.cli.{name}").register(cli._app)
            cli._registered.append(name)
        group = typer.main.get_group(cli._app)
        now = {cmd: _shape(obj) for cmd, obj in group.commands.items()}
        for cmd, shape in now.items():
            if before.get(cmd) != shape:
                defined.setdefault(cmd, set()).add(name)
        before = now
    return defined


def test_every_command_names_exactly_the_areas_that_define_it() -> None:
    code = (
        "import json\n"
        "from tests.cli.test_lazy_areas import _areas_that_define_each_command as f\n"
        "print(json.dumps({k: sorted(v) for k, v in f().items()}))\n"
    )
    # A fresh interpreter: this test process may already have registered areas in another order.
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    defined = json.loads(out.stdout)
    assert set(defined) == set(cli.AREAS_OF), "every top-level command needs an AREAS_OF entry"
    for command, areas in defined.items():
        assert sorted(cli.AREAS_OF[command]) == areas, command


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["handover", "--help"], ["bast-pdf", "ingest"]),
        (["reviewer", "--help"], ["add", "signers"]),
        (["new", "--help"], ["app", "registry", "subdomain"]),
    ],
)
def test_a_command_spanning_areas_keeps_its_subcommands_when_run_alone(argv: list[str], expected: list[str]) -> None:
    res = subprocess.run(
        [sys.executable, "-m", "repospbe", *argv], capture_output=True, text=True, check=False, timeout=120
    )
    assert res.returncode == 0, res.stderr
    for sub in expected:
        assert sub in res.stdout, (sub, res.stdout)
