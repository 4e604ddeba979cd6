"""tests/helpers/git.py, the one way tests make commits: fixed identity and date unless asked otherwise."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.git import GIT_ENV, commit_all, commit_file, git, make_repo, rev_parse


def _last(repo: Path) -> list[str]:
    return git(repo, "log", "-1", "--format=%an%n%ae%n%aI%n%ce%n%cI%n%s").splitlines()


def test_commits_have_the_test_identity_and_date(tmp_path: Path) -> None:
    sha = make_repo(tmp_path / "r", {"a.txt": "a\n", "d/b.bin": b"\0"})
    assert sha == rev_parse(tmp_path / "r") and len(sha) == 40
    assert _last(tmp_path / "r") == [
        "Uji repospbe",
        GIT_ENV["GIT_AUTHOR_EMAIL"],
        "2026-01-01T00:00:00+07:00",
        GIT_ENV["GIT_COMMITTER_EMAIL"],
        "2026-01-01T00:00:00+07:00",
        "source",
    ]
    assert git(tmp_path / "r", "ls-files").split() == ["a.txt", "d/b.bin"]
    assert git(tmp_path / "r", "branch", "--show-current").strip() == "main"


def test_commit_all_takes_a_date_and_an_author(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    make_repo(repo, {"a.txt": "a\n"})
    (repo / "baru.txt").write_text("baru\n")
    sha = commit_all(repo, "lain", date="2026-03-04T05:06:07+07:00", author="dev@opd.example")
    assert sha == rev_parse(repo)
    assert _last(repo) == [
        "Uji repospbe",
        "dev@opd.example",
        "2026-03-04T05:06:07+07:00",
        "dev@opd.example",
        "2026-03-04T05:06:07+07:00",
        "lain",
    ]
    assert "baru.txt" in git(repo, "ls-files").split()


def test_commit_file_commits_that_file_only(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    make_repo(repo, {"a.txt": "a\n"})
    (repo / "lepas.txt").write_text("tidak di-commit\n")
    commit_file(repo, "sub/b.txt", "b\n", "b")
    assert git(repo, "ls-files").split() == ["a.txt", "sub/b.txt"]
    assert git(repo, "status", "--porcelain").strip() == "?? lepas.txt"
