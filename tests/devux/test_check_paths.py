"""``repospbe check PATH`` reports findings on PATH only; a path outside the registry is refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers.cli import run_cli
from tests.helpers.git import copy_registry

_LOC = re.compile(r"^\w+\s+(\S+?):\d+:\d+ ", re.M)


def test_a_file_argument_limits_the_report_to_that_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_registry(tmp_path / "reg")
    whole = run_cli(capsys, "check", "--registry", str(root))
    assert len(set(_LOC.findall(whole.out))) > 1
    res = run_cli(capsys, "check", "--registry", str(root), str(root / "registry/reviewers.yaml"))
    assert res.code in (0, 1)
    assert set(_LOC.findall(res.out)) <= {"registry/reviewers.yaml"}


def test_a_directory_argument_limits_the_report_to_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_registry(tmp_path / "reg")
    res = run_cli(capsys, "check", "--registry", str(root), str(root / "registry/opd"))
    paths = set(_LOC.findall(res.out))
    assert paths and all(p.startswith("registry/opd/") for p in paths)


def test_relative_path_is_read_against_the_registry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_registry(tmp_path / "reg")
    monkeypatch.chdir(tmp_path)
    res = run_cli(capsys, "check", "--registry", str(root), "registry/opd")
    assert res.code in (0, 1), res.err
    assert all(p.startswith("registry/opd/") for p in _LOC.findall(res.out))


def test_a_path_outside_the_registry_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_registry(tmp_path / "reg")
    outside = tmp_path / "lain.yaml"
    outside.write_text("a: 1\n", "utf-8")
    res = run_cli(capsys, "check", "--registry", str(root), str(outside))
    assert res.code == 2
    assert "di luar registri" in res.err
