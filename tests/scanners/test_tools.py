"""semgrep, bandit and detect-secrets: real runs over the fixture app."""

from __future__ import annotations

from pathlib import Path

import pytest

from repospbe.findings import Severity
from repospbe.pipeline.scan import Outcome, scan_tree
from repospbe.source import SourceCache
from tests.scanners.conftest import SECRET, located, options


@pytest.mark.slow
def test_semgrep_reports_rule_ids_at_file_and_line_without_third_party(scanned: dict[str, Outcome]) -> None:
    out = scanned["semgrep"]
    assert out.result.status == "failed"
    assert located(out) == [("repospbe.php.test.eval", "web/index.php", 4), ("repospbe.python.test.eval", "main.py", 6)]
    by_id = {f.check_id: f for f in out.result.findings}
    assert by_id["repospbe.python.test.eval"].severity is Severity.HIGH
    assert by_id["repospbe.php.test.eval"].severity is Severity.MEDIUM
    assert dict(by_id["repospbe.python.test.eval"].params)["fix_id"] == "no-eval"
    assert out.tools[0][0] == "semgrep"


def test_bandit_ignores_the_sources_own_config_and_keeps_test_ids(scanned: dict[str, Outcome]) -> None:
    got = located(scanned["bandit"])
    assert ("bandit.B602", "main.py", 7) in got
    assert ("bandit.B307", "main.py", 6) in got
    assert ("bandit.B105", "conf.py", 1) in got
    assert not any(path.startswith("vendor/") for _, path, _ in got)
    b602 = next(f for f in scanned["bandit"].result.findings if f.check_id == "bandit.B602")
    assert b602.severity is Severity.HIGH and dict(b602.params)["test_id"] == "B602"


def test_secrets_never_show_the_secret(scanned: dict[str, Outcome]) -> None:
    findings = scanned["secrets"].result.findings
    assert [(f.check_id, f.path, f.line) for f in findings] == [("secrets.secret-keyword", "conf.py", 1)]
    for lang in ("id", "en"):
        assert SECRET not in findings[0].text(lang) and SECRET not in repr(findings[0])


@pytest.mark.slow
def test_include_third_party_scans_bundled_code(fixture_app: Path, scan_cache: SourceCache) -> None:
    source = scan_cache.directory_tree(fixture_app)
    outs = {
        o.scanner: o
        for o in scan_tree(source, options(include_third_party=True), scan_cache, only=("semgrep", "bandit"))
    }
    assert ("repospbe.python.test.eval", "vendor/lib/v.py", 1) in located(outs["semgrep"])
    assert ("bandit.B307", "vendor/lib/v.py", 1) in located(outs["bandit"])


def test_second_run_on_the_same_tree_reads_the_cache(
    fixture_app: Path, scan_cache: SourceCache, scanned: dict[str, Outcome]
) -> None:
    source = scan_cache.directory_tree(fixture_app)
    again = {
        o.scanner: o for o in scan_tree(source, options(), scan_cache, app=None, only=("semgrep", "bandit", "secrets"))
    }
    assert all(o.cached for o in again.values())
    assert again["semgrep"].result == scanned["semgrep"].result
