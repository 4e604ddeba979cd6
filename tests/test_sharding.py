"""A full check over two processes gives exactly the findings of one process."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from benchmarks.gen_registry import generate
from repospbe import sharding
from repospbe.engine import check_registry
from repospbe.registry import load_registry
from tests.helpers.cli import run_cli


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("gen") / "reg"
    generate(24, root)
    return root


def _break(root: Path) -> None:
    """Problems in apps of both shards, in records, documents and the layout."""
    apps = sorted((root / "registry/apps").glob("*/*"))
    (apps[0] / "app.yaml").write_text("id: [tidak ditutup\n", encoding="utf-8")
    (apps[1] / "app.yaml").write_text(
        (apps[1] / "app.yaml").read_text(encoding="utf-8").replace("status: produksi", "status: entah"),
        encoding="utf-8",
    )
    (apps[2] / "kak.md").write_bytes(b"# KAK\n\xff\xfe\n")
    (apps[3] / "catatan.txt").write_text("tidak pada tempatnya\n", encoding="utf-8")
    dup = root / "registry/apps" / apps[5].parent.name / apps[4].name
    if not dup.exists():
        dup.mkdir()
        (dup / "app.yaml").write_text((apps[4] / "app.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (root / "registry/instance.yaml").write_text(
        (root / "registry/instance.yaml").read_text(encoding="utf-8") + "tak_dikenal: 1\n", encoding="utf-8"
    )


def _json(capsys: pytest.CaptureFixture[str], root: Path) -> tuple[int, list[dict[str, object]]]:
    result = run_cli(capsys, "check", "--registry", str(root), "--format", "json")
    return result.code, json.loads(result.out)["findings"]


def test_generated_registry_is_clean(
    generated: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for jobs in ("1", "2"):
        monkeypatch.setenv("REPOSPBE_JOBS", jobs)
        assert _json(capsys, generated) == (0, [])


def test_two_processes_find_what_one_finds(
    generated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    root = tmp_path / "reg"
    shutil.copytree(generated, root)
    _break(root)
    monkeypatch.setenv("REPOSPBE_JOBS", "1")
    single = _json(capsys, root)
    monkeypatch.setenv("REPOSPBE_JOBS", "2")
    assert sharding.wanted(len(sharding.app_keys(root)))  # the CLI really takes two processes
    double = _json(capsys, root)
    assert single[0] == 1
    ids = {f["check_id"] for f in single[1]}
    assert {
        "yaml.syntax",
        "schema.enum",
        "file.encoding",
        "layout.unexpected",
        "ref.app-duplicate",
        "schema.additionalProperties",
    } <= ids
    assert double == single


def test_full_registry_assembled_like_a_single_load(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    root = tmp_path / "reg"
    shutil.copytree(generated, root)
    some = next((root / "registry/apps").glob("*/*"))
    for extra in ("zz/a", "zz-b/a", "zz/a-b", "zz/a0"):  # "-" sorts before "/": the walk's order is not the keys'
        shutil.copytree(some, root / "registry/apps" / extra)
    monkeypatch.setenv("REPOSPBE_JOBS", "2")
    keys = sharding.app_keys(root)
    assert len(keys) == 28
    reg, _ = sharding.check_sharded(root, keys, lambda r, local: [])
    single = load_registry(root)
    assert list(single.apps)[-4:] == ["zz/a", "zz/a-b", "zz/a0", "zz-b/a"]
    assert list(reg.apps) == list(single.apps)
    assert [r.data for r in reg.apps.values()] == [r.data for r in single.apps.values()]
    assert list(reg.documents) == list(single.documents)
    assert {k: list(v) for k, v in reg.documents.items()} == {k: list(v) for k, v in single.documents.items()}
    key = keys[1]  # parsed by the child: its documents are read here on use
    assert reg.documents[key]["kak"].text == single.documents[key]["kak"].text


def test_a_failed_child_is_redone_by_the_parent(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault injection: the child process dies before answering; the result must not change."""
    import shutil

    root = tmp_path / "reg"
    shutil.copytree(generated, root)
    _break(root)
    monkeypatch.setenv("REPOSPBE_JOBS", "1")
    expected = check_registry(root)
    parent = os.getpid()
    share = sharding._share

    def dying(*args: object) -> sharding.ChildResult:
        if os.getpid() != parent:
            os._exit(9)
        return share(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(sharding, "_share", dying)
    monkeypatch.setenv("REPOSPBE_JOBS", "2")
    assert check_registry(root) == expected


def test_when_two_processes_are_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPOSPBE_JOBS", "1")
    assert not sharding.wanted(10_000)
    monkeypatch.setenv("REPOSPBE_JOBS", "2")
    assert sharding.wanted(2) and not sharding.wanted(1)
    monkeypatch.delenv("REPOSPBE_JOBS")
    assert not sharding.wanted(sharding.AUTO_MIN_APPS - 1)
    assert sharding.wanted(sharding.AUTO_MIN_APPS) == (sharding.usable_cpus() >= 2)
