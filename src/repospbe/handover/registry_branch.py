"""The registry change as a merge-request branch, built with plumbing.

A temporary index starts from HEAD, the changed files are written as blobs, and the
new commit is published with ``update-ref`` only if the branch does not exist yet
(compare-and-swap against the zero id). The user's work tree and index are never
touched; a failure before ``update-ref`` leaves no visible change.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from repospbe.errors import InputError
from repospbe.git.runner import git_bytes, git_text, identity_env

ZERO = "0" * 40


def head_commit(root: Path) -> str:
    try:
        return git_text(root, "rev-parse", "--verify", "HEAD^{commit}", bulk=True).strip()
    except InputError:
        raise InputError("handover.registry-not-git", root=str(root)) from None


def branch_exists(root: Path, branch: str) -> bool:
    return bool(branch_tip(root, branch))


def branch_tip(root: Path, branch: str) -> str:
    """The commit of ``branch``, or '' when it does not exist."""
    return git_text(root, "for-each-ref", "--format=%(objectname)", f"refs/heads/{branch}", bulk=True).strip()


def head_has(root: Path, rel: str) -> bool:
    """Whether the checked-out commit (the registry's main line) holds ``rel``."""
    out = git_bytes(root, "cat-file", "--batch-check=%(objecttype)", input=f"HEAD:{rel}\n".encode(), bulk=True)
    return out.decode().strip() == "blob"


def check_branch_name(root: Path, branch: str) -> None:
    try:
        git_bytes(root, "check-ref-format", "--branch", branch, bulk=True)
    except InputError:
        raise InputError("handover.bad-branch", branch=branch) from None


def commit_files(root: Path, branch: str, files: dict[str, bytes | Path], message: str, replaces: str = "") -> str:
    """Commit HEAD + ``files`` (repo-relative path -> content or file) on ``branch``: a new
    branch, or (``replaces``) the branch of an earlier, never accepted attempt at that commit."""
    head = head_commit(root)
    if branch_tip(root, branch) != replaces:
        raise InputError("handover.branch-exists", branch=branch, repo=str(root))
    with tempfile.TemporaryDirectory(prefix="repospbe-index-") as tmp:
        env = identity_env(GIT_INDEX_FILE=str(Path(tmp) / "index"))
        git_bytes(root, "read-tree", head, env=env, bulk=True)
        entries = []
        for rel, content in sorted(files.items()):
            if isinstance(content, Path):  # the source bundle: already compressed, store as is
                sha = git_text(
                    root, "-c", "core.compression=0", "hash-object", "-w", "--no-filters", "--", str(content), bulk=True
                ).strip()
            else:
                sha = git_text(root, "hash-object", "-w", "--no-filters", "--stdin", input=content, bulk=True).strip()
            entries.append(f"100644 {sha}\t{rel}".encode() + b"\0")
        git_bytes(root, "update-index", "-z", "--index-info", input=b"".join(entries), env=env, bulk=True)
        tree = git_text(root, "write-tree", env=env, bulk=True).strip()
    commit = git_text(
        root, "commit-tree", tree, "-p", head, "-F", "-", input=message.encode("utf-8"), bulk=True
    ).strip()
    git_bytes(root, "update-ref", f"refs/heads/{branch}", commit, replaces or ZERO, bulk=True)
    return commit
