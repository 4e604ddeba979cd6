"""Scanner errors are findings: real semgrep and bandit runs on files they cannot read."""

from __future__ import annotations

from pathlib import Path

from repospbe.findings import Severity
from repospbe.pipeline.scan import scan_tree
from repospbe.scanners.base import ScanOptions
from repospbe.source import SourceCache
from tests.scanners.conftest import write_app

RULES = Path(__file__).parent / "rules_errors"
# ~1.4 MB of calls: the nested-pattern rule cannot finish on it within one second.
BIG = "\n".join(f"var x{i} = f(a{i}, b, g(a, h(c, a{i})));" for i in range(30000)) + "\n"
FILES = {
    "src/broken.js": "function (((( {{{ ]]] @@@\n eval(x)\n",
    "src/partial.py": "def f(:\n  x = \neval(1)\n",
    "resources/views/home.blade.php": "<div>{{ $a }}</div>\n@if($b\n<p>\n",
    "src/fine.js": "eval(userInput);\n",
    "app/broken.py": "def f(:\n    return (\n",
    "app/ok.py": "import os\n\n\ndef run(cmd):\n    os.system(cmd)\n",
}


def _scan(
    tmp_path: Path, files: dict[str, str], only: str, **kw: object
) -> tuple[str, dict[str, tuple[str, Severity]]]:
    cache = SourceCache(tmp_path / "cache")
    source = cache.directory_tree(write_app(tmp_path / "app", files))
    opts = ScanOptions(rules_dir=RULES, **kw)  # type: ignore[arg-type]
    [out] = scan_tree(source, opts, cache, only=(only,))
    by_path = {f.path: (f.check_id, f.severity) for f in out.result.findings if "scanned" in f.check_id}
    return str(out.result.status), by_path


def test_semgrep_parse_errors_and_partial_parses_are_findings(tmp_path: Path) -> None:
    status, found = _scan(tmp_path, FILES, "semgrep")
    assert status == "failed"
    assert found["src/broken.js"] == ("semgrep.file-not-scanned", Severity.HIGH)
    assert found["src/partial.py"] == ("semgrep.file-partly-scanned", Severity.MEDIUM)
    assert "src/fine.js" not in found


def test_a_timeout_names_its_reason(tmp_path: Path) -> None:
    cache = SourceCache(tmp_path / "cache")
    source = cache.directory_tree(write_app(tmp_path / "app", {"big.js": BIG}))
    [out] = scan_tree(source, ScanOptions(rules_dir=RULES, semgrep_timeout=1), cache, only=("semgrep",))
    [lost] = [f for f in out.result.findings if f.check_id == "semgrep.file-not-scanned"]
    assert dict(lost.params)["reason"] == "timeout"
    assert "big.js" in lost.text("en") and "timeout" in lost.text("id")


def test_a_first_party_file_over_the_size_limit_is_not_silently_skipped(tmp_path: Path) -> None:
    files = {"src/big.js": BIG, "src/small.js": "eval(x);\n", "public/js/app.min.js": BIG}
    status, found = _scan(tmp_path, files, "semgrep", max_target_bytes=100_000)
    assert status == "failed"
    assert found == {"src/big.js": ("semgrep.file-not-scanned", Severity.HIGH)}


def test_clean_files_still_pass(tmp_path: Path) -> None:
    status, found = _scan(tmp_path, {"a.js": "var a = 1;\n", "b.py": "x = 1\n"}, "semgrep")
    assert (status, found) == ("passed", {})


def test_bandit_reports_files_it_could_not_parse(tmp_path: Path) -> None:
    status, found = _scan(tmp_path, {"app/broken.py": FILES["app/broken.py"], "app/fine.py": "x = 1\n"}, "bandit")
    assert status == "failed"
    assert found == {"app/broken.py": ("bandit.file-not-scanned", Severity.HIGH)}


def test_file_names_that_look_like_options_are_scanned_as_files(tmp_path: Path) -> None:
    files = {"--config=evil.yaml.js": "eval(a);\n", "-j.js": "eval(b);\n", "src/spasi nama.js": "eval(c);\n"}
    cache = SourceCache(tmp_path / "cache")
    source = cache.directory_tree(write_app(tmp_path / "app", files))
    [out] = scan_tree(source, ScanOptions(rules_dir=RULES), cache, only=("semgrep",))
    found = {f.path for f in out.result.findings if f.check_id == "repospbe.test.js.eval"}
    assert found == set(files)


def test_batches_stay_under_the_budget() -> None:
    from repospbe.scanners.targets import batches

    names = [f"dir/file{i}.js" for i in range(1000)]
    parts = list(batches(names, budget=2000))
    assert [a for part in parts for a in part] == ["./" + n for n in names]
    assert all(sum(len(a) + 1 for a in part) <= 2000 for part in parts) and len(parts) > 1
