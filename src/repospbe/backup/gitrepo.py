"""Git plumbing the backup needs: refs, bundles, object counts."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

from repospbe.errors import InputError
from repospbe.gitutil import git


def git_dir(repo: Path) -> Path:
    out = git(repo, "rev-parse", "--path-format=absolute", "--git-common-dir").strip()
    return Path(out)


def read_refs(repo: Path) -> dict[str, str]:
    """Every ref (branches, tags, notes, merge-request refs) and its object id."""
    out = git(repo, "for-each-ref", "--format=%(objectname) %(refname)")
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
        git(Path(tmp), "init", "-q", "--bare", str(snap))
        (snap / "objects" / "info" / "alternates").write_text(str(git_dir(repo) / "objects") + "\n")
        stdin = "".join(f"update {name} {sha}\n" for name, sha in sorted(refs.items()))
        git(snap, "update-ref", "--stdin", input_text=stdin)
        args = ["bundle", "create", "-q", str(dest), *sorted(refs), *[f"^{s}" for s in exclude]]
        proc = subprocess.run(
            ["git", "-c", "core.hooksPath=/dev/null", *args], cwd=snap,
            capture_output=True, text=True, check=False,
        )
    if proc.returncode != 0:
        if "empty bundle" in proc.stderr:
            return False
        raise InputError("backup.bundle-failed", repo=str(repo), error=proc.stderr.strip()[:300])
    return True


def bundle_verify(repo: Path, bundle: Path) -> tuple[bool, str]:
    proc = subprocess.run(
        ["git", "-c", "core.hooksPath=/dev/null", "bundle", "verify", str(bundle)],
        cwd=repo, capture_output=True, text=True, check=False,
    )
    return proc.returncode == 0, (proc.stderr or proc.stdout).strip()[:300]


def unbundle(repo: Path, bundle: Path) -> None:
    git(repo, "bundle", "unbundle", str(bundle))


def set_refs(repo: Path, refs: dict[str, str]) -> None:
    """Make ``repo``'s refs exactly ``refs`` (create, move, delete)."""
    current = read_refs(repo)
    lines = [f"update {n} {s}\n" for n, s in sorted(refs.items())]
    lines += [f"delete {n}\n" for n in sorted(set(current) - set(refs))]
    git(repo, "update-ref", "--stdin", input_text="".join(lines))


def object_count(repo: Path) -> int:
    out = git(repo, "rev-list", "--all", "--objects")
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
    proc = subprocess.run(["git", "cat-file", "-e", sha], cwd=repo, capture_output=True, check=False)
    return proc.returncode == 0


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def init_bare(path: Path) -> None:
    git(path, "init", "-q", "--bare", str(path))
