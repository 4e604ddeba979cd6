"""Evidence is append-only by content: every commit of an evidence chain may only add files.

An evidence ref (``refs/repospbe/mr/<n>``, ``refs/repospbe/rilis``) is a linear chain of
commits each of which adds files to its parent's tree. Ancestry alone does not protect it:
a fast-forward can drop ``keputusan/0001-*`` (a signed rejection) in its tree. This module
walks a chain commit by commit (``git log --raw`` against each parent) and names every
deletion, modification and merge; the pre-receive hook refuses such a push and
``audit verify`` reports it for the whole history. ``added`` lists every file ever added
(with its blob), so readers can see decisions a later commit tried to erase.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from repospbe.governance.gitrepo import Repo

EVIDENCE_PREFIX = "refs/repospbe/"
GENESIS_REF = "refs/repospbe/genesis"
DELETED, MODIFIED, MERGE = "dihapus", "diubah", "gabungan"
# ``git log`` of a chain, oldest commit first, each commit's raw diff against its parent (``parse_walk``).
WALK_ARGS = (
    "log",
    "--no-show-signature",
    "--reverse",
    "--root",
    "--no-renames",
    "--raw",
    "--no-abbrev",
    "-z",
    "--format=%x01%H %P",
)


@dataclass(frozen=True)
class Change:
    """A change an append-only chain must not contain: ``kind`` of ``path`` in ``commit``."""

    commit: str
    kind: str
    path: str


@dataclass(frozen=True)
class Added:
    commit: str
    path: str
    blob: str


@dataclass
class History:
    """Every addition and every forbidden change of a chain, oldest commit first."""

    added: list[Added] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)


def walk(repo: Repo, tip: str, since: str | None = None) -> History:
    """The commits of ``tip`` (not reachable from ``since``), each compared with its parent."""
    rng = f"{since}..{tip}" if since else tip
    out = repo.run(*WALK_ARGS, rng, "--")
    return parse_walk(out.split("\0"))


def parse_walk(tokens: list[str]) -> History:
    """Read ``-z`` output token by token: a header (``\\x01<commit> <parents>``) or a raw entry
    (``:<mode> <mode> <old> <new> <status>``) followed by its path, taken verbatim (a path can
    hold any byte but NUL, so it is never searched for markers)."""
    hist = History()
    commit = ""
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip("\n")
        if token.startswith("\x01"):
            commit, *parents = token[1:].split() or [""]
            if len(parents) > 1:
                hist.changes.append(Change(commit, MERGE, ""))
            i += 1
        elif token.startswith(":") and i + 1 < len(tokens):
            _entry(commit, token.split(), tokens[i + 1], hist)
            i += 2
        else:
            i += 1
    return hist


def _entry(commit: str, meta: list[str], path: str, hist: History) -> None:
    if len(meta) == 5 and meta[4] == "A":
        hist.added.append(Added(commit, path, meta[3]))
    else:
        hist.changes.append(Change(commit, DELETED if meta[-1:] == ["D"] else MODIFIED, path))


def is_evidence_chain(ref: str) -> bool:
    """Refs whose commits are evidence chains (the genesis ref names a commit of main instead)."""
    return ref.startswith(EVIDENCE_PREFIX) and ref != GENESIS_REF


def chains(repo: Repo) -> dict[str, str]:
    """Every evidence chain in the repository: ref -> tip."""
    return {ref: sha for ref, sha in sorted(repo.refs(EVIDENCE_PREFIX).items()) if is_evidence_chain(ref)}
