"""A command run from the shell imports only its own area (cold start of ``repospbe check``);
the complete command line is still there for help and for ``from repospbe.cli import app``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import typer

REPO_ROOT = Path(__file__).resolve().parents[2]


def _python(code: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_check_does_not_import_the_scanners(bundled_root: Path) -> None:
    out = _python(
        "import sys, contextlib, io\n"
        "from repospbe.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['--lang', 'en', 'check', '--registry', {str(bundled_root)!r}, '-f', 'json'])\n"
        "print(sorted(m for m in ('repospbe.scanners', 'repospbe.pipeline.run', 'git') if m in sys.modules))\n"
    )
    assert out.strip() == "[]"


def test_help_lists_every_area(bundled_root: Path) -> None:
    out = _python("from repospbe.cli import main\nmain(['--help'])\n")
    for command in ("check", "scan", "pipeline", "catalogue", "backup"):
        assert command in out


def test_imported_app_is_complete() -> None:
    from repospbe.cli import app

    names = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert {"check", "summary", "scan", "pipeline", "catalogue", "backup", "advisories"} <= names


def test_a_later_area_command_after_check_runs(bundled_root: Path) -> None:
    out = _python(
        "import contextlib, io\n"
        "from repospbe.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['check', '--registry', {str(bundled_root)!r}, '-f', 'json'])\n"
        "main(['pipeline', '--help'])\n"
    )
    assert "generate" in out and "run" in out
