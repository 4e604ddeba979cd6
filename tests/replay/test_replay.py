"""``repospbe scan --path`` replayed as a new process (``repospbe.replay``): the same bytes when
nothing it read changed, a real scan whenever anything did or any doubt arises."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from repospbe.replay.capture import Tee
from tests.helpers.replay import REPO_ROOT, Runner, make_app, settle

pytestmark = pytest.mark.slow


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _count(stdout: str) -> int:
    return len(json.loads(stdout)["findings"])


def test_second_run_writes_the_same_bytes_without_the_command_line(runner: Runner, settled_app: Path) -> None:
    first = runner.scan(settled_app)
    assert first.code == 1 and not first.replayed  # shell=True and eval(): blocking findings
    written = _files(runner.work / "out")
    assert "pipeline-record.json" in written and len(runner.entries()) == 1
    shutil.rmtree(runner.work / "out")  # gone: the replay writes every file again
    second = runner.scan(settled_app)
    assert second.replayed
    assert (second.code, second.stdout, second.stderr) == (first.code, first.stdout, first.stderr)
    assert _files(runner.work / "out") == written  # the record byte for byte: the same digest to sign


def test_same_size_edit_with_mtime_set_back_is_scanned_again(runner: Runner, tmp_path: Path) -> None:
    app = make_app(tmp_path / "app")
    settle()
    first = runner.scan(app)
    target = app / "web" / "index.js"
    before = target.stat()
    target.write_text("function f(x) { return Eval(x); }\n", encoding="utf-8")  # same size, no eval()
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert target.stat().st_size == before.st_size
    second = runner.scan(app)
    assert not second.replayed
    assert _count(second.stdout) < _count(first.stdout)  # the eval finding is gone: it was scanned


def test_an_added_file_is_scanned_again(runner: Runner, tmp_path: Path) -> None:
    app = make_app(tmp_path / "app")
    settle()
    first = runner.scan(app)
    (app / "web" / "more.js").write_text("function g(y) { return eval(y); }\n", encoding="utf-8")
    second = runner.scan(app)
    assert not second.replayed and _count(second.stdout) > _count(first.stdout)


def test_changed_rules_are_not_replayed(runner: Runner, settled_app: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(REPO_ROOT / "checks" / "semgrep", rules)
    settle()
    assert not runner.scan(settled_app, "--rules", str(rules)).replayed
    assert runner.scan(settled_app, "--rules", str(rules)).replayed
    next(rules.rglob("*.yaml")).touch()
    assert not runner.scan(settled_app, "--rules", str(rules)).replayed


def test_other_arguments_or_environment_are_another_key(runner: Runner, settled_app: Path) -> None:
    runner.scan(settled_app)
    assert not runner.scan(settled_app, "--fail-on", "critical").replayed
    assert not runner.scan(settled_app, env={"REPOSPBE_LANG": "en"}).replayed
    assert runner.scan(settled_app).replayed


def test_an_altered_entry_is_not_replayed(runner: Runner, settled_app: Path) -> None:
    first = runner.scan(settled_app)
    (entry,) = runner.entries()
    blob = entry / "0"
    blob.write_bytes(blob.read_bytes().replace(b"{", b"{ ", 1))
    second = runner.scan(settled_app)
    assert not second.replayed and second.stdout == first.stdout  # scanned again, same answer
    assert runner.scan(settled_app).replayed  # the run kept a sound entry again


def test_an_unsafe_store_is_never_read(runner: Runner, settled_app: Path) -> None:
    runner.scan(settled_app)
    store = runner.work / "xdg-cache" / "repospbe-replay"
    store.chmod(0o777)  # anyone could plant an entry
    assert not runner.scan(settled_app).replayed


def test_a_directory_written_just_now_is_not_kept(runner: Runner, tmp_path: Path) -> None:
    app = make_app(tmp_path / "fresh")  # its ctimes fall inside the run's window
    assert not runner.scan(app).replayed
    assert runner.entries() == []


def test_a_failed_scanner_is_never_kept(runner: Runner, settled_app: Path) -> None:
    broken = {"REPOSPBE_TOOL_BANDIT": "/bin/false"}
    first = runner.scan(settled_app, env=broken)
    assert (
        first.code == 1 and json.loads((runner.work / "out" / "pipeline-record.json").read_text())["status"] == "error"
    )
    assert runner.entries() == []
    assert not runner.scan(settled_app, env=broken).replayed


def test_inside_a_registry_and_when_turned_off_nothing_is_kept(runner: Runner, settled_app: Path) -> None:
    inside = runner.scan(settled_app, cwd=REPO_ROOT)  # the bundled registry: the scan reads its policy
    assert json.loads(inside.stdout)["findings"] and runner.entries() == []
    runner.scan(settled_app, env={"REPOSPBE_NO_REPLAY": "1"})
    assert runner.entries() == []


def test_a_stream_reached_past_its_text_layer_is_incomplete() -> None:
    class Sink:
        buffer = object()

        def write(self, text: str) -> int:
            return len(text)

    tee = Tee(Sink())  # type: ignore[arg-type]
    tee.write("teks")
    assert tee.complete and tee.text() == "teks"
    _ = tee.buffer
    assert not tee.complete


def test_a_retargeted_link_is_another_directory(runner: Runner, tmp_path: Path) -> None:
    one, other = make_app(tmp_path / "one"), make_app(tmp_path / "other")
    (other / "web" / "index.js").write_text("function f(x) { return x; }\n", encoding="utf-8")
    link = tmp_path / "current"
    link.symlink_to(one)
    settle()
    first = runner.scan(link)
    assert runner.scan(link).replayed
    link.unlink()
    link.symlink_to(other)  # the same name on the command line, other code behind it
    second = runner.scan(link)
    assert not second.replayed and _count(second.stdout) < _count(first.stdout)
