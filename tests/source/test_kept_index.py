"""A plain directory's tree id with the index kept between runs: always what the directory holds now.

The index kept in the cache repository lets an unchanged directory be re-read by stat data
only; every test compares the id a warm cache gives with the id a fresh cache computes from
nothing, and with git's own id of the same content, after the kind of edit a stat cache could miss.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from repospbe.source.localdir import KEPT_INDEX, import_dir
from tests.helpers.git import commit_all, git, rev_parse

LIMIT = 1 << 20


def _tree(cache: Path, directory: Path) -> str:
    return import_dir(cache, directory, LIMIT)[1]


def _fresh(tmp_path: Path, directory: Path) -> str:
    fresh = tmp_path / f"fresh-{len(list(tmp_path.glob('fresh-*')))}"
    return _tree(fresh, directory)


def _git_tree(tmp_path: Path, directory: Path) -> str:
    """git's own id of the directory's content (a throwaway repository over a copy)."""
    copy = tmp_path / "copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(directory, copy, symlinks=True)
    git(copy, "init", "-q")
    commit_all(copy, "isi")
    return rev_parse(copy, "HEAD^{tree}")


def _app(tmp_path: Path) -> Path:
    app = tmp_path / "app"
    (app / "src" / "lib").mkdir(parents=True)
    (app / "index.php").write_text("<?php echo 'halo';\n")
    (app / "src" / "a.js").write_text("module.exports = 1;\n")
    (app / "src" / "lib" / "b.js").write_text("module.exports = 2;\n")
    return app


def test_the_index_is_kept_and_an_unchanged_directory_gives_the_same_tree(tmp_path: Path) -> None:
    app, cache = _app(tmp_path), tmp_path / "cache"
    git_dir, first, _ = import_dir(cache, app, LIMIT)
    assert (git_dir / KEPT_INDEX).is_file()
    assert _tree(cache, app) == first == _git_tree(tmp_path, app)


def test_same_size_edit_at_once_is_seen(tmp_path: Path) -> None:
    """Edited within the same instant the index was written, with the same size: git's racy guard."""
    app, cache = _app(tmp_path), tmp_path / "cache"
    before = _tree(cache, app)
    (app / "src" / "a.js").write_text("module.exports = 9;\n")
    after = _tree(cache, app)
    assert after != before
    assert after == _fresh(tmp_path, app) == _git_tree(tmp_path, app)


def test_edit_with_mtime_set_back_is_seen(tmp_path: Path) -> None:
    """A process can set mtime back, not ctime: the changed ctime makes git read the file again."""
    app, cache = _app(tmp_path), tmp_path / "cache"
    target = app / "index.php"
    old = os.stat(target)
    before = _tree(cache, app)
    target.write_text("<?php echo 'HALO';\n")
    os.utime(target, ns=(old.st_atime_ns, old.st_mtime_ns))
    assert _tree(cache, app) != before
    assert _tree(cache, app) == _fresh(tmp_path, app)


def test_removed_files_and_a_directory_replaced_by_a_file_leave_nothing_behind(tmp_path: Path) -> None:
    app, cache = _app(tmp_path), tmp_path / "cache"
    _tree(cache, app)
    (app / "index.php").unlink()
    shutil.rmtree(app / "src" / "lib")
    (app / "src" / "lib").write_text("sekarang berkas\n")
    (app / "baru.txt").write_text("baru\n")
    assert _tree(cache, app) == _fresh(tmp_path, app) == _git_tree(tmp_path, app)


def test_a_damaged_kept_index_is_rebuilt_not_trusted(tmp_path: Path) -> None:
    app, cache = _app(tmp_path), tmp_path / "cache"
    git_dir, first, _ = import_dir(cache, app, LIMIT)
    kept = git_dir / KEPT_INDEX
    kept.write_bytes(kept.read_bytes()[:40] + b"\0" * 64)  # truncated and overwritten
    assert _tree(cache, app) == first
    kept.write_bytes(b"bukan indeks")
    assert _tree(cache, app) == first


def test_an_emptied_directory_gives_the_empty_tree(tmp_path: Path) -> None:
    app, cache = _app(tmp_path), tmp_path / "cache"
    _tree(cache, app)
    for child in app.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    assert _tree(cache, app) == "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's empty tree
