"""Issue 16 obligation 7: every public procedure explained; what cannot be parsed is
never passed."""

from __future__ import annotations

from pathlib import Path

from repospbe.findings import Severity
from repospbe.pipeline.scan import scan_tree
from repospbe.registry.instance import DEFAULT_DOC_THRESHOLD
from repospbe.scanners.base import ScanOptions
from repospbe.source import SourceCache
from tests.scanners.conftest import write_app

DOCUMENTED = {
    "app/layanan.py": '"""Layanan."""\n\n\ndef cari(x):\n    """Cari."""\n    return x\n\n\n'
    "def _bantu(x):\n    return x\n",
    "web/Kontrol.php": "<?php\nclass Kontrol {\n    /** Tampil. */\n    public function tampil() {}\n"
    "    private function rahasia() {}\n}\n",
    "tests/test_layanan.py": "def test_cari():\n    assert True\n",
}


def _run(tmp_path: Path, files: dict[str, str], **kw: object):  # type: ignore[no-untyped-def]
    cache = SourceCache(tmp_path / "cache")
    source = cache.directory_tree(write_app(tmp_path / "app", files))
    [out] = scan_tree(source, ScanOptions(**kw), cache, only=("doc-coverage",))  # type: ignore[arg-type]
    return out.result


def test_the_default_policy_is_every_public_procedure() -> None:
    assert DEFAULT_DOC_THRESHOLD == 100.0 == ScanOptions().doc_threshold


def test_private_helpers_and_tests_are_not_public_procedures(tmp_path: Path) -> None:
    result = _run(tmp_path, DOCUMENTED)
    assert result.status == "passed" and result.findings == ()
    assert "2/2" in result.detail


def test_each_undocumented_public_procedure_is_reported_and_one_blocks(tmp_path: Path) -> None:
    files = {**DOCUMENTED, "app/lain.py": "def a():\n    pass\n\n\nclass B:\n    def c(self):\n        pass\n"}
    files.update({f"app/m{i}.py": f"def f{i}():\n    pass\n" for i in range(600)})
    result = _run(tmp_path, files)
    assert result.status == "failed"
    listed = {(f.path, f.line) for f in result.findings if f.check_id == "doc-coverage.undocumented"}
    assert ("app/lain.py", 1) in listed and ("app/lain.py", 6) in listed
    assert len(listed) == 602  # every one, no cap
    [summary] = [f for f in result.findings if f.check_id == "doc-coverage.below-threshold"]
    assert summary.severity is Severity.HIGH and dict(summary.params)["threshold"] == "100"


def test_the_threshold_is_a_policy_value(tmp_path: Path) -> None:
    files = {**DOCUMENTED, "app/lain.py": "def a():\n    pass\n"}
    assert _run(tmp_path, files, doc_threshold=60.0).status == "passed"
    assert _run(tmp_path / "b", files, doc_threshold=70.0).status == "failed"


def test_an_unparseable_file_is_not_checked_never_passed(tmp_path: Path) -> None:
    result = _run(tmp_path, {**DOCUMENTED, "app/rusak.py": "def f(:\n"})
    assert result.status == "failed"
    [lost] = [f for f in result.findings if f.check_id == "doc-coverage.file-not-checked"]
    assert (lost.path, lost.severity) == ("app/rusak.py", Severity.HIGH)


def test_a_language_it_cannot_parse_is_not_checked_never_passed(tmp_path: Path) -> None:
    files = {"main.go": "package main\n\nfunc Layani() {}\n", "cmd/x.go": "package cmd\n"}
    result = _run(tmp_path, files)
    assert result.status == "failed"
    [finding] = result.findings
    assert finding.check_id == "doc-coverage.language-not-checked"
    assert dict(finding.params)["files"] == 2 and "Go" in finding.text("en")
    mixed = _run(tmp_path / "m", {**DOCUMENTED, **files})
    assert mixed.status == "failed"
