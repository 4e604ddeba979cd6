"""A re-run on a tree already scanned reads every result back, and only when that is sound.

Real scans (semgrep, bandit, detect-secrets) of a small app; the second run must give the
same findings without materialising or reading the tree, and must fall back to a full
scan whenever a fact or a result it needs is missing, altered or bound to something else.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from repospbe.findings import Finding
from repospbe.pipeline.app import AppScan, scan_directory
from repospbe.scanners.base import ScanOptions
from repospbe.source import SourceCache
from repospbe.source.cache import _VERIFIED, _remove
from tests.scanners.conftest import RULES, write_app


def _scan(app: Path, cache_dir: Path, **kw: object) -> AppScan:
    _VERIFIED.clear()  # as a new process sees the cache
    return scan_directory(app, ScanOptions(rules_dir=RULES, **kw), SourceCache(cache_dir))  # type: ignore[arg-type]


def _shown(findings: list[Finding]) -> list[tuple[str, str, int, str]]:
    return [(f.check_id, f.path, f.line, f.severity.value) for f in findings]


def _app(tmp_path: Path) -> Path:
    app = write_app(tmp_path / "app")
    os.symlink("/etc/passwd", app / "keluar")  # refused by the materialisation: a fact of the tree
    return app


def _trees(cache: Path) -> list[Path]:
    return [p for p in (cache / "trees").iterdir() if p.is_dir()]


def test_second_run_reads_everything_back_without_the_tree(tmp_path: Path) -> None:
    app, cache = _app(tmp_path), tmp_path / "cache"
    first = _scan(app, cache)
    assert "source.symlink-escape" in {f.check_id for f in first.findings}
    assert any(f.check_id.startswith("semgrep") or f.path == "web/index.php" for f in first.findings)
    for tree in _trees(cache):
        _remove(tree)  # nothing may need it: every result is cached
    second = _scan(app, cache)
    assert _shown(second.findings) == _shown(first.findings)
    assert second.run.checks == first.run.checks and second.run.source_tree == first.run.source_tree
    assert not _trees(cache), "the tree was materialised although every result was cached"


def test_a_changed_file_is_scanned_again(tmp_path: Path) -> None:
    app, cache = _app(tmp_path), tmp_path / "cache"
    first = _scan(app, cache)
    (app / "web" / "baru.php").write_text("<?php\n/** Baru. */\nfunction baru() {\n    eval($_POST['y']);\n}\n")
    second = _scan(app, cache)
    assert second.run.source_tree != first.run.source_tree
    assert "web/baru.php" in {f.path for f in second.findings}


def test_another_option_scans_and_verifies_the_tampered_tree(tmp_path: Path) -> None:
    app, cache = _app(tmp_path), tmp_path / "cache"
    first = _scan(app, cache)
    [tree] = _trees(cache)
    os.chmod(tree / "web", 0o755)
    os.chmod(tree / "web" / "index.php", 0o644)
    (tree / "web" / "index.php").write_text("<?php\n// bersih\n")  # would hide the finding if trusted
    second = _scan(app, cache, doc_threshold=50.0)  # doc-coverage's basis changes: it must read the tree
    assert "source.cache-rebuilt" in {f.check_id for f in second.findings}
    index_php = [f for f in first.findings if f.path == "web/index.php" and not f.check_id.startswith("doc")]
    assert set(_shown(index_php)) <= set(_shown(second.findings))


def test_altered_or_foreign_facts_are_not_used(tmp_path: Path) -> None:
    app, cache = _app(tmp_path), tmp_path / "cache"
    first = _scan(app, cache)
    [facts] = (cache / "results").glob("facts-*.json")
    data = json.loads(facts.read_text())
    data["third_party"] = [[], [], []]  # vendor/ and the bundled jQuery no longer excluded
    facts.write_text(json.dumps(data))
    assert _shown(_scan(app, cache).findings) == _shown(first.findings)  # the result keys no longer match
    data["binding"][4] = "0" * 40  # facts of another tree
    facts.write_text(json.dumps(data))
    assert _shown(_scan(app, cache).findings) == _shown(first.findings)
    facts.write_text("{bukan json")
    shutil.rmtree(cache / "trees")
    assert _shown(_scan(app, cache).findings) == _shown(first.findings)
    assert _trees(cache), "without usable facts the tree must be materialised and scanned"


def test_a_failed_scanner_is_never_read_back(tmp_path: Path) -> None:
    app, cache = _app(tmp_path), tmp_path / "cache"
    broken = _scan(app, cache, tools=(("semgrep", str(tmp_path / "tidak-ada")),))
    assert "scan.tool-missing" in {f.check_id for f in broken.findings}
    fixed = _scan(app, cache)
    assert "scan.tool-missing" not in {f.check_id for f in fixed.findings}
    assert [c.status for c in fixed.run.checks if c.name == "semgrep"] != ["error"]
