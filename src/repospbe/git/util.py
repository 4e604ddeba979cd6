"""Small git helpers for the registry, on the one git runner (``repospbe.git.runner``)."""

from __future__ import annotations

import os
from pathlib import Path

from repospbe.background import start, wait_quietly
from repospbe.errors import InputError
from repospbe.git.runner import git_text

# What git hands a pre-receive hook so it can see the pushed (not yet accepted) objects.
QUARANTINE_ENV = ("GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_QUARANTINE_PATH")


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
    if (
        not where.name.startswith("tmp_objdir-incoming-")
        or where.resolve().parent != objects
        or any(Path(a).resolve() != objects for a in alternates.split(os.pathsep) if a)
    ):
        return {}
    return {k: os.environ[k] for k in QUARANTINE_ENV if os.environ.get(k)}


def changed_paths(root: Path, ref: str) -> set[str]:
    """Paths (relative to ``root``) changed between ``ref`` and the work tree, untracked included."""
    git_text(root, "rev-parse", "--git-dir")  # not a repository: git's own message, exit 2
    if (
        not ref
        or ref.startswith("-")
        or git_text(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False) == ""
    ):
        raise InputError("git.bad-ref", ref=ref)
    # The two walks of the work tree run side by side (each reads every directory of the registry).
    untracked = start(git_text, root, "ls-files", "--others", "--exclude-standard", "-z")
    try:
        diff = git_text(root, "diff", "--name-only", "--no-renames", "--relative", "-z", ref, "--")
    except BaseException:
        wait_quietly(untracked)
        raise
    return {p for p in (diff + untracked()).split("\0") if p}
