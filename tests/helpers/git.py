"""The one way tests make git repositories and commits.

Every commit made here has the same identity and date (``GIT_ENV``) unless a test asks for another
author address or date, never reads the user's or the system's git config, and is never signed."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
TEST_EMAIL = "uji@example.invalid"
TEST_DATE = "2026-01-01T00:00:00+07:00"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Uji repospbe",
    "GIT_AUTHOR_EMAIL": TEST_EMAIL,
    "GIT_COMMITTER_NAME": "Uji repospbe",
    "GIT_COMMITTER_EMAIL": TEST_EMAIL,
    "GIT_AUTHOR_DATE": TEST_DATE,
    "GIT_COMMITTER_DATE": TEST_DATE,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_ALLOW_PROTOCOL": "file",
}


def git(cwd: Path, *args: str, email: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """Run ``git args`` in ``cwd`` with the test identity; its stdout (not stripped).

    ``email`` replaces the author and committer address; ``env`` adds variables (after ``GIT_ENV``)."""
    who = {"GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_EMAIL": email} if email else {}
    return subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV, **who, **(env or {})},
    ).stdout


def rev_parse(repo: Path, rev: str = "HEAD") -> str:
    """The object id ``rev`` names in ``repo``."""
    return git(repo, "rev-parse", "--verify", rev).strip()


def write_files(root: Path, files: Mapping[str, str | bytes]) -> None:
    """Write ``files`` (relative path -> text or bytes) under ``root``, making directories."""
    for rel, content in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode() if isinstance(content, str) else content)


def commit_all(
    repo: Path, message: str, *, date: str | None = None, author: str | None = None, allow_empty: bool = False
) -> str:
    """Stage everything in ``repo`` and commit it; the new commit's id.

    ``date`` (ISO 8601) sets author and committer date; ``author`` is the author and committer address."""
    git(repo, "add", "-A")
    when = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}
    git(repo, "commit", "-qm", message, *(["--allow-empty"] if allow_empty else []), email=author, env=when)
    return rev_parse(repo)


def init_repo(dest: Path, message: str = "initial", *, branch: str = "main") -> Path:
    """Make ``dest`` a git repository on ``branch`` with everything in it committed."""
    dest.mkdir(parents=True, exist_ok=True)
    git(dest, "init", "-q", "-b", branch)
    commit_all(dest, message)
    return dest


def make_repo(path: Path, files: Mapping[str, str | bytes], message: str = "source") -> str:
    """A git work tree at ``path`` with ``files`` committed on ``main``; the commit id."""
    path.mkdir(parents=True, exist_ok=True)
    write_files(path, files)
    init_repo(path, message)
    return rev_parse(path)


def commit_file(root: Path, rel: str, text: str, message: str) -> str:
    """Write one file in ``root`` and commit that file only; the commit id."""
    write_files(root, {rel: text})
    git(root, "add", "--", rel)
    git(root, "commit", "-qm", message)
    return rev_parse(root)


def copy_registry(dest: Path, parts: tuple[str, ...] = ("registry", "checks")) -> Path:
    """Copy ``parts`` of the checkout (registry/ and checks/) into ``dest`` and make it a git repo.

    The repository is made once per test process and ``parts`` (a template under a private temporary
    directory) and copied from there: the same files and, with the fixed identity and date, the same
    commit as making it afresh, in a fifth of the time."""
    template = _TEMPLATES.get(parts)
    if template is None:
        template = Path(tempfile.mkdtemp(prefix="repospbe-registri-")) / "registri"
        atexit.register(shutil.rmtree, template.parent, True)
        for part in parts:
            shutil.copytree(REPO_ROOT / part, template / part, symlinks=True)
        init_repo(template)
        _TEMPLATES[parts] = template
    shutil.copytree(template, dest, symlinks=True, dirs_exist_ok=True)
    return dest


_TEMPLATES: dict[tuple[str, ...], Path] = {}
