"""CODEOWNERS generated from the ownership data; a stale committed copy fails the check."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import run_cli
from tests.ownership.test_ownership import World, world  # noqa: F401 - fixture reuse


def test_generated_sections_follow_ownership(world: World, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    res = run_cli(capsys, "gitlab", "codeowners", "--registry", str(world.root))
    assert res.code == 0
    text = res.out
    assert "[Diskominfo][2]" in text and "\n/checks/ " in text
    assert "[OPD bkd]" in text and "[OPD bappeda]" in text
    simakda = next(line for line in text.splitlines() if line.startswith("/registry/apps/bkd/simakda/ "))
    assert "bkd@pontianakkota.go.id" in simakda and "vendor@pontianakkota.go.id" in simakda
    assert "vendor-lama@" not in simakda  # contract ended
    assert "bappeda@" not in simakda


def test_committed_codeowners_must_match(world: World, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    assert run_cli(capsys, "gitlab", "codeowners", "--write", "--registry", str(world.root)).code == 0
    path = world.root / ".gitlab" / "CODEOWNERS"
    assert path.is_file()
    clean = run_cli(capsys, "check", "--registry", str(world.root), "--format", "json")
    assert "codeowners.stale" not in clean.out
    path.write_text(path.read_text().replace("bkd@pontianakkota.go.id", "penyusup@example.invalid"))
    stale = run_cli(capsys, "check", "--registry", str(world.root), "--format", "json")
    assert stale.code == 1 and "codeowners.stale" in stale.out


def test_no_codeowners_file_means_no_finding(registry_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    res = run_cli(capsys, "check", "--registry", str(registry_copy), "--format", "json")
    assert "codeowners.stale" not in res.out and res.code == 1  # the real gaps only
