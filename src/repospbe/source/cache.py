"""The content-addressed source cache: one read-only directory per git tree SHA.

The cache is verified, not trusted: the directory is private (0700, ours, see
``repospbe.private``), and a cached tree is re-hashed against its git tree id
before each use (``repospbe.source.verify``); a tree that does not match is
discarded, extracted again, and reported (``source.cache-rebuilt``, info). A tree
verified once in a process is not hashed again while its files' inode, size, mtime
and ctime are unchanged (ctime cannot be set back by a process).

Layout under the cache directory::

    repos/<kind>-<hash>.git   our bare repositories (fetched, bundles, alternates)
    trees/<tree-sha>/         the materialised tree (files read-only)
    trees/<tree-sha>.json     findings of the materialisation (refused links, ...)
    results/<key>.json        cached scanner results (see repospbe.pipeline.scan)
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from repospbe.findings import Finding, Severity
from repospbe.private import private_dir
from repospbe.source.codec import findings_from_json, findings_to_json
from repospbe.source.extract import materialise
from repospbe.source.fetch import obtain
from repospbe.source.gitsafe import tree_of
from repospbe.source.localdir import commit_if_clean, import_dir
from repospbe.source.verify import verify
from repospbe.writefile import write_atomic

DEFAULT_MAX_BLOB = 50 * 1024 * 1024
CACHE_DIR_NAME = ".repospbe-cache"


@dataclass(frozen=True)
class SourceTree:
    """A materialised source: where it is and what it is."""

    path: Path
    tree: str
    commit: str
    repo: str
    findings: tuple[Finding, ...] = ()
    git_dir: Path | None = None  # our cache repository holding its objects
    # False for a source identified but not yet materialised (``lazy=True``): ``path`` may not
    # exist and ``findings`` lack the materialisation's; ``SourceCache.ready`` completes it.
    verified: bool = True
    tree_findings: tuple[Finding, ...] = ()  # the materialisation's own findings (refused links, ...)


def default_cache_dir(registry_root: Path | None) -> Path:
    """``$REPOSPBE_CACHE_DIR``, ``$XDG_CACHE_HOME/repospbe``, the registry's
    ``.repospbe-cache/`` (git-ignored), or ``~/.cache/repospbe``."""
    explicit = os.environ.get("REPOSPBE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "repospbe"
    if registry_root is not None:
        return registry_root / CACHE_DIR_NAME
    return Path.home() / ".cache" / "repospbe"


class SourceCache:
    """Materialise pinned commits or plain directories, once per tree SHA."""

    def __init__(self, directory: Path, max_blob: int = DEFAULT_MAX_BLOB) -> None:
        # Absolute: git runs in other directories (``--cache-dir .cache`` named a missing repository).
        self.directory = private_dir(Path(os.path.abspath(directory)))
        self.max_blob = max_blob

    def pinned(self, registry_root: Path, repo: str, commit: str, *, lazy: bool = False) -> SourceTree:
        """The tree of ``commit`` in ``repo`` (URL, bundle or path in the registry).
        ``lazy``: identified only (see ``SourceTree.verified``)."""
        git_dir = obtain(self.directory, registry_root, repo, commit)
        tree = tree_of(git_dir, commit)
        found = SourceTree(self.directory / "trees" / tree, tree, commit, repo, (), git_dir, verified=False)
        return found if lazy else self.ready(found)

    def directory_tree(self, directory: Path, *, lazy: bool = False) -> SourceTree:
        """The content of a plain directory (or a work tree, uncommitted changes included)."""
        git_dir, tree, walk_findings = import_dir(self.directory, directory, self.max_blob)
        commit = commit_if_clean(directory.resolve(), git_dir, tree)
        path = self.directory / "trees" / tree
        found = SourceTree(path, tree, commit, str(directory), tuple(walk_findings), git_dir, verified=False)
        return found if lazy else self.ready(found)

    def ready(self, source: SourceTree) -> SourceTree:
        """``source`` materialised (or its cached tree verified), with the materialisation's findings."""
        if source.verified or source.git_dir is None:
            return source
        path, findings = self._materialised(source.git_dir, source.tree)
        own = tuple(f for f in findings if f.check_id != "source.cache-rebuilt")
        return replace(source, path=path, findings=source.findings + tuple(findings), verified=True, tree_findings=own)

    def recheck(self, source: SourceTree) -> SourceTree:
        """``source`` verified again right before use (cheap when unchanged since it was
        verified in this process); rebuilt, with a ``source.cache-rebuilt`` finding, if not.
        A source not yet materialised is left so (it is verified when it is materialised)."""
        if source.git_dir is None or not source.verified:
            return source
        _path, findings = self._materialised(source.git_dir, source.tree)
        rebuilt = tuple(f for f in findings if f.check_id == "source.cache-rebuilt")
        return replace(source, findings=source.findings + rebuilt) if rebuilt else source

    def _materialised(self, git_dir: Path, tree: str) -> tuple[Path, list[Finding]]:
        trees = private_dir(self.directory / "trees", recreate=True)
        final = trees / tree
        record = trees / f"{tree}.json"
        rebuilt: list[Finding] = []
        if final.is_dir() or final.is_symlink():
            checked = self._checked(git_dir, tree, final, record)
            if checked is not None:
                return final, checked
            rebuilt = [
                Finding.make(
                    "source.cache-rebuilt",
                    Severity.INFO,
                    "source.cache-rebuilt.msg",
                    hint="source.cache-rebuilt.hint",
                    tree=tree,
                )
            ]
        _VERIFIED.pop(str(final), None)
        scratch = Path(tempfile.mkdtemp(prefix=f".{tree[:12]}.", dir=trees))
        try:
            findings = materialise(git_dir, tree, scratch / "t", self.max_blob)
            if final.exists() or final.is_symlink():
                _remove(final)
            os.replace(scratch / "t", final)
        finally:
            _remove(scratch)
        write_atomic(record, json.dumps(findings_to_json(findings), ensure_ascii=True))
        _VERIFIED[str(final)] = (tree, _stamp(final), tuple(findings))
        return final, findings + rebuilt

    def _checked(self, git_dir: Path, tree: str, final: Path, record: Path) -> list[Finding] | None:
        """The tree's findings when ``final`` holds exactly ``tree``; None when it must be rebuilt."""
        if final.is_symlink():
            return None
        known = _VERIFIED.get(str(final))
        if known is not None and known[0] == tree and known[1] == _stamp(final):
            return list(known[2])
        try:
            recorded = findings_from_json(json.loads(record.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            recorded = []
        findings = verify(git_dir, tree, final, self.max_blob, recorded)
        if findings is not None:
            _VERIFIED[str(final)] = (tree, _stamp(final), tuple(findings))
        return findings

    def results_dir(self) -> Path:
        return private_dir(self.directory / "results", recreate=True)


# Trees verified in this process: path -> (tree id, stat stamp of its content, findings).
_VERIFIED: dict[str, tuple[str, tuple[tuple[str, int, int, int, int, int], ...], tuple[Finding, ...]]] = {}


def _stamp(root: Path) -> tuple[tuple[str, int, int, int, int, int], ...]:
    """(path, inode, size, mode, mtime, ctime) of everything under ``root``, in walk order."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames) + dirnames:
            full = os.path.join(dirpath, name)
            st = os.lstat(full)
            out.append((full, st.st_ino, st.st_size, st.st_mode, st.st_mtime_ns, st.st_ctime_ns))
    return tuple(out)


def _remove(path: Path) -> None:
    def unlock(func: object, target: str, _exc: object) -> None:
        os.chmod(os.path.dirname(target), 0o755)
        if os.path.isdir(target) and not os.path.islink(target):
            os.chmod(target, 0o755)
            shutil.rmtree(target, ignore_errors=True)
        else:
            os.unlink(target)

    if path.exists() or path.is_symlink():
        shutil.rmtree(path, onerror=unlock)
