"""Source access: pinned commits and plain directories into the tree-SHA cache."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from repospbe.errors import InputError
from repospbe.source import SourceCache
from tests.helpers.git import commit_all, git, make_repo, rev_parse

FILES = {"index.php": "<?php echo 'halo';\n", "src/app.py": "print('halo')\n", "run.sh": "#!/bin/sh\n"}


def test_pinned_local_repo_is_materialised_read_only(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    commit = make_repo(root / "src" / "app", FILES)
    tree = rev_parse(root / "src" / "app", "HEAD^{tree}")
    st = SourceCache(tmp_path / "cache").pinned(root, "src/app", commit)
    assert st.tree == tree and st.commit == commit
    assert st.path == tmp_path / "cache" / "trees" / tree
    assert (st.path / "src" / "app.py").read_text() == "print('halo')\n"
    assert not os.stat(st.path / "index.php").st_mode & stat.S_IWUSR
    assert st.findings == ()


def test_bundle_file_url_and_directory_give_the_same_tree(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    commit = make_repo(root / "src" / "app", FILES)
    git(root / "src" / "app", "bundle", "create", str(root / "app.bundle"), "--all")
    cache = SourceCache(tmp_path / "cache")
    trees = {
        cache.pinned(root, "app.bundle", commit).tree,
        cache.pinned(root, f"file://{root / 'src' / 'app'}", commit).tree,
        cache.directory_tree(root / "src" / "app").tree,
    }
    assert trees == {rev_parse(root / "src" / "app", "HEAD^{tree}")}
    assert cache.directory_tree(root / "src" / "app").commit == commit


def test_second_materialisation_reuses_the_cached_tree_only_while_it_matches(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    commit = make_repo(root / "app", FILES)
    cache = SourceCache(tmp_path / "cache")
    first = cache.pinned(root, "app", commit)
    inode = os.stat(first.path / "index.php").st_ino
    again = cache.pinned(root, "app", commit)
    assert again.path == first.path and again.findings == () and os.stat(again.path / "index.php").st_ino == inode
    sentinel = first.path / "sentinel-not-from-git"
    sentinel.write_text("x")
    second = cache.pinned(root, "app", commit)
    assert second.path == first.path and not sentinel.exists()
    assert [f.check_id for f in second.findings] == ["source.cache-rebuilt"]


def test_missing_commit_and_paths_outside_are_refused(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    make_repo(root / "app", FILES)
    cache = SourceCache(tmp_path / "cache")
    with pytest.raises(InputError) as missing:
        cache.pinned(root, "app", "0" * 40)
    assert missing.value.key == "source.commit-missing"
    make_repo(tmp_path / "elsewhere", FILES)
    with pytest.raises(InputError) as outside:
        cache.pinned(root, "../elsewhere", "0" * 40)
    assert outside.value.key == "source.repo-outside"


def _hostile(path: Path, marker: Path) -> str:
    """A repository whose config, hooks and attributes would each create ``marker``."""
    commit = make_repo(path, {**FILES, ".gitattributes": "* filter=evil\n"})
    hooks = path.parent / "evil-hooks"
    hooks.mkdir()
    for name in ("post-checkout", "pre-commit", "post-merge", "reference-transaction", "pre-auto-gc"):
        hook = hooks / name
        hook.write_text(f"#!/bin/sh\ntouch {marker}\n")
        hook.chmod(0o755)
        (path / ".git" / "hooks" / name).write_text(f"#!/bin/sh\ntouch {marker}\n")
        (path / ".git" / "hooks" / name).chmod(0o755)
    with open(path / ".git" / "config", "a") as fh:
        fh.write(
            f"[core]\n\tfsmonitor = touch {marker}\n\thooksPath = {hooks}\n"
            f"\tsshCommand = touch {marker}\n"
            f'[filter "evil"]\n\tclean = touch {marker}\n\tsmudge = touch {marker}\n\trequired = true\n'
        )
    return commit


def test_hostile_git_config_and_hooks_never_run(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    marker = tmp_path / "PWNED"
    commit = _hostile(root / "app", marker)
    cache = SourceCache(tmp_path / "cache")
    via_path = cache.pinned(root, "app", commit)
    via_dir = cache.directory_tree(root / "app")
    assert via_path.tree == via_dir.tree
    assert (via_path.path / "index.php").is_file()
    assert not marker.exists()
    # The repository really is hostile: plain git in it runs the planted command.
    subprocess.run(["git", "status"], cwd=root / "app", capture_output=True, check=False)
    assert marker.exists()


def test_symlinks_leaving_the_tree_are_refused(tmp_path: Path) -> None:
    repo = tmp_path / "app"
    make_repo(repo, FILES)
    (repo / "sub").mkdir()
    os.symlink("/etc/passwd", repo / "absolute")
    os.symlink("../../outside", repo / "sub" / "parent")
    os.symlink("..", repo / "sub" / "up")
    os.symlink("sub/up/..", repo / "chained")
    os.symlink("src/app.py", repo / "inside")
    st = SourceCache(tmp_path / "cache").pinned(tmp_path, "app", commit_all(repo, "links"))
    refused = sorted((f.check_id, f.path) for f in st.findings)
    assert refused == [
        ("source.symlink-escape", "absolute"),
        ("source.symlink-escape", "chained"),
        ("source.symlink-escape", "sub/parent"),
    ]
    assert os.readlink(st.path / "inside") == "src/app.py"
    assert not (st.path / "chained").exists() and not (st.path / "absolute").is_symlink()


def test_blob_over_the_limit_is_a_finding(tmp_path: Path) -> None:
    commit = make_repo(tmp_path / "app", {**FILES, "data.bin": b"\0" * 5000})
    st = SourceCache(tmp_path / "cache", max_blob=4096).pinned(tmp_path, "app", commit)
    assert [(f.check_id, f.path, dict(f.params)["size"]) for f in st.findings] == [
        ("source.blob-too-large", "data.bin", 5000)
    ]
    assert not (st.path / "data.bin").exists() and (st.path / "index.php").exists()


def test_200mb_sparse_file_in_a_directory_is_skipped_not_read(tmp_path: Path) -> None:
    app = tmp_path / "app"
    app.mkdir()
    (app / "index.php").write_text("<?php\n")
    with open(app / "video.bin", "wb") as fh:
        fh.truncate(200 * 1024 * 1024)
    st = SourceCache(tmp_path / "cache").directory_tree(app)
    assert [(f.check_id, f.path) for f in st.findings] == [("source.blob-too-large", "video.bin")]
    assert sorted(os.listdir(st.path)) == [".semgrepignore", "index.php"]


def test_invalid_utf8_file_names_are_escaped(tmp_path: Path) -> None:
    repo = tmp_path / "app"
    make_repo(repo, FILES)
    (repo / os.fsdecode(b"caf\xe9.php")).write_text("<?php\n")
    st = SourceCache(tmp_path / "cache").pinned(tmp_path, "app", commit_all(repo, "latin-1 name"))
    assert [(f.check_id, f.path) for f in st.findings] == [("source.filename-encoding", "caf\\xe9.php")]
    assert (st.path / "caf\\xe9.php").read_text() == "<?php\n"


def test_the_sources_own_semgrepignore_is_dropped(tmp_path: Path) -> None:
    commit = make_repo(tmp_path / "app", {**FILES, ".semgrepignore": "src/\n"})
    st = SourceCache(tmp_path / "cache").pinned(tmp_path, "app", commit)
    assert [(f.check_id, f.path) for f in st.findings] == [("source.semgrepignore", ".semgrepignore")]
    assert "src/" not in (st.path / ".semgrepignore").read_text()
