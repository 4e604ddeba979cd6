"""A cached source tree is verified, not trusted: its content is re-hashed the way git hashes it.

``content(dest)`` hashes every file and link of a materialised tree as a git blob and
notes any sign of tampering (a writable file, a hard link, a special file: the extractor
writes none of those). ``tree_id`` is git's tree hash of such a listing, so a tree
extracted without refusals has exactly the id of the git tree it came from. When the
extractor refused something (links leaving the tree, oversized blobs, bad names), the
listing is compared entry by entry with what the git tree says should be there instead.
Either way, a file added, removed, replaced or edited in the cache is a mismatch.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from repospbe.findings import Finding
from repospbe.source.extract import OUR_SEMGREPIGNORE, SEMGREPIGNORE, list_tree

FILE, EXEC, LINK = "100644", "100755", "120000"
_READ_ONLY = {FILE: 0o444, EXEC: 0o555}


@dataclass
class Listing:
    """What is on disk: ``entries`` maps a relative path to (git mode, blob id)."""

    entries: dict[str, tuple[str, str]] = field(default_factory=dict)
    dirs: set[str] = field(default_factory=set)
    tampered: list[str] = field(default_factory=list)


def object_id(kind: bytes, data: bytes, width: int = 40) -> str:
    h = hashlib.sha256() if width == 64 else hashlib.sha1()  # noqa: S324 - git's object id, not a secret
    h.update(kind + b" " + str(len(data)).encode() + b"\0" + data)
    return h.hexdigest()


def content(dest: Path, width: int = 40) -> Listing:
    """Hash every file and link under ``dest`` as a git blob (our ``.semgrepignore`` apart)."""
    out = Listing()
    files: list[tuple[str, bytes, str]] = []
    base = os.fsencode(dest)
    for dirpath, dirnames, filenames in os.walk(base):
        rel_dir = os.path.relpath(dirpath, base)
        for name in dirnames + filenames:
            full = os.path.join(dirpath, name)
            rel = os.fsdecode(name if rel_dir == b"." else os.path.join(rel_dir, name))
            _add(out, files, full, rel, width)
    out.entries.update(_hash(item, width) for item in files)  # threads measured slower here
    ours = out.entries.pop(SEMGREPIGNORE, None)
    if ours != (FILE, object_id(b"blob", OUR_SEMGREPIGNORE.encode(), width)):
        out.tampered.append(SEMGREPIGNORE)
    return out


def _add(out: Listing, files: list[tuple[str, bytes, str]], full: bytes, rel: str, width: int) -> None:
    st = os.lstat(full)
    if stat.S_ISLNK(st.st_mode):
        out.entries[rel] = (LINK, object_id(b"blob", os.readlink(full), width))
    elif stat.S_ISDIR(st.st_mode):
        out.dirs.add(rel)
    elif not stat.S_ISREG(st.st_mode) or st.st_nlink != 1:
        out.tampered.append(rel)
    else:
        mode = EXEC if st.st_mode & stat.S_IXUSR else FILE
        if stat.S_IMODE(st.st_mode) != _READ_ONLY[mode]:
            out.tampered.append(rel)
        files.append((rel, full, mode))


def _hash(item: tuple[str, bytes, str], width: int) -> tuple[str, tuple[str, str]]:
    rel, full, mode = item
    with open(full, "rb", buffering=0) as fh:
        return rel, (mode, object_id(b"blob", fh.read(), width))


def tree_id(entries: dict[str, tuple[str, str]], width: int = 40) -> str:
    """git's tree hash of a flat listing (path -> (mode, blob id))."""
    root: dict[str, object] = {}
    for rel, value in entries.items():
        node = root
        *parents, leaf = rel.split("/")
        for part in parents:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                return ""
            node = child
        node[leaf] = value
    return _hash_node(root, width)


def _hash_node(node: dict[str, object], width: int) -> str:
    def order(name: str) -> bytes:
        return os.fsencode(name) + (b"/" if isinstance(node[name], dict) else b"")

    raw = b""
    for name in sorted(node, key=order):
        value = node[name]
        if isinstance(value, dict):
            mode, sha = "40000", _hash_node(value, width)
        else:
            mode, sha = value  # type: ignore[misc]
        raw += mode.encode() + b" " + os.fsencode(name) + b"\0" + bytes.fromhex(sha)
    return object_id(b"tree", raw, width)


def verify(git_dir: Path, tree: str, dest: Path, max_blob: int, recorded: list[Finding]) -> list[Finding] | None:
    """The materialisation findings when ``dest`` holds exactly what ``tree`` gives, else None.

    ``recorded`` are the findings written beside the tree when it was extracted; only its
    refused links are taken from it, and only for links that are indeed absent."""
    width = len(tree)
    listing = content(dest, width)
    if listing.tampered:
        return None
    if tree_id(listing.entries, width) == tree and _dirs_ok(listing):
        return []
    entries, findings = list_tree(git_dir, tree, max_blob)
    expected = {e.path: (_normal(e.mode), e.sha) for e in entries}
    refused = {f.path: f for f in recorded if f.check_id == "source.symlink-escape"}
    for rel, (mode, _sha) in expected.items():
        if rel not in listing.entries and not (mode == LINK and rel in refused):
            return None
    kept = {rel: value for rel, value in expected.items() if rel not in refused}
    if listing.entries != kept or not _dirs_ok(listing, set(refused)) or not _links_inside(dest, kept):
        return None
    return findings + [refused[rel] for rel in sorted(refused) if expected.get(rel, ("",))[0] == LINK]


def _normal(mode: str) -> str:
    """Legacy modes such as 100664 are written (and hashed back) as plain files."""
    return mode if mode in (EXEC, LINK) else FILE


def _dirs_ok(listing: Listing, removed: set[str] | None = None) -> bool:
    """Every directory on disk holds something expected (no planted empty directories);
    a refused link removed after extraction may leave its directory behind."""
    needed = {rel.rsplit("/", 1)[0] for rel in listing.entries if "/" in rel}
    optional = {p for rel in removed or () for p in _parents(rel)}
    needed |= {parent for rel in needed for parent in _parents(rel)}
    return needed <= listing.dirs <= needed | optional


def _parents(rel: str) -> list[str]:
    parts = rel.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts))]


def _links_inside(dest: Path, entries: dict[str, tuple[str, str]]) -> bool:
    root = os.path.realpath(dest)
    for rel, (mode, _sha) in entries.items():
        if mode == LINK:
            real = os.path.realpath(dest / rel)
            if real != root and not real.startswith(root + os.sep):
                return False
    return True
