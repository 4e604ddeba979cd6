"""The app's source repository: a bare git repo in the source store, plus a bundle.

Ingested content is imported with plumbing only (``hash-object --no-filters``,
``update-index --index-info``, ``write-tree``, ``commit-tree``): no work tree, no
``.gitattributes`` filters, no ``.gitignore`` dropping files, no hooks. The commit
lands on a new branch ``serah-terima/<version>``; an existing branch is never moved.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from repospbe.errors import InputError
from repospbe.git.runner import git_bytes, git_text, identity_env
from repospbe.handover.extract import Extraction

ZERO = "0" * 40


def ensure_repo(path: Path) -> bool:
    """Create the bare repository at ``path`` when missing; True when created."""
    if (path / "HEAD").is_file():
        return False
    path.mkdir(parents=True, exist_ok=True)
    git_bytes(path, "init", "-q", "--bare", "-b", "main", ".", internal=True, bulk=True)
    return True


def import_tree(repo: Path, extraction: Extraction, scratch: Path) -> str:
    """Write every member as a blob and return the tree id."""
    links = scratch / "tautan"
    links.mkdir()
    paths: list[str] = []
    for i, member in enumerate(extraction.members):
        if member.mode == "120000":
            target = links / str(i)
            target.write_bytes(member.link.encode("utf-8", "surrogateescape"))
            paths.append(str(target))
        else:
            paths.append(str(extraction.root / member.path))
    out = git_bytes(
        repo,
        "hash-object",
        "-w",
        "--no-filters",
        "--stdin-paths",
        input="".join(p + "\n" for p in paths).encode("utf-8", "surrogateescape"),
        internal=True,
        bulk=True,
    )
    shas = out.decode("ascii").split()
    if len(shas) != len(paths):
        raise InputError("git.failed", command="hash-object", error="jumlah objek tidak cocok")
    index_info = b"".join(
        f"{m.mode} {sha}\t".encode() + m.path.encode("utf-8", "surrogateescape") + b"\0"
        for m, sha in zip(extraction.members, shas)
    )
    env = identity_env(GIT_INDEX_FILE=str(scratch / "index"))
    git_bytes(repo, "update-index", "-z", "--index-info", input=index_info, env=env, internal=True, bulk=True)
    return git_text(repo, "write-tree", env=env, internal=True, bulk=True).strip()


def seed_from_bundle(repo: Path, bundle: Path) -> None:
    """Start a new store repository from the bundle already in the registry (keeps history)."""
    git_bytes(
        repo,
        "-c",
        "transfer.fsckObjects=true",
        "fetch",
        "-q",
        "--no-tags",
        str(bundle.resolve()),
        "+refs/heads/*:refs/heads/*",
        internal=True,
        bulk=True,
    )


def commit_branch(
    repo: Path, tree: str, branch: str, message: str, author: str, pinned: str = "", replaces: str = ""
) -> str:
    """Commit ``tree`` on the new ``branch``; its parent is the pinned commit of the app
    record when the repository has it, else the previous handover (HEAD).

    ``replaces`` is the branch's commit from an earlier attempt at the same version that was
    never accepted: the new commit takes that attempt's parent, so it leaves no trace in history.
    HEAD then points at the new branch, so handovers form one history and each
    version can be diffed against the one before."""
    if _ref(repo, f"refs/heads/{branch}") != replaces:
        raise InputError("handover.branch-exists", branch=branch, repo=str(repo))
    parent = _commit(repo, pinned) if pinned else ""
    parent = parent or (_commit(repo, f"{replaces}^") if replaces else _head(repo))
    args = ["commit-tree", tree, "-F", "-"] + (["-p", parent] if parent else [])
    env = identity_env(GIT_AUTHOR_NAME=author, GIT_AUTHOR_EMAIL="serah-terima@vendor.invalid")
    env.setdefault("GIT_COMMITTER_NAME", "repospbe")
    env.setdefault("GIT_COMMITTER_EMAIL", "repospbe@localhost")
    commit = git_text(repo, *args, input=message.encode("utf-8"), env=env, internal=True, bulk=True).strip()
    git_bytes(repo, "update-ref", f"refs/heads/{branch}", commit, replaces or ZERO, internal=True, bulk=True)
    git_bytes(repo, "symbolic-ref", "HEAD", f"refs/heads/{branch}", internal=True, bulk=True)
    return commit


def restore_head(repo: Path, previous: str) -> None:
    """Point HEAD back at ``previous`` (a ref name) after a failed ingest."""
    if previous:
        git_bytes(repo, "symbolic-ref", "HEAD", previous, internal=True, bulk=True)


def head_ref(repo: Path) -> str:
    return git_bytes(repo, "symbolic-ref", "-q", "HEAD", internal=True, bulk=True).decode().strip()


def _head(repo: Path) -> str:
    return _commit(repo, "HEAD")


def _commit(repo: Path, rev: str) -> str:
    try:
        return git_text(repo, "rev-parse", "--verify", "-q", f"{rev}^{{commit}}", internal=True, bulk=True).strip()
    except InputError:
        return ""


def export_bundle(repo: Path, dest: Path) -> None:
    """Write a bundle of every branch of ``repo`` to ``dest`` (temporary name, then rename)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".bundle-", suffix=".tmp", dir=dest.parent)
    os.close(fd)
    os.unlink(tmp)
    try:
        git_bytes(repo, "bundle", "create", "-q", tmp, "--branches", internal=True, bulk=True)
        os.replace(tmp, dest)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def branch_commit(repo: Path, branch: str) -> str:
    """The commit of ``branch`` in ``repo``, or '' (also when ``repo`` does not exist yet)."""
    return _ref(repo, f"refs/heads/{branch}") if repo.is_dir() else ""


def _ref(repo: Path, ref: str) -> str:
    out = git_bytes(repo, "for-each-ref", "--format=%(objectname)", ref, internal=True, bulk=True)
    return out.decode("ascii").strip()
