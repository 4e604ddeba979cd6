"""Git plumbing the backup needs: refs, bundles, object counts (on the one git runner).

``internal=True`` for the repositories the backup creates itself (scratch bundle and
verification repositories, restored repositories while they are being rebuilt)."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

from repospbe.errors import InputError
from repospbe.git.runner import git_text, run_git


def git_dir(repo: Path) -> Path:
    out = git_text(repo, "rev-parse", "--path-format=absolute", "--git-common-dir").strip()
    return Path(out)


def read_refs(repo: Path, internal: bool = False) -> dict[str, str]:
    """Every ref (branches, tags, notes, merge-request refs) and its object id."""
    out = git_text(repo, "for-each-ref", "--format=%(objectname) %(refname)", internal=internal)
    refs: dict[str, str] = {}
    for line in out.splitlines():
        sha, name = line.split(" ", 1)
        refs[name] = sha
    return refs


def create_bundle(repo: Path, refs: dict[str, str], exclude: list[str], dest: Path) -> bool:
    """Bundle exactly ``refs`` (as captured) minus objects reachable from ``exclude``.

    The bundle is built in a throw-away repository that borrows ``repo``'s objects
    (alternates) and holds only the captured refs, so refs that move meanwhile do
    not leak in. Returns False when there is nothing new to bundle."""
    with tempfile.TemporaryDirectory(prefix="repospbe-bundle-") as tmp:
        snap = Path(tmp) / "snap.git"
        git_text(Path(tmp), "init", "-q", "--bare", str(snap), internal=True)
        (snap / "objects" / "info" / "alternates").write_text(str(git_dir(repo) / "objects") + "\n")
        stdin = "".join(f"update {name} {sha}\n" for name, sha in sorted(refs.items()))
        git_text(snap, "update-ref", "--stdin", input=stdin.encode("utf-8"), internal=True)
        args = ["bundle", "create", "-q", str(dest), *sorted(refs), *[f"^{s}" for s in exclude]]
        result = run_git(snap, *args, check=False, internal=True)
    if not result.ok:
        if "empty bundle" in result.error:
            return False
        raise InputError("backup.bundle-failed", repo=str(repo), error=result.error[:300])
    return True


def bundle_verify(repo: Path, bundle: Path) -> tuple[bool, str]:
    """``git bundle verify`` of ``bundle`` against ``repo`` (a scratch repository of ours)."""
    result = run_git(repo, "bundle", "verify", str(bundle), check=False, internal=True)
    return result.ok, (result.error or result.text.strip())[:300]


def unbundle(repo: Path, bundle: Path) -> None:
    """Objects of ``bundle`` into ``repo`` (a repository the backup is rebuilding)."""
    git_text(repo, "bundle", "unbundle", str(bundle), internal=True)


def set_refs(repo: Path, refs: dict[str, str]) -> None:
    """Make ``repo``'s refs exactly ``refs`` (create, move, delete); ``repo`` is being rebuilt."""
    current = read_refs(repo, internal=True)
    lines = [f"update {n} {s}\n" for n, s in sorted(refs.items())]
    lines += [f"delete {n}\n" for n in sorted(set(current) - set(refs))]
    git_text(repo, "update-ref", "--stdin", input="".join(lines).encode("utf-8"), internal=True)


def object_count(repo: Path) -> int:
    out = git_text(repo, "rev-list", "--all", "--objects")
    return len(out.splitlines())


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def has_object(repo: Path, sha: str) -> bool:
    return run_git(repo, "cat-file", "-e", sha, check=False).ok


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def init_bare(path: Path) -> None:
    git_text(path, "init", "-q", "--bare", str(path), internal=True)
