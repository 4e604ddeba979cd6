"""Project rules read from the code: library code neither prints nor exits (only the CLI layer, the
``cli/`` package with its ``output.py``, talks to the terminal), and tests take their helpers from
``tests/helpers/``, not a conftest."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.helpers.git import REPO_ROOT

PACKAGE = REPO_ROOT / "src" / "repospbe"
TESTS = REPO_ROOT / "tests"
# The CLI layer: the cli/ package (its output.py is the one writer to the terminal), __main__.py and launch.py
# (the program entry point, which prints a replayed run before the command line is imported).
TERMINAL_FILES = ("__main__.py", "launch.py")
TERMINAL_DIRS = ("cli",)

STREAM_CALLS = {
    ("sys", "stdout", "write"),
    ("sys", "stderr", "write"),
    ("sys", "stdout", "buffer", "write"),
    ("sys", "stderr", "buffer", "write"),
}
# os._exit stays allowed: a forked child (sharding.py) must leave without running the parent's exit handlers.
EXIT_CALLS = {("sys", "exit")}
EXIT_NAMES = {"exit", "quit", "print"}


def is_terminal_layer(rel: Path) -> bool:
    """``rel`` (relative to src/repospbe) is allowed to print and exit."""
    if len(rel.parts) > 1:
        return rel.parts[0] in TERMINAL_DIRS
    return rel.name in TERMINAL_FILES


def dotted(node: ast.expr) -> tuple[str, ...]:
    """``a.b.c`` as ("a", "b", "c"); () for anything that is not a plain dotted name."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return ()
    return (node.id, *reversed(parts))


def violations(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, what) for every print, stream write, exit call or ``raise SystemExit`` in ``tree``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = dotted(node.func)
            if len(name) == 1 and name[0] in EXIT_NAMES:
                yield node.lineno, f"{name[0]}()"
            elif name in STREAM_CALLS or name in EXIT_CALLS:
                yield node.lineno, ".".join(name) + "()"
        elif isinstance(node, ast.Raise) and node.exc is not None:
            exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if dotted(exc) in (("SystemExit",), ("typer", "Exit")):
                yield node.lineno, f"raise {'.'.join(dotted(exc))}"
        elif isinstance(node, ast.ImportFrom) and node.module == "sys":
            for alias in node.names:
                if alias.name in ("exit", "stdout", "stderr"):
                    yield node.lineno, f"from sys import {alias.name}"


def library_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if not is_terminal_layer(p.relative_to(PACKAGE)))


def test_the_terminal_layer_is_recognised() -> None:
    allowed = [Path(p) for p in ("__main__.py", "cli/__init__.py", "cli/options.py", "cli/output.py")]
    refused = [Path(p) for p in ("engine.py", "cli.py", "output.py", "dns/cli_helpers.py", "governance/mr.py")]
    assert all(is_terminal_layer(p) for p in allowed)
    assert not any(is_terminal_layer(p) for p in refused)
    assert len(library_modules()) > 100


def test_the_scan_finds_each_kind_of_violation() -> None:
    source = (
        "import sys, os, typer\nfrom sys import exit\n"
        "print('x')\nsys.stdout.write('x')\nsys.stderr.buffer.write(b'x')\nsys.exit(1)\nexit(2)\n"
        "os._exit(3)\nraise SystemExit(4)\nraise typer.Exit(code=5)\nlogger.info('fingerprint(x)')\nfingerprint(k)\n"
    )
    found = sorted(violations(ast.parse(source)))
    assert found == [
        (2, "from sys import exit"),
        (3, "print()"),
        (4, "sys.stdout.write()"),
        (5, "sys.stderr.buffer.write()"),
        (6, "sys.exit()"),
        (7, "exit()"),
        (9, "raise SystemExit"),
        (10, "raise typer.Exit"),
    ]


def test_library_code_neither_prints_nor_exits() -> None:
    """Return values or raise a RepospbeError subclass; the CLI layer turns them into output and exit codes."""
    found = [
        f"{path.relative_to(REPO_ROOT)}:{line}: {what}"
        for path in library_modules()
        for line, what in violations(ast.parse(path.read_text(encoding="utf-8"), str(path)))
    ]
    assert found == []


def test_tests_import_helpers_from_tests_helpers_not_from_a_conftest() -> None:
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module in ("tests.conftest", "conftest"):
                offenders.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno}")
    assert offenders == []
