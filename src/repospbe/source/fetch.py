"""Bring a pinned commit into our cache repository without trusting the source.

``repo`` in ``app.yaml`` ``sumber`` is one of:
- a URL (``https://``, ``ssh://``, ``git@``, ``file://``): fetched into a bare
  cache repository of our own;
- a git bundle file (``registry/sources/<opd>/<app>.bundle``), relative to the
  registry root: fetched the same way (a bundle is plain data);
- a repository directory relative to the registry root: its object store is
  added as an *alternate* of our cache repository, so the source's
  ``.git/config`` and hooks are never read, let alone run.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from repospbe.errors import InputError
from repospbe.private import private_dir
from repospbe.source.gitsafe import has_commit, init_bare, run_git

_URL_RE = re.compile(r"^(https://|ssh://|git@|file://)\S+$")


def repo_cache_dir(cache: Path, kind: str, ident: str) -> Path:
    """Our bare repository for one source, under the private ``repos/`` directory."""
    digest = hashlib.sha256(f"{kind}:{ident}".encode()).hexdigest()[:24]
    return private_dir(cache / "repos", recreate=True) / f"{kind}-{digest}.git"


def obtain(cache: Path, root: Path, repo: str, commit: str) -> Path:
    """A cache repository that holds ``commit``; raises InputError when it cannot."""
    if _URL_RE.match(repo):
        git_dir = repo_cache_dir(cache, "url", repo)
        init_bare(git_dir)
        if not has_commit(git_dir, commit):
            _fetch(git_dir, repo, ["+refs/heads/*:refs/src/heads/*", "+refs/tags/*:refs/src/tags/*"])
    else:
        local = _inside(root, repo)
        if local.is_file():
            git_dir = repo_cache_dir(cache, "bundle", str(local))
            init_bare(git_dir)
            if not has_commit(git_dir, commit):
                _fetch_bundle(git_dir, local)
        else:
            git_dir = repo_cache_dir(cache, "local", str(local))
            init_bare(git_dir)
            link_objects(git_dir, local)
    if not has_commit(git_dir, commit):
        raise InputError("source.commit-missing", repo=repo, commit=commit)
    return git_dir


def _inside(root: Path, repo: str) -> Path:
    base = os.path.realpath(root)
    full = os.path.realpath(os.path.join(base, repo))
    if repo.startswith("/") or not full.startswith(base + os.sep):
        raise InputError("source.repo-outside", repo=repo)
    if not os.path.exists(full):
        raise InputError("source.repo-missing", repo=repo)
    return Path(full)


def objects_dir(repo_dir: Path) -> Path:
    """The object store of a work tree (``.git/objects``) or bare repository."""
    for candidate in (repo_dir / ".git" / "objects", repo_dir / "objects"):
        if candidate.is_dir() and not candidate.is_symlink():
            return candidate
    raise InputError("source.not-a-repo", repo=str(repo_dir))


def link_objects(git_dir: Path, repo_dir: Path) -> None:
    """Reach ``repo_dir``'s objects from ``git_dir`` (read-only, no config read)."""
    alternates = git_dir / "objects" / "info" / "alternates"
    alternates.parent.mkdir(parents=True, exist_ok=True)
    alternates.write_text(str(objects_dir(repo_dir)) + "\n", encoding="utf-8")


def _fetch(git_dir: Path, source: str, refspecs: list[str]) -> None:
    run_git(
        git_dir, "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--no-recurse-submodules", source, *refspecs
    )


def _fetch_bundle(git_dir: Path, bundle: Path) -> None:
    heads = run_git(git_dir, "bundle", "list-heads", str(bundle)).decode("utf-8", "replace")
    refs = sorted({line.split()[1] for line in heads.splitlines() if len(line.split()) == 2})
    if not refs:
        raise InputError("source.bundle-empty", repo=str(bundle))
    specs = [f"+{ref}:refs/bundle/{i}" for i, ref in enumerate(refs)]
    _fetch(git_dir, str(bundle), specs)
