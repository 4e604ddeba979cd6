"""Benign deliveries: what is kept, with which mode and hash; names normalised; app.yaml pin."""

from __future__ import annotations

import hashlib
import subprocess
import tarfile
from pathlib import Path

import pytest

from repospbe.errors import InputError
from repospbe.handover.extract import ExtractRefused, Limits, extract
from repospbe.handover.extract.names import normalise
from repospbe.handover.pin import set_source
from tests.handover.archives import SAMPLE, make_tar, make_zip, sample_tar, tar_member
from tests.helpers.git import git


@pytest.mark.parametrize(
    "raw,clean",
    [
        ("./src//a.php", "src/a.php"),
        ("Laporan Keuangan/Ringkasan Ñandú.pdf", "Laporan Keuangan/Ringkasan Ñandú.pdf"),
        ("dir/", "dir"),
        (".", ""),
        ("sub/.git/hooks/x", None),
        (".GIT/config", None),
        (".gitignore", ".gitignore"),
    ],
)
def test_normalise(raw: str, clean: str | None) -> None:
    assert normalise(raw, Limits()) == clean


def test_name_limits() -> None:
    with pytest.raises(ExtractRefused):
        normalise("a" * 256, Limits())
    with pytest.raises(ExtractRefused):
        normalise("/".join(["d"] * 49), Limits())


def test_tar_content_modes_and_hashes(tmp_path: Path) -> None:
    kind, result = extract(sample_tar(tmp_path / "k.tar.xz", "w:xz"), tmp_path / "isi")
    assert kind == "tar.xz"
    got = {m.path: (m.size, m.sha256, m.mode) for m in result.members}
    assert got == {
        rel: (len(d), hashlib.sha256(d).hexdigest(), "100755" if rel.endswith(".sh") else "100644")
        for rel, d in SAMPLE.items()
    }
    assert result.total_bytes == sum(len(d) for d in SAMPLE.values())
    for rel, data in SAMPLE.items():
        assert (tmp_path / "isi" / rel).read_bytes() == data


def test_empty_archive_refused(tmp_path: Path) -> None:
    archive = make_tar(tmp_path / "a.tar", [tar_member("kosong", kind=tarfile.DIRTYPE)], mode="w")
    with pytest.raises(ExtractRefused) as info:
        extract(archive, tmp_path / "isi")
    assert info.value.reason == "empty"


def test_corrupt_archive_is_an_input_error(tmp_path: Path) -> None:
    good = make_zip(tmp_path / "a.zip", [("a.txt", b"x" * 1000, None)])
    broken = tmp_path / "b.zip"
    broken.write_bytes(good.read_bytes()[:60])
    with pytest.raises(InputError) as info:
        extract(broken, tmp_path / "isi")
    assert info.value.key == "handover.corrupt-archive"


def test_bundle_with_several_refs_and_no_head_refused(tmp_path: Path) -> None:
    src = tmp_path / "r"
    src.mkdir()
    git(src, "init", "-q", "-b", "main")
    (src / "a.txt").write_text("a")
    git(src, "add", "-A")
    git(src, "commit", "-qm", "a")
    git(src, "branch", "lain")
    bundle = tmp_path / "x.bundle"
    subprocess.run(["git", "bundle", "create", "-q", str(bundle), "main", "lain"], cwd=src, check=True)
    with pytest.raises(InputError) as info:
        extract(bundle, tmp_path / "isi")
    assert info.value.key == "handover.bundle-head"


def test_pin_replaces_existing_block_and_keeps_comments() -> None:
    text = "# komentar\nid: x\nsumber:\n  repo: lama.git\n  commit: " + "a" * 40 + "\nstatus: produksi  # tetap\n"
    out = set_source(text, "app.yaml", "registry/sources/o/x.bundle", "b" * 40, "serah-terima/1.0.0")
    assert out.startswith("# komentar\nid: x\nsumber:\n")
    assert "lama.git" not in out and "status: produksi  # tetap" in out
    assert f"commit: {'b' * 40}" in out
