"""``repospbe scan --path`` starts light: it never imports the registry checks (and through
them pyHanko), the pipeline runner or the CycloneDX library (issue 19, start-up); a relative
``--cache-dir`` works."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("repospbe.checks", "repospbe.pipeline.run", "repospbe.pdfsig", "pyhanko", "cyclonedx")
pytestmark = pytest.mark.slow


def test_scan_path_imports_no_registry_checks(tmp_path: Path) -> None:
    app = tmp_path / "app"
    app.mkdir()
    (app / "index.js").write_text("function f(x) { return eval(x); }\n")
    code = (
        "import sys, contextlib, io\n"
        "from repospbe.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    code = main(['scan', '--path', 'app', '--cache-dir', 'cache', '-f', 'json', '--output-dir', 'out'])\n"
        f"print(code, sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.stdout.strip() == "1 []", done.stderr  # 1: the eval is a finding; nothing heavy imported
    record = json.loads((tmp_path / "out" / "pipeline-record.json").read_text(encoding="utf-8"))
    assert record["status"] == "failed"
    assert (tmp_path / "cache" / "trees").is_dir()  # the relative cache directory was used
