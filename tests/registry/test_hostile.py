"""Hostile and broken input to `repospbe check`: a clear finding or exit 2, never a traceback or a hang.

Each case is built in a writable copy of the bundled registry (``registry_copy``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from repospbe.formatters import FORMATTERS
from tests.helpers.cli import Result, run_cli

SECRET = "RAHASIA-PEMDA-7f3a9c"
APP = "id: {id}\nnama: Uji\nopd: diskominfo\njenis: khusus\nfungsi: [uji]\nstatus: dihentikan\ndeskripsi: Uji.\n"


def _check(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[Result, list[dict[str, object]]]:
    result = run_cli(capsys, "check", "--registry", str(root), "--format", "json", *args)
    assert "Traceback" not in result.err
    findings = json.loads(result.out)["findings"] if result.out else []
    return result, findings


def _at(findings: list[dict[str, object]], path: str) -> set[tuple[object, object]]:
    return {(f["check_id"], f["line"]) for f in findings if f["path"] == path}


def _write(root: Path, rel: str, data: str | bytes) -> str:
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        target.write_text(data, encoding="utf-8")
    else:
        target.write_bytes(data)
    return rel


def _alias_bomb() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "kode: bom\n" + "\n".join(lines) + "\n"


CASES: dict[str, tuple[str, str | bytes, set[tuple[object, object]]]] = {
    "malformed": ("registry/opd/rusak.yaml", "kode: rusak\nnama: [tidak ditutup\njenis: dinas\n", {("yaml.syntax", 3)}),
    "alias-bomb": ("registry/opd/bom.yaml", _alias_bomb(), {("yaml.alias", 2)}),
    "duplicate-key": (
        "registry/opd/ganda.yaml",
        "kode: ganda\nnama: A\njenis: dinas\nnama: B\n",
        {("yaml.duplicate-key", 4)},
    ),
    "not-utf8": (
        "registry/opd/latin.yaml",
        b"kode: latin\nnama: Dinas Pendidikan \xe9\xe8\njenis: dinas\n",
        {("file.encoding", 2)},
    ),
    "python-tag": ("registry/opd/tag.yaml", "!!python/object/apply:os.system [echo x]\n", {("yaml.syntax", 1)}),
    "deep-flow": (
        "registry/opd/dalam.yaml",
        "kode: dalam\nx: " + "[" * 5000 + "]" * 5000 + "\n",
        {("yaml.too-deep", 2)},
    ),
    "deep-block": (
        "registry/opd/dalam2.yaml",
        "kode: dalam2\nx:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 100)) + "  " * 100 + "v: 1\n",
        {("yaml.too-deep", 66)},
    ),
    "traversal-id": (
        "registry/apps/diskominfo/jalan/app.yaml",
        APP.format(id="../x"),
        {("schema.pattern", 1), ("ref.app-id-dir", 1)},
    ),
    "not-a-slug-dir": ("registry/apps/diskominfo/Bukan_Slug/app.yaml", APP.format(id="bukan-slug"), set()),
    "wrong-place": ("registry/apps/diskominfo/app.yaml", APP.format(id="salah"), set()),
    "wrong-kind": ("registry/opd/skrip.py", "print('halo')\n", {("layout.unexpected", 0)}),
    "app-as-opd": (
        "registry/opd/aplikasi.yaml",
        APP.format(id="aplikasi"),
        {("schema.required", 1), ("schema.additionalProperties", 1), ("schema.enum", 4)},
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_is_a_finding(case: str, registry_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rel, data, expected = CASES[case]
    _write(registry_copy, rel, data)
    result, findings = _check(capsys, registry_copy)
    assert result.code == 1
    if case == "not-a-slug-dir":
        assert _at(findings, "registry/apps/diskominfo/Bukan_Slug") == {("layout.bad-slug", 0)}
        assert not [f for f in findings if "Bukan_Slug/" in str(f["path"])]  # not entered
    elif case == "wrong-place":
        assert _at(findings, rel) == {("layout.unexpected", 0)}
    else:
        assert _at(findings, rel) == expected


def test_large_files_are_refused_unread(registry_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A 50 MB record and a 50 MB document (sparse): refused by size, never parsed."""
    for rel in ("registry/opd/besar.yaml", "registry/apps/diskominfo/besar/kak.md"):
        target = registry_copy / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as fh:
            fh.truncate(50 * 1024 * 1024)
    _write(registry_copy, "registry/apps/diskominfo/besar/app.yaml", APP.format(id="besar"))
    result, findings = _check(capsys, registry_copy)
    assert result.code == 1
    assert _at(findings, "registry/opd/besar.yaml") == {("file.too-large", 0)}
    assert ("file.too-large", 0) in _at(findings, "registry/apps/diskominfo/besar/kak.md")


def _plant_links(root: Path, secret_dir: Path) -> None:
    (secret_dir / "rahasia.txt").write_text(f"kode: {SECRET}\nnama: {SECRET}\n", encoding="utf-8")
    app = secret_dir / "luar" / "app.yaml"
    app.parent.mkdir(parents=True)
    app.write_text(APP.format(id=SECRET.lower()), encoding="utf-8")
    (secret_dir / "kak.md").write_text(f"# {SECRET}\n", encoding="utf-8")
    os.symlink(secret_dir / "rahasia.txt", root / "registry/opd/tautan.yaml")
    (root / "registry/apps").mkdir(exist_ok=True)
    os.symlink(secret_dir, root / "registry/apps/tautan")
    (root / "registry/apps/diskominfo/dok").mkdir(parents=True)
    _write(root, "registry/apps/diskominfo/dok/app.yaml", APP.format(id="dok"))
    os.symlink(secret_dir / "kak.md", root / "registry/apps/diskominfo/dok/kak.md")
    os.symlink("opd/diskominfo.yaml", root / "registry/subdomains-tautan.yaml")  # inside, still refused


def test_symlinks_are_reported_and_never_followed(
    registry_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret_dir = tmp_path / "rahasia"
    secret_dir.mkdir()
    _plant_links(registry_copy, secret_dir)
    result, findings = _check(capsys, registry_copy)
    assert result.code == 1
    assert _at(findings, "registry/opd/tautan.yaml") == {("layout.symlink-escape", 0)}
    assert _at(findings, "registry/apps/tautan") == {("layout.symlink-escape", 0)}
    assert _at(findings, "registry/apps/diskominfo/dok/kak.md") == {("layout.symlink-escape", 0)}
    assert _at(findings, "registry/subdomains-tautan.yaml") == {("layout.symlink", 0)}
    for fmt in FORMATTERS:
        for args in ((), ("registry/opd/tautan.yaml", "registry/apps/tautan/luar/app.yaml")):
            out = run_cli(
                capsys,
                "check",
                "--registry",
                str(registry_copy),
                "--format",
                fmt,
                *[str(registry_copy / a) for a in args],
            )
            assert out.code == 1, (fmt, args, out.err)
            assert SECRET not in out.out + out.err and SECRET.lower() not in out.out + out.err


def test_path_argument_through_a_link_selects_the_link(
    registry_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret_dir = tmp_path / "rahasia"
    secret_dir.mkdir()
    _plant_links(registry_copy, secret_dir)
    result, findings = _check(capsys, registry_copy, str(registry_copy / "registry/apps/tautan/luar/app.yaml"))
    assert result.code == 1
    assert {(f["check_id"], f["path"]) for f in findings} == {("layout.symlink-escape", "registry/apps/tautan")}


def test_registry_directory_itself_a_link(
    tmp_path: Path, registry_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "lain"
    (registry_copy / "registry").rename(elsewhere)
    os.symlink(elsewhere, registry_copy / "registry")
    result, findings = _check(capsys, registry_copy)
    assert result.code == 2 and findings == []
    assert "registry adalah tautan simbolik" in result.err


def _run_subprocess(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "repospbe", "check", "--registry", str(root), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )


def test_fifo_does_not_hang(registry_copy: Path) -> None:
    """FIFOs as a record, a document and a path argument: reported, never opened (subprocess, timeout)."""
    os.mkfifo(registry_copy / "registry/opd/pipa.yaml")
    _write(registry_copy, "registry/apps/diskominfo/pipa/app.yaml", APP.format(id="pipa"))
    os.mkfifo(registry_copy / "registry/apps/diskominfo/pipa/kak.md")
    proc = _run_subprocess(registry_copy, "--format", "json")
    assert proc.returncode == 1, proc.stderr
    found = {(f["check_id"], f["path"]) for f in json.loads(proc.stdout)["findings"]}
    assert ("layout.special-file", "registry/opd/pipa.yaml") in found
    assert ("layout.special-file", "registry/apps/diskominfo/pipa/kak.md") in found
    proc = _run_subprocess(registry_copy, "--format", "json", str(registry_copy / "registry/opd/pipa.yaml"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert [f["check_id"] for f in json.loads(proc.stdout)["findings"]] == ["layout.special-file"]


def test_fifo_instance_is_no_registry(registry_copy: Path) -> None:
    (registry_copy / "registry/instance.yaml").unlink()
    os.mkfifo(registry_copy / "registry/instance.yaml")
    proc = _run_subprocess(registry_copy)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "registry/instance.yaml" in proc.stderr


USAGE: dict[str, tuple[Callable[[Path], list[str]], str]] = {
    "registry-nowhere": (lambda root: ["--registry", str(root / "tidak-ada")], "Registri tidak ditemukan"),
    "registry-is-a-file": (
        lambda root: ["--registry", str(root / "registry/instance.yaml")],
        "Registri tidak ditemukan",
    ),
    "unknown-format": (lambda root: ["--registry", str(root), "--format", "pdf"], "Format pdf tidak dikenal"),
    "path-outside": (lambda root: ["--registry", str(root), str(root.parent)], "di luar registri"),
    "path-not-registry": (lambda root: ["--registry", str(root), str(root / "README.md")], "bukan bagian registri"),
    "path-missing": (lambda root: ["--registry", str(root), str(root / "registry/opd/tiada.yaml")], "tidak ada"),
    "bad-ref": (
        lambda root: ["--registry", str(root), "--changed-since", "tidak-ada"],
        "Ref git tidak-ada tidak dikenal",
    ),
    "option-as-ref": (lambda root: ["--registry", str(root), "--changed-since=--output=x"], "Ref git --output=x"),
    "unknown-option": (lambda root: ["--registry", str(root), "--bogus"], "Penggunaan salah"),
}


@pytest.mark.parametrize("case", sorted(USAGE))
def test_usage_errors_exit_2(case: str, registry_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build, message = USAGE[case]
    (registry_copy / "README.md").write_text("# uji\n", encoding="utf-8")
    result = run_cli(capsys, "check", *build(registry_copy))
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err and result.out == ""
    assert not (registry_copy / "x").exists()


def test_control_characters_in_names_cannot_drive_the_terminal(
    registry_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "\x1b[2J\x1b[31mMERAH\x07"
    _write(registry_copy, f"registry/opd/{name}.yaml", "kode: merah\n")
    for fmt in ("text", "markdown"):
        result = run_cli(capsys, "check", "--registry", str(registry_copy), "--format", fmt)
        assert result.code == 1
        assert "\x1b" not in result.out and "\x07" not in result.out
        assert "x1b" in result.out and "MERAH" in result.out
