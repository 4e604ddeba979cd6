"""Attack 3 (issue 13): poisoned caches are detected, not trusted.

A hostile test pre-filled ``trees/<sha>/`` of the vendor's *next* version with harmless
files, and pre-created the predictable merged semgrep config with a rule that never
matches. Both must fail: the tree is re-hashed against its git tree id, discarded and
extracted again (with an info finding), the real findings are reported, the merged
config lives in a private directory, and the cache directories are 0700.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

from repospbe.errors import InputError
from repospbe.pipeline.scan import scan_tree
from repospbe.scanners import semgrep
from repospbe.source import SourceCache
from repospbe.source import cache as cache_mod
from repospbe.source.verify import content, tree_id
from tests.helpers.git import commit_all, make_repo, rev_parse
from tests.scanners.conftest import RULES, options

HARMLESS = {"app.py": '"""Aplikasi."""\n\n\ndef halo():\n    """Sapa."""\n    return "halo"\n'}
BACKDOOR = {
    "app.py": '"""Aplikasi."""\nimport subprocess\n\n\ndef halo(cmd):\n    """Sapa."""\n'
    "    eval(cmd)\n    subprocess.call(cmd, shell=True)\n"
}


def _forget_verified() -> None:
    """A new process: nothing verified yet (the cache is re-hashed, not remembered)."""
    cache_mod._VERIFIED.clear()


def _versions(tmp_path: Path) -> tuple[Path, str, str, str]:
    """A vendor repository with a harmless v1 and a backdoored v2: (registry, v1, v2, tree of v2)."""
    root = tmp_path / "reg"
    src = root / "src" / "app"
    v1 = make_repo(src, HARMLESS)
    (src / "app.py").write_text(BACKDOOR["app.py"])
    v2 = commit_all(src, "v2")
    return root, v1, v2, rev_parse(src, "HEAD^{tree}")


def _plant(cache_dir: Path, tree: str, files: dict[str, str]) -> None:
    """What the hostile test did: harmless files under the id of the real (next) tree."""
    target = cache_dir / "trees" / tree
    target.mkdir(parents=True)
    for rel, text in files.items():
        (target / rel).write_text(text)
        os.chmod(target / rel, 0o444)
    (target / ".semgrepignore").write_text(
        "# repospbe: the source's own ignore files are not honoured; repospbe passes"
        " its\n# exclusions (third-party code) on the command line.\n"
    )
    os.chmod(target / ".semgrepignore", 0o444)  # a faithful forgery: only the content differs
    (cache_dir / "trees" / f"{tree}.json").write_text("[]")


@pytest.mark.slow
def test_poisoned_tree_of_the_next_version_is_detected_rebuilt_and_scanned(tmp_path: Path) -> None:
    root, _v1, v2, tree = _versions(tmp_path)
    cache = SourceCache(tmp_path / "cache")
    _plant(cache.directory, tree, HARMLESS)
    _forget_verified()
    source = cache.pinned(root, "src/app", v2)
    assert [(f.check_id, dict(f.params)["tree"]) for f in source.findings] == [("source.cache-rebuilt", tree)]
    assert (source.path / "app.py").read_text() == BACKDOOR["app.py"]
    outs = {o.scanner: o for o in scan_tree(source, options(), cache, only=("semgrep", "bandit"))}
    found = {(f.check_id, f.path, f.line) for o in outs.values() for f in o.result.findings}
    assert {("repospbe.python.test.eval", "app.py", 7), ("bandit.B602", "app.py", 8)} <= found
    assert outs["bandit"].result.status == "failed" and outs["semgrep"].result.status == "failed"
    _forget_verified()
    again = cache.pinned(root, "src/app", v2)  # intact now: verified by hashing, not rebuilt
    assert again.findings == () and again.path == source.path


@pytest.mark.parametrize("tamper", ["edit", "add", "remove", "writable", "empty-dir", "link", "hardlink"])
def test_any_change_to_a_cached_tree_is_a_mismatch(tmp_path: Path, tamper: str) -> None:
    root = tmp_path / "reg"
    commit = make_repo(root / "app", {**BACKDOOR, "lib/util.py": "x = 1\n", "run.sh": "#!/bin/sh\n"})
    os.chmod(root / "app" / "run.sh", 0o755)
    cache = SourceCache(tmp_path / "cache")
    first = cache.pinned(root, "app", commit)
    path = first.path
    target = path / "app.py"
    os.chmod(path, 0o755)
    if tamper == "edit":
        os.chmod(target, 0o644)
        target.write_text(HARMLESS["app.py"])
        os.chmod(target, 0o444)
    elif tamper == "add":
        (path / "lib" / "extra.py").write_text("")
    elif tamper == "remove":
        os.chmod(path / "lib", 0o755)
        (path / "lib" / "util.py").unlink()
    elif tamper == "writable":
        os.chmod(target, 0o644)
    elif tamper == "empty-dir":
        (path / "vendor").mkdir()
    elif tamper == "link":
        target.unlink()
        (tmp_path / "elsewhere.py").write_text(BACKDOOR["app.py"])
        target.symlink_to(tmp_path / "elsewhere.py")
    elif tamper == "hardlink":
        os.link(target, tmp_path / "handle.py")  # someone keeps a way to rewrite it later
    _forget_verified()
    second = cache.pinned(root, "app", commit)
    assert [f.check_id for f in second.findings] == ["source.cache-rebuilt"]
    assert target.read_text() == BACKDOOR["app.py"] and not (path / "lib" / "extra.py").exists()
    assert tree_id(content(second.path).entries) == first.tree


def test_tree_id_of_the_extracted_directory_is_gits_tree_id(tmp_path: Path) -> None:
    files = {"a.py": "a\n", "a-b/c.txt": "c\n", "a.b": "d\n", "z/y/x.php": "<?php\n", "run.sh": "#!/bin/sh\n"}
    root = tmp_path / "reg"
    commit = make_repo(root / "app", files)
    os.chmod(root / "app" / "run.sh", 0o755)
    commit = commit_all(root / "app", "exec")
    (root / "app" / "lnk").symlink_to("a.py")
    commit = commit_all(root / "app", "link")
    st = SourceCache(tmp_path / "cache").pinned(root, "app", commit)
    assert tree_id(content(st.path).entries) == st.tree == rev_parse(root / "app", "HEAD^{tree}")


@pytest.mark.slow
def test_predictable_semgrep_config_does_not_silence_semgrep(tmp_path: Path) -> None:
    never = (
        "rules:\n  - id: never\n    pattern: this_never_matches_anything_42()\n    message: x\n"
        "    languages: [python]\n    severity: INFO\n"
    )
    old_path = Path(tempfile.gettempdir()) / f"repospbe-semgrep-{semgrep.rules_digest(RULES)[:16]}.yaml"
    planted = not old_path.exists()
    if planted:
        old_path.write_text(never)
    try:
        merged = semgrep.merged_config(RULES)
        assert merged != old_path and "repospbe.python.test.eval" in merged.read_text()
        assert stat.S_IMODE(os.stat(merged.parent).st_mode) == 0o700
        merged.write_text(never)  # even our own private file is re-checked by digest before reuse
        again = semgrep.merged_config(RULES)
        assert "repospbe.python.test.eval" in again.read_text()
        (tmp_path / "app").mkdir()
        (tmp_path / "app" / "app.py").write_text(BACKDOOR["app.py"])
        cache = SourceCache(tmp_path / "cache")
        [out] = scan_tree(cache.directory_tree(tmp_path / "app"), options(), cache, only=("semgrep",))
        assert [(f.check_id, f.line) for f in out.result.findings] == [("repospbe.python.test.eval", 7)]
    finally:
        if planted:
            old_path.unlink()


def test_cache_directories_are_private_and_unsafe_ones_refused(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    commit = make_repo(root / "app", HARMLESS)
    old = os.umask(0o002)
    try:
        cache = SourceCache(tmp_path / "cache")
        cache.pinned(root, "app", commit)
        cache.results_dir()
    finally:
        os.umask(old)
    for sub in ("", "trees", "repos", "results"):
        assert stat.S_IMODE(os.stat(cache.directory / sub).st_mode) == 0o700, sub
    os.chmod(cache.directory / "trees", 0o777)  # group/world-writable subdirectory: recreated, empty
    cache.pinned(root, "app", commit)
    assert stat.S_IMODE(os.stat(cache.directory / "trees").st_mode) == 0o700
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    os.chmod(shared, 0o777)
    with pytest.raises(InputError) as unsafe:
        SourceCache(shared)
    assert unsafe.value.key == "source.cache-unsafe"
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with pytest.raises(InputError):
        SourceCache(tmp_path / "link")
    if os.getuid() == 0:  # as root, a directory owned by someone else can be made
        other = tmp_path / "other"
        other.mkdir(mode=0o700)
        os.chown(other, 65534, 65534)
        with pytest.raises(InputError):
            SourceCache(other)
    shutil.rmtree(tmp_path / "cache", ignore_errors=True)
