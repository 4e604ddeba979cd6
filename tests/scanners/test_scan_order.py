"""semgrep, the longest scanner, starts first: the Python-side scanners wait until its process
runs (issue 19, overlap), and never wait for ever when it fails before starting."""

from __future__ import annotations

import sys
from pathlib import Path

from repospbe.pipeline.scan import scan_tree
from repospbe.source import SourceCache
from repospbe.states import Status
from tests.scanners.conftest import options, write_app

# A stand-in tool: ``--version`` is slow (semgrep's version is read before it runs), a run
# records when it started and prints an empty answer.
STUB = """#!{python}
import json, sys, time
if "--version" in sys.argv:
    time.sleep({version_delay})
    print("1.0.0")
    sys.exit(0)
with open({log!r}, "a") as fh:
    fh.write("{name} %f\\n" % time.time())
print(json.dumps({answer}))
"""


def _stub(tmp_path: Path, name: str, answer: str, version_delay: float) -> str:
    path = tmp_path / f"stub-{name}"
    log = str(tmp_path / "started.log")
    path.write_text(STUB.format(python=sys.executable, name=name, log=log, answer=answer, version_delay=version_delay))
    path.chmod(0o755)
    return str(path)


def _starts(tmp_path: Path) -> dict[str, float]:
    lines = (tmp_path / "started.log").read_text().split("\n")
    return {name: float(at) for name, at in (line.split() for line in lines if line)}


def test_secrets_starts_after_semgrep(tmp_path: Path) -> None:
    semgrep = _stub(tmp_path, "semgrep", "{'results': [], 'errors': [], 'paths': {'scanned': []}}", 1.5)
    secrets = _stub(tmp_path, "secrets", "{'results': {}}", 0)
    opts = options(tools=(("semgrep", semgrep), ("detect-secrets", secrets)))
    cache = SourceCache(tmp_path / "cache")
    source = cache.directory_tree(write_app(tmp_path / "app", {"a.js": "let a = 1;\n"}))
    outcomes = scan_tree(source, opts, cache, only=("semgrep", "secrets"))
    assert [o.result.status for o in outcomes] == [Status.PASSED, Status.PASSED]
    starts = _starts(tmp_path)
    assert starts["secrets"] > starts["semgrep"]  # without the wait: 1.5 s before it


def test_a_missing_semgrep_does_not_hold_the_others(tmp_path: Path) -> None:
    secrets = _stub(tmp_path, "secrets", "{'results': {}}", 0)
    opts = options(tools=(("semgrep", str(tmp_path / "no-such-semgrep")), ("detect-secrets", secrets)))
    cache = SourceCache(tmp_path / "cache")
    source = cache.directory_tree(write_app(tmp_path / "app", {"a.js": "let a = 1;\n"}))
    semgrep, secret = scan_tree(source, opts, cache, only=("semgrep", "secrets"))
    assert semgrep.result.status == Status.ERROR  # fail closed: a missing scanner blocks
    assert [f.check_id for f in semgrep.result.findings] == ["scan.tool-missing"]
    assert secret.result.status == Status.PASSED and "secrets" in _starts(tmp_path)
