"""``backup restore``: rebuild every repository of a set (and its chain) inside ``--to``.

Every ``restore_path`` is checked as text before anything is written and as a resolved
path before its repository is created (``backup.restorepath``); a refusal, or any other
failure, removes what this restore wrote, so ``--to`` is left as it was: empty or absent."""

from __future__ import annotations

import shutil
from pathlib import Path

from repospbe.backup import gitrepo
from repospbe.backup.manifest import Manifest, RepoEntry
from repospbe.backup.policy import SignaturePolicy
from repospbe.backup.restorepath import check_text, resolve_inside
from repospbe.backup.sets import chain_of, list_sets
from repospbe.backup.verify import verify_backups
from repospbe.errors import InputError, PolicyError
from repospbe.git.runner import git_text


def restore_backup(root: Path, target: Path, policy: SignaturePolicy | Path, set_name: str | None = None) -> Path:
    """Restore the newest set (or ``set_name``) into the empty directory ``target``.

    Everything is verified first under ``policy`` (a bare path: the SSH backup signers list);
    a backup that fails verification is refused."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError("backup.target-not-empty", dir=str(target))
    problems = verify_backups(root, policy)
    if problems:
        raise PolicyError("backup.refuse-unverified", count=str(len(problems)))
    sets = list_sets(root)
    chosen = next((s for s in sets if s.name == set_name), None) if set_name else sets[-1]
    if chosen is None:
        raise InputError("backup.not-found", dir=str(root / (set_name or "")))
    chain = chain_of(chosen)
    final = chain[-1][1]
    repos = [(repo, check_text(repo.restore_path)) for repo in final.repos if repo.role in ("registry", "source")]
    created = _first_missing(target)
    target.mkdir(parents=True, exist_ok=True)
    try:
        for repo, parts in repos:
            _restore_repo(resolve_inside(target, parts, repo.restore_path), repo, chain, final)
    except BaseException:
        _empty(target, created)
        raise
    return target


def _restore_repo(path: Path, repo: RepoEntry, chain: list[tuple[Path, Manifest]], final: Manifest) -> None:
    bare = repo.restore_path.endswith(".git")
    path.mkdir(parents=True, exist_ok=True)
    git_text(path, "init", "-q", *(["--bare"] if bare else []), str(path), internal=True)
    for set_dir, manifest in chain:
        entry = manifest.repo(repo.name)
        if entry is not None and entry.bundle:
            gitrepo.unbundle(path, set_dir / entry.bundle)
    entry = final.repo(repo.name)
    refs = entry.refs if entry else {}
    gitrepo.set_refs(path, refs)
    head = (
        "refs/heads/main"
        if "refs/heads/main" in refs
        else next((r for r in sorted(refs) if r.startswith("refs/heads/")), "")
    )
    if head:
        git_text(path, "symbolic-ref", "HEAD", head, internal=True)
        if not bare:
            git_text(path, "checkout", "-q", "-f", head.removeprefix("refs/heads/"), internal=True)


def _first_missing(target: Path) -> Path | None:
    """The outermost directory ``mkdir -p target`` will create (None when target exists)."""
    if target.exists():
        return None
    top = target.absolute()
    while not top.parent.exists():
        top = top.parent
    return top


def _empty(target: Path, created: Path | None) -> None:
    """Remove what the restore wrote: ``target`` was empty (or absent) when it began.
    Links are removed, never followed."""
    if created is not None:
        shutil.rmtree(created, ignore_errors=True)
        return
    for child in list(target.iterdir()):
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
