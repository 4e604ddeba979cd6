"""``repospbe.git.batch``: many reads of one repository through one ``git cat-file --batch``."""

from __future__ import annotations

from pathlib import Path

from repospbe.git.batch import BatchReader
from repospbe.governance.gitrepo import Repo
from tests.helpers.git import commit_file, git, make_repo


def test_reads_files_trees_and_absent_names_as_a_one_off_call_would(tmp_path: Path) -> None:
    head = make_repo(tmp_path, {"a b.txt": "spasi\n", "dir/x.txt": "x\n", "kosong": ""})
    repo = Repo(tmp_path)
    assert repo.blob(head, "a b.txt") == b"spasi\n"  # a path with a space
    assert repo.blob(head, "kosong") == b""
    assert repo.blob(head, "dir") is None  # a tree is not a file
    assert repo.blob(head, "tidak ada missing") is None  # a name that ends like git's own answer
    assert repo.blob(head, "baris\nbaru") is None  # cannot be asked in batch: a one-off call answers
    assert repo.blob("HEAD", "dir/x.txt") == b"x\n"  # a ref is resolved by a fresh process


def test_objects_written_after_the_reader_started_are_found(tmp_path: Path) -> None:
    first = make_repo(tmp_path, {"f.txt": "1\n"})
    repo = Repo(tmp_path)
    assert repo.blob(first, "f.txt") == b"1\n"
    second = commit_file(tmp_path, "f.txt", "2\n", "dua")
    git(tmp_path, "gc", "-q")  # loose objects packed after the reader started
    third = commit_file(tmp_path, "f.txt", "3\n", "tiga")
    found = [repo.blob(commit, "f.txt") for commit in (second, third, first)]
    assert found == [b"2\n", b"3\n", b"1\n"]


def test_a_reader_ignores_replace_refs_like_every_git_call(tmp_path: Path) -> None:
    head = make_repo(tmp_path, {"f.txt": "asli\n"})
    real = git(tmp_path, "rev-parse", f"{head}:f.txt").strip()
    fake = git(tmp_path, "hash-object", "-w", "--stdin", env={"GIT_DIR": str(tmp_path / ".git")}).strip()
    git(tmp_path, "replace", real, fake)
    reader = BatchReader(tmp_path)
    found = reader.read(real)
    reader.close()
    assert found == ("blob", b"asli\n")
