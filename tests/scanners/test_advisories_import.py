"""Hostile advisory files are refused with a clear message, and nothing is written."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from repospbe.advisories import store
from tests.helpers.cli import run_cli

GOOD = {"id": "GHSA-x", "affected": [{"package": {"ecosystem": "npm", "name": "x"}, "versions": ["1.0.0"]}]}


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    path.write_bytes(buf.getvalue())
    return path


def _refused(capsys: pytest.CaptureFixture[str], tmp_path: Path, file: Path, expected: str) -> None:
    db = tmp_path / "db"
    res = run_cli(capsys, "--lang", "en", "advisories", "import", str(file), "--dir", str(db))
    assert res.code == 2
    assert expected in res.err + res.out
    assert not db.exists()


def test_too_many_members(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "MAX_MEMBERS", 3)
    members = {f"a{i}.json": json.dumps(GOOD).encode() for i in range(4)}
    _refused(capsys, tmp_path, _zip(tmp_path / "z.zip", members), "has 4 members, more than the limit 3")


def test_oversized_member(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = b" " * (store.MAX_MEMBER_BYTES + 10)  # compresses to a few kilobytes
    file = _zip(tmp_path / "z.zip", {"a.json": json.dumps(GOOD).encode(), "b.json": bomb})
    assert file.stat().st_size < 100_000
    _refused(capsys, tmp_path, file, "Member b.json exceeds the limit")


def test_non_json_member(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = _zip(tmp_path / "z.zip", {"a.json": json.dumps(GOOD).encode(), "README": b"not json"})
    _refused(capsys, tmp_path, file, "Member README is not valid JSON")


@pytest.mark.parametrize(
    ("doc", "field"),
    [
        ({"affected": []}, "id"),
        ({"id": "X", "affected": [{"package": {"name": "x"}}]}, "affected[].package"),
        ({"id": "X", "affected": [{"package": {"ecosystem": "npm", "name": "x"}, "versions": [1]}]}, "versions"),
        ({"id": "X", "affected": [{"package": {"ecosystem": "npm", "name": "x"}, "ranges": [{"type": "X"}]}]}, "type"),
        (
            {
                "id": "X",
                "affected": [
                    {
                        "package": {"ecosystem": "npm", "name": "x"},
                        "ranges": [{"type": "SEMVER", "events": [{"bad": "1"}]}],
                    }
                ],
            },
            "event bad",
        ),
    ],
)
def test_invalid_advisory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], doc: dict[str, object], field: str
) -> None:
    file = tmp_path / "one.json"
    file.write_text(json.dumps([GOOD, doc]))
    _refused(capsys, tmp_path, file, field)


def test_single_json_list_imports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "one.json"
    file.write_text(json.dumps([GOOD]))
    res = run_cli(capsys, "--lang", "en", "advisories", "import", str(file), "--dir", str(tmp_path / "db"))
    assert res.code == 0, res.err
    assert json.loads((tmp_path / "db" / "npm.json").read_text())["x"][0]["versions"] == ["1.0.0"]
