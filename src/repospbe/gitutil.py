"""Small git helpers for the registry, on the one git runner (``repospbe.gitrun``)."""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from repospbe.errors import InputError
from repospbe.gitrun import run_git

# Who a commit is by may come from the caller's environment (CI, tests); nothing else does.
IDENTITY_ENV = ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_AUTHOR_DATE",
                "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_COMMITTER_DATE")
# What git hands a pre-receive hook so it can see the pushed (not yet accepted) objects.
QUARANTINE_ENV = ("GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_QUARANTINE_PATH")


def identity_env(**extra: str) -> dict[str, str]:
    """The caller's commit identity variables (only those), plus ``extra``."""
    env = {k: os.environ[k] for k in IDENTITY_ENV if os.environ.get(k)}
    env.update(extra)
    return env


def hook_quarantine(root: Path) -> dict[str, str]:
    """The quarantine variables, when this process runs in git's pre-receive hook of ``root``.

    Taken from the environment only when they are exactly git's quarantine of this
    repository: ``GIT_QUARANTINE_PATH`` is a ``tmp_objdir-incoming-*`` directory inside
    ``root``'s objects directory, ``GIT_OBJECT_DIRECTORY`` names it and the alternate is
    that objects directory. Anything else is ignored (empty result)."""
    quarantine = os.environ.get("GIT_QUARANTINE_PATH", "")
    if not quarantine or os.environ.get("GIT_OBJECT_DIRECTORY") != quarantine:
        return {}
    objects = (root / "objects" if (root / "HEAD").is_file() else root / ".git" / "objects").resolve()
    where = Path(quarantine)
    alternates = os.environ.get("GIT_ALTERNATE_OBJECT_DIRECTORIES", "")
    if (not where.name.startswith("tmp_objdir-incoming-") or where.resolve().parent != objects
            or any(Path(a).resolve() != objects for a in alternates.split(os.pathsep) if a)):
        return {}
    return {k: os.environ[k] for k in QUARANTINE_ENV if os.environ.get(k)}


def git(root: Path, *args: str, check: bool = True, input_text: str | None = None,
        internal: bool = False, env: Mapping[str, str] | None = None) -> str:
    """Run git in ``root`` under the runner's policy; return stdout as text."""
    data = input_text.encode("utf-8") if input_text is not None else None
    return run_git(root, *args, input=data, check=check, internal=internal, env=env).text


def changed_paths(root: Path, ref: str) -> set[str]:
    """Paths (relative to ``root``) changed between ``ref`` and the work tree, untracked included."""
    git(root, "rev-parse", "--git-dir")  # not a repository: git's own message, exit 2
    if not ref or ref.startswith("-") or git(root, "rev-parse", "--verify", "--quiet",
                                              f"{ref}^{{commit}}", check=False) == "":
        raise InputError("git.bad-ref", ref=ref)
    diff = git(root, "diff", "--name-only", "--no-renames", "--relative", "-z", ref, "--")
    untracked = git(root, "ls-files", "--others", "--exclude-standard", "-z")
    return {p for p in (diff + untracked).split("\0") if p}
