"""Attacks 3 and 6 (issue 13) through the real CLI: a poisoned source cache and inline
suppressions change nothing in what ``repospbe scan`` reports."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from repospbe.source.extract import OUR_SEMGREPIGNORE
from tests.helpers.cli import run_cli
from tests.helpers.git import git
from tests.pipeline.test_pipeline import SOURCE, registry  # noqa: F401 - registry is a fixture
from tests.scanners.conftest import write_app


@pytest.mark.slow
def test_scan_of_a_poisoned_cache_entry_reports_the_real_findings(
    registry: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # noqa: F811
    tree = git(tmp_path / "src-satu", "rev-parse", "HEAD^{tree}").strip()
    cache = tmp_path / "cache"
    planted = cache / "trees" / tree  # harmless files under the id of the real (vulnerable) tree
    planted.mkdir(parents=True)
    for rel, text in {**SOURCE, "app.py": '"""Aplikasi."""\n', ".semgrepignore": OUR_SEMGREPIGNORE}.items():
        (planted / rel).write_text(text)
        os.chmod(planted / rel, 0o444)
    (cache / "trees" / f"{tree}.json").write_text("[]")
    res = run_cli(
        capsys, "scan", "diskominfo/satu", "--registry", str(registry), "--cache-dir", str(cache), "--format", "json"
    )
    assert res.code == 1
    found = {(f["check_id"], f["path"], f["line"], f["severity"]) for f in json.loads(res.out)["findings"]}
    assert ("bandit.B602", "app.py", 7, "high") in found
    assert ("source.cache-rebuilt", "", 0, "info") in found
    assert (planted / "app.py").read_text() == SOURCE["app.py"]
    assert oct(os.stat(cache / "trees").st_mode & 0o777) == oct(0o700)


@pytest.mark.slow
def test_scan_path_reports_inline_suppressions_and_ignores_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = write_app(
        tmp_path / "app",
        {
            "main.py": 'import subprocess\n\n\ndef f(cmd):\n    """Doc."""\n'
            "    subprocess.call(cmd, shell=True)  # nosec\n",
            "LICENSE": "MIT License\n",
        },
    )
    res = run_cli(capsys, "scan", "--path", str(app), "--format", "json", "--cache-dir", str(tmp_path / "cache"))
    assert res.code == 1
    found = {(f["check_id"], f["path"], f["line"], f["severity"]) for f in json.loads(res.out)["findings"]}
    assert ("bandit.B602", "main.py", 6, "high") in found
    assert ("source.inline-suppression", "main.py", 6, "info") in found
