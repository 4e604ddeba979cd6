"""A missing, crashing or hanging scanner blocks (fail closed), naming itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from repospbe.findings import Severity
from repospbe.pipeline.scan import scan_tree
from repospbe.source import SourceCache
from tests.helpers.cli import run_cli
from tests.scanners.conftest import RULES, options, write_app


def _script(tmp_path: Path, body: str) -> str:
    path = tmp_path / "tool.sh"
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)
    return str(path)


@pytest.mark.parametrize("scanner,tool", [("semgrep", "semgrep"), ("bandit", "bandit"), ("secrets", "detect-secrets")])
def test_missing_and_crashing_tools_block(tmp_path: Path, scanner: str, tool: str) -> None:
    cache = SourceCache(tmp_path / "cache")
    source = cache.directory_tree(write_app(tmp_path / "app", {"a.py": "x = 1\n"}))
    for path, key in (
        (str(tmp_path / "nope"), "scan.tool-missing"),
        (_script(tmp_path, "exit 2"), "scan.tool-crashed"),
    ):
        [out] = scan_tree(source, options(tools=((tool, path),)), cache, only=(scanner,))
        assert out.result.status == "error"
        [finding] = out.result.findings
        assert (finding.check_id, finding.severity) == (key, Severity.CRITICAL)
        assert dict(finding.params)["scanner"] == scanner and scanner in finding.text("en")


def test_hanging_tool_times_out(tmp_path: Path) -> None:
    cache = SourceCache(tmp_path / "cache")
    source = cache.directory_tree(write_app(tmp_path / "app", {"a.py": "x = 1\n"}))
    hang = _script(tmp_path, 'case "$1" in --version) echo 1.0;; *) sleep 30;; esac')
    [out] = scan_tree(source, options(tools=(("bandit", hang),), timeout=1), cache, only=("bandit",))
    assert [f.check_id for f in out.result.findings] == ["scan.tool-timeout"]


def test_cli_exits_1_and_names_the_scanner(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = write_app(tmp_path / "app", {"a.py": '"""M."""\n', "LICENSE": "SPDX-License-Identifier: MIT\n"})
    monkeypatch.setenv("REPOSPBE_TOOL_SEMGREP", _script(tmp_path, "exit 2"))
    res = run_cli(
        capsys,
        "scan",
        "--path",
        str(app),
        "--rules",
        str(RULES),
        "--cache-dir",
        str(tmp_path / "c"),
        "--lang",
        "en",
        "--format",
        "json",
    )
    assert res.code == 1
    assert '"check_id": "scan.tool-crashed"' in res.out and "Scanner semgrep failed" in res.out
    assert "(incomplete)" in res.err
