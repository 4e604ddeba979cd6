"""``backup restore``: rebuild every repository of a set (and its chain) elsewhere."""
from __future__ import annotations

from pathlib import Path

from repospbe.backup import gitrepo
from repospbe.backup.manifest import Manifest
from repospbe.backup.sets import chain_of, list_sets
from repospbe.backup.verify import verify_backups
from repospbe.errors import InputError, PolicyError
from repospbe.gitutil import git


def restore_backup(root: Path, target: Path, allowed_signers: Path, set_name: str | None = None) -> Path:
    """Restore the newest set (or ``set_name``) into the empty directory ``target``.

    Everything is verified first; a backup that fails verification is refused."""
    if target.exists() and any(target.iterdir()):
        raise InputError("backup.target-not-empty", dir=str(target))
    problems = verify_backups(root, allowed_signers)
    if problems:
        raise PolicyError("backup.refuse-unverified", count=str(len(problems)))
    sets = list_sets(root)
    chosen = next((s for s in sets if s.name == set_name), None) if set_name else sets[-1]
    if chosen is None:
        raise InputError("backup.not-found", dir=str(root / (set_name or "")))
    chain = chain_of(chosen)
    final = chain[-1][1]
    for repo in final.repos:
        if repo.role in ("registry", "source"):
            _restore_repo(target, repo.name, repo.restore_path, chain, final)
    return target


def _restore_repo(target: Path, name: str, restore_path: str, chain: list[tuple[Path, Manifest]],
                  final: Manifest) -> None:
    path = (target / restore_path).resolve()
    if not str(path).startswith(str(target.resolve())):
        raise InputError("backup.restore-path", path=restore_path)
    bare = restore_path.endswith(".git")
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", *(["--bare"] if bare else []), str(path))
    for set_dir, manifest in chain:
        entry = manifest.repo(name)
        if entry is not None and entry.bundle:
            gitrepo.unbundle(path, set_dir / entry.bundle)
    entry = final.repo(name)
    refs = entry.refs if entry else {}
    gitrepo.set_refs(path, refs)
    head = "refs/heads/main" if "refs/heads/main" in refs else next(
        (r for r in sorted(refs) if r.startswith("refs/heads/")), "")
    if head:
        git(path, "symbolic-ref", "HEAD", head)
        if not bare:
            git(path, "checkout", "-q", "-f", head.removeprefix("refs/heads/"))
