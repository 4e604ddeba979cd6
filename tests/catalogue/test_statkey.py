"""File status keys (``catalogue.statkey``): what proves a file unchanged, and git's racy-clean rule."""

from __future__ import annotations

import os
import time
from pathlib import Path

from repospbe.catalogue.filecache import FileDigests
from repospbe.catalogue.statkey import COARSE_NS, FINE_NS, StatTrust, key, probe


def _ctime(path: Path) -> int:
    return os.lstat(path).st_ctime_ns


def test_only_regular_files_have_a_status(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("isi\n", encoding="utf-8")
    (tmp_path / "tautan").symlink_to(target)
    assert key(target) is not None
    assert key(tmp_path / "tautan") is None and key(tmp_path) is None and key(tmp_path / "tidak-ada") is None


def test_a_same_size_edit_with_the_mtime_set_back_changes_the_status(tmp_path: Path) -> None:
    path = tmp_path / "dok.md"
    path.write_bytes(b"# Judul\n\nisi lama\n")
    before, info = key(path), path.stat()
    with path.open("r+b") as fh:
        fh.write(b"# Judul\n\nisi baru\n")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_mtime_ns == info.st_mtime_ns and path.stat().st_size == info.st_size
    assert key(path) != before  # ctime moved: it cannot be set back


def test_a_status_taken_in_the_same_tick_proves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "halaman.html"
    path.write_text("<p>x</p>\n", encoding="utf-8")
    recorded = key(path)
    assert recorded is not None
    ctime = _ctime(path)
    assert StatTrust(ctime + 1).same(path, recorded) is False  # racy: written as the status was taken
    assert StatTrust(ctime + FINE_NS - 1).same(path, recorded) is False
    assert StatTrust(ctime + FINE_NS + 1 if (ctime + FINE_NS + 1) % 10**9 else ctime + FINE_NS + 2).same(path, recorded)
    assert StatTrust(0).same(path, recorded) is False  # no moment recorded
    assert StatTrust(ctime + 10**10).same(path, "") is False
    path.write_text("<p>y</p>\n", encoding="utf-8")
    assert StatTrust(ctime + 10**10).same(path, recorded) is False


def test_whole_second_clocks_get_a_wider_window(tmp_path: Path) -> None:
    assert StatTrust(5 * 10**9).window == COARSE_NS
    assert StatTrust(5 * 10**9 + 1).window == FINE_NS
    assert probe(tmp_path) >= _ctime(tmp_path / "waktu") - 1 > 0


def test_documents_are_remembered_only_when_their_status_proves_something(tmp_path: Path) -> None:
    old, new = tmp_path / "lama.md", tmp_path / "baru.md"
    old.write_text("lama\n", encoding="utf-8")
    time.sleep(4 * FINE_NS / 1e9)
    new.write_text("baru\n", encoding="utf-8")
    cache = FileDigests()
    cache.since = _ctime(new) + 1  # loading began just after ``new`` was written
    cache.remember("lama.md", key(old), "a" * 64)
    cache.remember("baru.md", key(new), "b" * 64)  # ctime after the start of loading: racy
    cache.remember("hilang.md", None, "c" * 64)
    assert list(cache.new) == ["lama.md"]
    again = FileDigests(cache.new)
    assert again.known("lama.md", str(old)) == ("a" * 64, key(old))
    old.write_text("ubah\n", encoding="utf-8")
    assert again.known("lama.md", str(old))[0] is None
