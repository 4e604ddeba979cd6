"""The one git runner: its environment policy holds against a hostile caller environment and repository."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from repospbe.errors import InputError
from repospbe.git.runner import environment, git_text, popen_git, run_git
from tests.helpers.git import git, make_repo


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    make_repo(repo, {"a.txt": "asli\n"}, "c")
    return repo


def test_inherited_git_variables_do_not_reach_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _repo(tmp_path)
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(tmp_path / "evil-index"))
    monkeypatch.setenv("GIT_CONFIG_PARAMETERS", "'core.fsmonitor'='touch pwned'")
    assert git_text(repo, "rev-parse", "--git-dir").strip() == ".git"
    assert git_text(repo, "ls-files").split() == ["a.txt"]
    assert not (repo / "pwned").exists()


def test_repository_config_cannot_run_programs(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    marker = tmp_path / "ran"
    git(repo, "config", "core.fsmonitor", f"touch {marker}; false")
    hooks = repo / ".git" / "hooks"
    (hooks / "post-checkout").write_text(f"#!/bin/sh\ntouch {marker}\n")
    (hooks / "post-checkout").chmod(0o755)
    git_text(repo, "status", "--porcelain")
    run_git(repo, "checkout", "-q", "-b", "lain")
    assert not marker.exists()


def test_replace_objects_are_ignored(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    original = git_text(repo, "rev-parse", "HEAD:a.txt").strip()
    forged = git_text(repo, "hash-object", "-w", "--stdin", input=b"palsu\n").strip()
    git(repo, "replace", original, forged)
    assert git(repo, "cat-file", "blob", original) == "palsu\n"  # plain git honours the replacement
    assert git_text(repo, "cat-file", "blob", original) == "asli\n"


def test_internal_repositories_read_no_global_config() -> None:
    env = environment(internal=True)
    assert env["GIT_CONFIG_GLOBAL"] == "/dev/null" and env["GIT_CONFIG_NOSYSTEM"] == "1"
    assert env["GIT_NO_REPLACE_OBJECTS"] == "1" and "GIT_DIR" not in env


def test_policy_refuses_unknown_environment() -> None:
    with pytest.raises(ValueError):
        environment(env={"GIT_DIR": "/x"})


def test_failure_is_input_error_with_git_message(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    with pytest.raises(InputError) as err:
        run_git(repo, "cat-file", "-p", "tidak-ada")
    assert err.value.key == "git.failed"
    assert run_git(repo, "cat-file", "-p", "tidak-ada", check=False).returncode == 128


def test_stdin_and_streaming(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    sha = git_text(repo, "hash-object", "-w", "--stdin", input=b"isi\n").strip()
    proc = popen_git(repo, "cat-file", "--batch", stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    out, _ = proc.communicate(f"{sha}\n".encode())
    assert out.split(b"\n", 1)[1].startswith(b"isi\n")


def test_hostile_mode_adds_overrides() -> None:
    from repospbe.git.runner import command

    plain, hostile = command(["status"]), command(["status"], hostile=True)
    assert "core.sshCommand=false" in hostile and "core.sshCommand=false" not in plain
    assert plain[:2] == ["env", "-i"] and "core.fsmonitor=false" in plain


def test_bulk_mode_low_memory_settings_and_the_callers_identity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``bulk=True`` (handover work): pack settings bounded, the caller's commit identity passed on
    (and only when ``env`` is not given), any other inherited variable still dropped."""
    repo = _repo(tmp_path)
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Vendor Uji")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "vendor@example.invalid")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "repospbe")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "repospbe@localhost")
    assert git_text(repo, "config", "--get", "pack.window", bulk=True).strip() == "0"
    assert git_text(repo, "config", "--get", "pack.window", check=False) == ""
    tree = git_text(repo, "rev-parse", "HEAD^{tree}", internal=True).strip()
    commit = git_text(repo, "commit-tree", tree, "-m", "m", internal=True, bulk=True).strip()
    assert git_text(repo, "log", "-1", "--format=%an <%ae>", commit) == "Vendor Uji <vendor@example.invalid>\n"
    explicit = {
        "GIT_AUTHOR_NAME": "Lain",
        "GIT_AUTHOR_EMAIL": "l@x",
        "GIT_COMMITTER_NAME": "c",
        "GIT_COMMITTER_EMAIL": "c@x",
    }
    other = git_text(repo, "commit-tree", tree, "-m", "n", internal=True, bulk=True, env=explicit).strip()
    assert git_text(repo, "log", "-1", "--format=%an", other) == "Lain\n"
    with pytest.raises(InputError):  # without bulk, no identity comes from the caller's environment
        git_text(repo, "commit-tree", tree, "-m", "o", internal=True)
