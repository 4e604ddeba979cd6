"""``--lang`` and ``--registry`` work before and after the subcommand, on every leaf command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.core import TyperGroup

from repospbe.cli import app
from tests.helpers.cli import run_cli

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "args",
    [
        ("--lang", "en", "--registry", "{root}", "check"),
        ("check", "--registry", "{root}", "--lang", "en"),
        ("--registry", "{root}", "check", "--lang", "en"),
        ("--lang", "en", "check", "--registry", "{root}"),
    ],
)
def test_global_options_before_or_after_the_subcommand(
    args: tuple[str, ...], bundled_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    res = run_cli(capsys, *(a.format(root=bundled_root) for a in args), "--format", "markdown")
    english = run_cli(capsys, "check", "--registry", str(bundled_root), "--lang", "en", "-f", "markdown")
    indonesian = run_cli(capsys, "check", "--registry", str(bundled_root), "-f", "markdown")
    assert res.code == english.code == indonesian.code
    assert res.out == english.out != indonesian.out


def test_registry_errors_speak_the_requested_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "tidak-ada")
    after = run_cli(capsys, "check", "--registry", missing, "--lang", "en")
    before = run_cli(capsys, "--lang", "en", "check", "--registry", missing)
    default = run_cli(capsys, "check", "--registry", missing)
    assert after.code == before.code == default.code == 2
    assert after.err.startswith("Error:") and before.err == after.err
    assert default.err.startswith("Galat:")


def test_the_leaf_value_wins_over_the_root_value(
    bundled_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    res = run_cli(
        capsys,
        "--registry",
        str(tmp_path),
        "--lang",
        "en",
        "check",
        "--registry",
        str(bundled_root),
        "--lang",
        "id",
        "-f",
        "markdown",
    )
    indonesian = run_cli(capsys, "check", "--registry", str(bundled_root), "-f", "markdown")
    assert res.code == indonesian.code and res.err == indonesian.err
    assert res.out == indonesian.out


def test_a_command_without_registry_accepts_and_ignores_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bare = tmp_path / "registri.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    res = run_cli(capsys, "hook", "install", str(bare), "--registry", str(tmp_path / "tidak-ada"), "--lang", "en")
    assert res.code == 0, res.err
    assert (bare / "hooks" / "pre-receive").is_file()


def _leaves(group: TyperGroup) -> list[typer.core.TyperCommand]:
    out = []
    for command in group.commands.values():
        out += _leaves(command) if isinstance(command, TyperGroup) else [command]
    return out


def test_every_leaf_command_takes_both_global_options() -> None:
    root = typer.main.get_command(app)
    assert isinstance(root, TyperGroup)
    leaves = _leaves(root)
    assert len(leaves) >= 30
    for leaf in leaves:
        names = [p.name for p in leaf.params]
        assert names.count("lang") == 1 and names.count("registry") == 1, leaf.name


def test_help_language_follows_repospbe_lang() -> None:
    def help_text(lang: str) -> str:
        env = {**os.environ, "REPOSPBE_LANG": lang, "PYTHONPATH": str(REPO_ROOT / "src"), "COLUMNS": "200"}
        return subprocess.run(
            [sys.executable, "-m", "repospbe", "check", "--help"], env=env, capture_output=True, text=True, check=True
        ).stdout

    assert "Check the registry" in help_text("en")
    assert "Periksa registri" in help_text("id")
