"""Import a plain directory (a vendor's hand-over, a work tree) as a git tree.

The directory is walked without following links; regular files up to the size
limit and symbolic links are added to an index of our own cache repository with
``git update-index`` (ignore files and the directory's own ``.git`` are not
consulted), and ``write-tree`` gives the content-addressed tree SHA. The index is
kept in the cache repository between runs (copied to a private scratch file for
each run, put back when done), so an unchanged directory is re-read by its stat
data only: git re-hashes a file whose size, mtime, ctime or inode changed. When the
directory is a git work tree whose HEAD has exactly that tree, HEAD is reported
as the source commit (read from the files, never by running git in it).
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

from repospbe.errors import InputError
from repospbe.findings import Finding, Severity
from repospbe.source.fetch import link_objects, repo_cache_dir
from repospbe.source.gitsafe import has_commit, init_bare, run_git, tree_of


def walk_dir(directory: Path, max_blob: int) -> tuple[list[bytes], list[Finding]]:
    """Repo-relative raw paths to import and findings for what is left out."""
    keep: list[bytes] = []
    findings: list[Finding] = []
    base = os.fsencode(directory)
    for dirpath, dirnames, filenames in os.walk(base):
        rel_dir = os.path.relpath(dirpath, base)
        dirnames[:] = [d for d in dirnames if not (rel_dir == b"." and d == b".git")]
        for name in dirnames + filenames:
            full = os.path.join(dirpath, name)
            rel = os.path.normpath(os.path.join(rel_dir, name))
            shown = rel.decode("utf-8", "backslashreplace")
            st = os.lstat(full)
            if stat.S_ISLNK(st.st_mode):
                keep.append(rel)
            elif stat.S_ISDIR(st.st_mode):
                continue
            elif not stat.S_ISREG(st.st_mode):
                findings.append(Finding.make("source.special-file", Severity.MEDIUM, path=shown))
            elif st.st_size > max_blob:
                findings.append(
                    Finding.make("source.blob-too-large", Severity.MEDIUM, path=shown, size=st.st_size, limit=max_blob)
                )
            else:
                keep.append(rel)
    return keep, findings


def import_dir(cache: Path, directory: Path, max_blob: int) -> tuple[Path, str, list[Finding]]:
    """(cache repository, tree SHA, findings) for the content of ``directory``."""
    if not directory.is_dir():
        raise InputError("path.missing", path=str(directory))
    directory = directory.resolve()
    git_dir = repo_cache_dir(cache, "dir", str(directory))
    init_bare(git_dir)
    paths, findings = walk_dir(directory, max_blob)
    scratch = Path(tempfile.mkdtemp(prefix="index-", dir=git_dir))  # private, never a shared fixed name
    try:
        index = scratch / "index"
        kept = git_dir / KEPT_INDEX
        if kept.is_file() and not kept.is_symlink():
            shutil.copy2(kept, index)  # its own mtime too: git judges racy entries by it
        try:
            tree = _index_tree(git_dir, directory, index, paths)
        except InputError:  # a damaged or stale kept index: start from an empty one
            index.unlink(missing_ok=True)
            tree = _index_tree(git_dir, directory, index, paths)
        os.replace(index, kept)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return git_dir, tree, findings


KEPT_INDEX = "repospbe-index"
_CONFIG = ("-c", "core.excludesFile=/dev/null", "-c", "core.autocrlf=false", "-c", "core.looseCompression=0")


def _index_tree(git_dir: Path, directory: Path, index: Path, paths: list[bytes]) -> str:
    """Bring ``index`` to exactly ``paths`` (as they are now) and write its tree.

    ``update-index --add`` names paths, not pathspecs (``git add`` matched each of thousands of
    pathspecs against every entry: 0.58 s against 0.09 s for 4,700 files), and re-hashes only
    files whose stat data (size, mtime, ctime, inode) differ from the kept index's entry, with
    git's own guard for files changed within the index's timestamp. Entries of files that are
    gone are removed first, so the tree holds what the directory holds, nothing older."""
    env = {"GIT_INDEX_FILE": str(index), "GIT_WORK_TREE": str(directory)}
    if index.exists():
        listed = set(run_git(git_dir, "ls-files", "-z", env=env).split(b"\0"))
        listed.discard(b"")
        stale = listed - set(paths)
        if stale:
            run_git(git_dir, "update-index", "--force-remove", "-z", "--stdin", input_bytes=b"\0".join(stale), env=env)
    if paths:
        add = ("update-index", "--add", "--replace", "-z", "--stdin")
        run_git(git_dir, *_CONFIG, *add, input_bytes=b"\0".join(paths) + b"\0", env=env, cwd=directory)
    return run_git(git_dir, "write-tree", env=env).decode().strip()


def head_commit(directory: Path, git_dir: Path) -> str:
    """HEAD of a git work tree read from its files, '' when there is none."""
    dot_git = directory / ".git"
    head_file = dot_git / "HEAD"
    if not head_file.is_file() or dot_git.is_symlink():
        return ""
    head = head_file.read_text(encoding="utf-8", errors="replace").strip()
    sha = _resolve_ref(dot_git, head[5:].strip()) if head.startswith("ref:") else head
    if len(sha) != 40:
        return ""
    try:
        link_objects(git_dir, directory)
    except InputError:
        return ""
    return sha if has_commit(git_dir, sha) else ""


def _resolve_ref(dot_git: Path, ref: str) -> str:
    if ".." in ref.split("/"):
        return ""
    loose = dot_git / ref
    if loose.is_file():
        return loose.read_text(encoding="utf-8", errors="replace").strip()
    packed = dot_git / "packed-refs"
    if packed.is_file():
        for line in packed.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[1] == ref:
                return parts[0]
    return ""


def commit_if_clean(directory: Path, git_dir: Path, tree: str) -> str:
    """HEAD when the directory's content is exactly HEAD's tree, else ''."""
    commit = head_commit(directory, git_dir)
    if commit and tree_of(git_dir, commit) == tree:
        return commit
    return ""
