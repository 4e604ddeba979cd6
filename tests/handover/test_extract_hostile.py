"""Hostile deliveries: each is refused with its reason and nothing lands outside staging."""

from __future__ import annotations

import gzip
import os
import stat
import subprocess
import tarfile
import zipfile
from pathlib import Path

import pytest

from repospbe.handover.extract import ExtractRefused, Limits, extract
from tests.handover.archives import make_tar, make_zip, tar_member, zip_symlink
from tests.helpers.git import git


def refused(tmp_path: Path, archive: Path, limits: Limits | None = None) -> ExtractRefused:
    dest = tmp_path / "staging" / "isi"
    dest.parent.mkdir(exist_ok=True)
    with pytest.raises(ExtractRefused) as info:
        extract(archive, dest, limits)
    return info.value


def test_zip_slip_dotdot(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "a.zip", [("ok.txt", b"x", None), ("../../evil.php", b"<?php", None)])
    err = refused(tmp_path, archive)
    assert err.reason == "dotdot"
    assert err.params["name"] == "../../evil.php"
    assert not (tmp_path / "evil.php").exists() and not (tmp_path.parent / "evil.php").exists()


def test_tar_dotdot_inside_path(tmp_path: Path) -> None:
    archive = make_tar(tmp_path / "a.tar.gz", [tar_member("src/../../x.txt", b"x")])
    assert refused(tmp_path, archive).reason == "dotdot"


@pytest.mark.parametrize("name", ["/etc/cron.d/evil", "C:/Windows/evil.dll"])
def test_absolute_path_zip(tmp_path: Path, name: str) -> None:
    archive = make_zip(tmp_path / "a.zip", [(name, b"x", None)])
    assert refused(tmp_path, archive).reason == "absolute"


def test_absolute_path_tar(tmp_path: Path) -> None:
    archive = make_tar(tmp_path / "a.tar", [tar_member("/tmp/evil", b"x")], mode="w")
    assert refused(tmp_path, archive).reason == "absolute"


def test_backslash_names_refused(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "a.zip", [("..\\..\\evil.php", b"x", None)])
    assert refused(tmp_path, archive).reason == "backslash"


def test_symlink_escape_tar_then_write_through_it(tmp_path: Path) -> None:
    archive = make_tar(
        tmp_path / "a.tar.gz",
        [
            tar_member("keluar", kind=tarfile.SYMTYPE, link="../../.."),
            tar_member("keluar/pwned.txt", b"x"),
        ],
    )
    err = refused(tmp_path, archive)
    assert err.reason == "symlink-escape"
    assert err.params["name"] == "keluar"


def test_symlink_absolute_target_tar(tmp_path: Path) -> None:
    archive = make_tar(tmp_path / "a.tar.gz", [tar_member("passwd", kind=tarfile.SYMTYPE, link="/etc/passwd")])
    assert refused(tmp_path, archive).reason == "symlink-escape"


def test_symlink_escape_zip(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "a.zip", [("a.txt", b"x", None), zip_symlink("docs/kunci", "../../../etc/shadow")])
    err = refused(tmp_path, archive)
    assert (err.reason, err.params["name"]) == ("symlink-escape", "docs/kunci")


def test_symlink_chain_through_another_link(tmp_path: Path) -> None:
    # Lexically c/c/.. stays inside, but c -> . makes it resolve to the parent directory.
    archive = make_tar(
        tmp_path / "a.tar.gz",
        [
            tar_member("f.txt", b"x"),
            tar_member("c", kind=tarfile.SYMTYPE, link="."),
            tar_member("d/a", kind=tarfile.SYMTYPE, link="../c/c/.."),
        ],
    )
    err = refused(tmp_path, archive)
    assert (err.reason, err.params["name"]) == ("symlink-escape", "d/a")


def test_symlink_inside_is_recorded_not_created(tmp_path: Path) -> None:
    archive = make_tar(
        tmp_path / "a.tar.gz",
        [
            tar_member("public/index.php", b"<?php"),
            tar_member("index.php", kind=tarfile.SYMTYPE, link="public/index.php"),
        ],
    )
    kind, result = extract(archive, tmp_path / "isi")
    link = next(m for m in result.members if m.path == "index.php")
    assert (kind, link.mode, link.link) == ("tar.gz", "120000", "public/index.php")
    assert not (tmp_path / "isi/index.php").exists()


def test_hardlink_escape(tmp_path: Path) -> None:
    archive = make_tar(
        tmp_path / "a.tar",
        [
            tar_member("a.txt", b"x"),
            tar_member("shadow", kind=tarfile.LNKTYPE, link="../../etc/shadow"),
        ],
        mode="w",
    )
    err = refused(tmp_path, archive)
    assert (err.reason, err.params["name"]) == ("hardlink-escape", "shadow")


def test_hardlink_to_unknown_member(tmp_path: Path) -> None:
    archive = make_tar(tmp_path / "a.tar", [tar_member("h", kind=tarfile.LNKTYPE, link="etc/passwd")], mode="w")
    assert refused(tmp_path, archive).reason == "hardlink-escape"


def test_hardlink_inside_is_copied(tmp_path: Path) -> None:
    archive = make_tar(
        tmp_path / "a.tar",
        [
            tar_member("a.txt", b"isi"),
            tar_member("b.txt", kind=tarfile.LNKTYPE, link="a.txt"),
        ],
        mode="w",
    )
    _, result = extract(archive, tmp_path / "isi")
    a, b = result.members
    assert (a.sha256, a.size) == (b.sha256, b.size)
    assert (tmp_path / "isi/b.txt").read_bytes() == b"isi"


def test_zip_bomb_high_ratio_refused_from_headers(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "bom.zip", [("nol.bin", b"\0" * (20 * 1024 * 1024), None)])
    assert archive.stat().st_size < 100_000
    err = refused(tmp_path, archive)
    assert err.reason == "ratio"
    assert not (tmp_path / "staging/isi/nol.bin").exists()


def test_zip_bomb_many_entries_overall_ratio(tmp_path: Path) -> None:
    entries = [(f"f{i}.bin", b"\0" * (900 * 1024), None) for i in range(30)]
    archive = make_zip(tmp_path / "bom.zip", entries)
    assert refused(tmp_path, archive).reason == "ratio"


def test_targz_bomb_stops_while_streaming(tmp_path: Path) -> None:
    raw = tmp_path / "bom.tar"
    with tarfile.open(raw, "w") as tf:
        info = tarfile.TarInfo("nol.bin")
        info.size = 64 * 1024 * 1024
        tf.addfile(info, _Zeros(info.size))
    archive = tmp_path / "bom.tar.gz"
    with raw.open("rb") as src, gzip.open(archive, "wb", compresslevel=9) as out:
        while block := src.read(1 << 20):
            out.write(block)
    raw.unlink()
    err = refused(tmp_path, archive)
    assert err.reason == "ratio"
    written = tmp_path / "staging/isi/nol.bin"
    assert written.stat().st_size < 8 * 1024 * 1024  # stopped early, not after 64 MiB


class _Zeros:
    def __init__(self, size: int) -> None:
        self.left = size

    def read(self, n: int = -1) -> bytes:
        n = self.left if n < 0 else min(n, self.left)
        self.left -= n
        return b"\0" * n


def test_total_size_limit(tmp_path: Path) -> None:
    archive = make_tar(tmp_path / "a.tar", [tar_member(f"f{i}", os.urandom(4096)) for i in range(4)], mode="w")
    err = refused(tmp_path, archive, Limits(max_total_bytes=10_000))
    assert err.reason == "too-large"


@pytest.mark.parametrize("kind", [tarfile.CHRTYPE, tarfile.BLKTYPE])
def test_device_file_tar(tmp_path: Path, kind: bytes) -> None:
    archive = make_tar(tmp_path / "a.tar", [tar_member("a.txt", b"x"), tar_member("dev/mem", kind=kind)], mode="w")
    err = refused(tmp_path, archive)
    assert (err.reason, err.params["name"]) == ("special", "dev/mem")


def test_fifo_tar(tmp_path: Path) -> None:
    archive = make_tar(tmp_path / "a.tar", [tar_member("pipa", kind=tarfile.FIFOTYPE)], mode="w")
    assert refused(tmp_path, archive).reason == "special"


def test_fifo_in_directory_delivery(tmp_path: Path) -> None:
    src = tmp_path / "kiriman"
    src.mkdir()
    (src / "a.txt").write_text("x")
    os.mkfifo(src / "pipa")
    assert refused(tmp_path, src).reason == "special"


def test_device_in_zip_mode_bits(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "a.zip", [("dev/null", b"", stat.S_IFCHR | 0o666)])
    assert refused(tmp_path, archive).reason == "special"


@pytest.mark.slow
def test_hundred_thousand_tiny_files_refused_at_limit(tmp_path: Path) -> None:
    archive = tmp_path / "banyak.tar.gz"
    header = tarfile.TarInfo("x")
    with gzip.open(archive, "wb", compresslevel=1) as out:
        for i in range(100_000):
            header.name = f"d{i // 1000}/f{i}"
            out.write(header.tobuf(tarfile.GNU_FORMAT))
        out.write(b"\0" * 1024)
    err = refused(tmp_path, archive, Limits(max_files=1_000))
    assert (err.reason, err.params["limit"]) == ("too-many-files", 1_000)
    written = sum(len(files) for _, _, files in os.walk(tmp_path / "staging/isi"))
    assert written == 1_000  # streaming stopped at the limit, the rest was never read


@pytest.mark.slow
def test_hundred_thousand_tiny_files_zip_refused_before_extracting(tmp_path: Path) -> None:
    archive = tmp_path / "banyak.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        for i in range(100_000):
            zf.writestr(f"f{i}", b"")
    err = refused(tmp_path, archive)
    assert err.reason == "too-many-files"
    assert not (tmp_path / "staging/isi").exists()  # refused from the central directory


@pytest.mark.parametrize("name", ["laporan\n.php", "x\x1b[31m.php", "a\x7f", "b\u0085c"])
def test_control_characters_in_names(tmp_path: Path, name: str) -> None:
    archive = make_zip(tmp_path / "a.zip", [(name, b"x", None)])
    err = refused(tmp_path, archive)
    assert err.reason == "control-char"
    shown = err.render("id")
    assert "\n" not in shown and "\x1b" not in shown
    assert "\\n" in shown or "\\x1b" in shown or "\\x7f" in shown or "\\x85" in shown


def test_duplicate_member_refused(tmp_path: Path) -> None:
    archive = make_tar(tmp_path / "a.tar", [tar_member("a.php", b"1"), tar_member("./a.php", b"2")], mode="w")
    assert refused(tmp_path, archive).reason == "duplicate"


def test_file_then_directory_with_same_name(tmp_path: Path) -> None:
    archive = make_tar(tmp_path / "a.tar", [tar_member("a", b"1"), tar_member("a/b", b"2")], mode="w")
    assert refused(tmp_path, archive).reason == "duplicate"


def test_unknown_format(tmp_path: Path) -> None:
    junk = tmp_path / "arsip.zip"
    junk.write_bytes(b"bukan arsip" * 100)
    from repospbe.errors import InputError

    with pytest.raises(InputError) as info:
        extract(junk, tmp_path / "isi")
    assert info.value.key == "handover.unknown-format"


def test_vendor_git_internals_dropped_zip(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "a.zip",
        [
            ("index.php", b"<?php", None),
            (".git/config", b"[core]\n\tfsmonitor = touch /tmp/x\n", None),
            (".git/hooks/post-checkout", b"#!/bin/sh\ntouch /tmp/x\n", stat.S_IFREG | 0o755),
            ("vendor/lib/.GIT/HEAD", b"ref: x", None),
        ],
    )
    _, result = extract(archive, tmp_path / "isi")
    assert [m.path for m in result.members] == ["index.php"]
    assert len(result.dropped) == 3
    assert not (tmp_path / "isi/.git").exists()


def test_git_bundle_with_hooks_and_config_runs_nothing(tmp_path: Path) -> None:
    src = tmp_path / "vendor-repo"
    src.mkdir()
    git(src, "init", "-q", "-b", "main")
    (src / "index.php").write_text("<?php echo 1;\n")
    (src / ".gitattributes").write_text("* filter=jahat\n")
    git(src, "add", "-A")
    git(src, "commit", "-qm", "v1")
    marker = tmp_path / "DIJALANKAN"
    for h in ("post-checkout", "pre-commit", "post-merge", "reference-transaction", "pre-receive", "post-update"):
        (src / f".git/hooks/{h}").write_text(f"#!/bin/sh\ntouch {marker}\n")
        (src / f".git/hooks/{h}").chmod(0o755)
    git(src, "config", "core.fsmonitor", f"touch {marker}")
    git(src, "config", "filter.jahat.smudge", f"touch {marker}")
    bundle = tmp_path / "kiriman.bundle"
    subprocess.run(
        ["git", "-c", "core.fsmonitor=false", "bundle", "create", "-q", str(bundle), "--all"], cwd=src, check=True
    )
    kind, result = extract(bundle, tmp_path / "isi")
    assert kind == "bundle"
    assert sorted(m.path for m in result.members) == [".gitattributes", "index.php"]
    assert not marker.exists()
    assert not (tmp_path / "isi/.git").exists()
