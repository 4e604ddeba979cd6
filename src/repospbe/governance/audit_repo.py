"""The repository as ``audit verify`` reads it: one ``git cat-file --batch`` for objects, answers remembered.

A verification of 1,000 merges asks git the same small questions tens of thousands of
times (a commit's parents and message, a file at a commit, whether a commit exists). Each
was one git process (~5 ms); here objects come from one long-lived ``cat-file --batch``
(started through the one git runner, so its policy holds: no replace objects, no hooks)
and each answer is computed once per run. Questions whose answer can change while the
audit runs (refs) are answered by git as before. Commands that are not reads of
immutable objects go to ``Repo`` unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar, cast

from repospbe import stamp
from repospbe.governance.appendonly import WALK_ARGS, History, parse_walk
from repospbe.governance.gitrepo import Repo
from repospbe.governance.objreader import ObjectReader, tree_entries

SHA = re.compile(r"^[0-9a-f]{40}$")
T = TypeVar("T")


class AuditRepo(Repo):
    """``Repo`` with batched, remembered reads of immutable objects (same answers, fewer processes)."""

    def __init__(self, repo: Repo) -> None:
        super().__init__(repo.path, dict(repo.overrides), dict(repo.env))
        self._objects = ObjectReader(self.path, self.env)
        self._memo: dict[tuple[str, ...], object] = {}
        self._refs: dict[str, str] = {}
        self._chain: dict[str, tuple[list[str], list[str]]] = {}  # commit -> (parents, raw log tokens)
        self.chain_history: History | None = None

    # -- the batch reader --------------------------------------------------------
    def close(self) -> None:
        self._objects.close()

    def __enter__(self) -> AuditRepo:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read_object(self, spec: str) -> tuple[str, bytes] | None:
        """(type, content) of ``spec`` (``<sha>`` or ``<commit>:<path>``), None when absent."""
        return self._objects.read(spec)

    def _commit(self, sha: str) -> tuple[list[tuple[str, str]], bytes] | None:
        """Headers and raw message of commit ``sha`` (None when it is not a commit we can parse plainly)."""
        if not SHA.match(sha):
            return None
        obj = self.read_object(sha)
        if obj is None or obj[0] != "commit":
            return None
        head, sep, message = obj[1].partition(b"\n\n")
        headers: list[tuple[str, str]] = []
        for line in head.decode("utf-8", "replace").split("\n"):
            if line.startswith(" ") and headers:  # continuation (gpgsig, mergetag)
                continue
            name, _, value = line.partition(" ")
            headers.append((name, value))
        if any(name == "encoding" for name, _ in headers):
            return None  # git log re-encodes such messages: let git answer
        return headers, message if sep else b""

    # -- Repo reads, remembered ----------------------------------------------------
    def parents(self, commit: str) -> list[str]:
        parsed = self._commit(commit)
        if parsed is None:
            return super().parents(commit)
        return [value for name, value in parsed[0] if name == "parent"]

    def message(self, commit: str) -> str:
        parsed = self._commit(commit)
        if parsed is None:
            return super().message(commit)
        return parsed[1].decode("utf-8", "replace") + "\n"  # as ``git log --format=%B`` prints it

    def tree_of(self, rev: str) -> str:
        parsed = self._commit(rev)
        tree = next((value for name, value in parsed[0] if name == "tree"), "") if parsed else ""
        return tree or super().tree_of(rev)

    def committed(self, commit: str) -> str:
        """Committer time in UTC, ``YYYY-MM-DDTHH:MM:SSZ``."""
        parsed = self._commit(commit)
        line = next((value for name, value in parsed[0] if name == "committer"), "") if parsed else ""
        fields = line.rsplit(" ", 2)
        if len(fields) == 3 and fields[1].isdigit():
            return stamp.format(datetime.fromtimestamp(int(fields[1]), UTC))
        seconds = int(self.run("log", "-1", "--format=%ct", commit).strip() or 0)
        return stamp.format(datetime.fromtimestamp(seconds, UTC))

    def preload_refs(self, prefix: str) -> None:
        """Answer ``resolve`` for the refs under ``prefix`` from one ``for-each-ref`` (a consistent snapshot)."""
        out = self.run("for-each-ref", "--format=%(objecttype) %(objectname) %(refname)", prefix)
        for line in out.splitlines():
            kind, sha, ref = (line.split(" ", 2) + ["", ""])[:3]
            if kind == "commit" and ref not in self.overrides:
                self._refs[ref] = sha

    def resolve(self, ref: str) -> str | None:
        if ref in self._refs:
            return self._refs[ref]
        if ref in self.overrides or not SHA.match(ref):
            return super().resolve(ref)
        obj = self.read_object(ref)
        if obj is not None and obj[0] == "commit":
            return ref
        return super().resolve(ref)  # a tag peels to its commit; git says

    def blob(self, commit: str, rel: str) -> bytes | None:
        if not SHA.match(commit) or "\n" in rel:
            return super().blob(commit, rel)
        obj = self.read_object(f"{commit}:{rel}")
        return obj[1] if obj is not None and obj[0] == "blob" else None

    def blob_ids(self, commit: str) -> dict[str, str]:
        parsed = self._commit(commit)
        tree = next((value for name, value in parsed[0] if name == "tree"), "") if parsed else ""
        if not tree:
            return super().blob_ids(commit)
        out: dict[str, str] = {}
        self._flatten(tree, "", out)
        return out

    def _flatten(self, tree: str, prefix: str, out: dict[str, str]) -> None:
        obj = self.read_object(tree)
        assert obj is not None and obj[0] == "tree", tree
        for mode, name, sha in tree_entries(obj[1]):
            if mode == b"40000":
                self._flatten(sha, prefix + name + "/", out)
            else:
                out[prefix + name] = sha

    def list_files(self, commit: str, prefix: str = "") -> list[str]:
        plain = prefix == "" or (prefix.endswith("/") and not any(c in prefix for c in "*?[]:\\!\n"))
        tree = self.tree_of(commit) if SHA.match(commit) and plain else ""
        if not tree:
            return super().list_files(commit, prefix)
        if prefix:
            obj = self.read_object(f"{commit}:{prefix.rstrip('/')}")
            if obj is None or obj[0] != "tree":
                return []
            tree = self._objects.ids[f"{commit}:{prefix.rstrip('/')}"]
        out: dict[str, str] = {}
        self._flatten(tree, prefix, out)
        return list(out)

    # -- evidence chains, from one ``git log`` -------------------------------------
    def preload_chains(self, tips: list[str], exclude: tuple[str, ...] = ()) -> History:
        """Read every commit of the chains ending at ``tips`` once (``walk`` and ancestry then need no git);
        their additions and forbidden changes, as ``appendonly.walk`` of all of them."""
        if not tips:  # no chain to read (``git log`` without a tip would read HEAD's whole history)
            self.chain_history = parse_walk([])
            return self.chain_history
        revs = "".join(f"{t}\n" for t in tips) + "".join(f"^{t}\n" for t in exclude)
        out = self.run(*WALK_ARGS, "--stdin", "--", input_bytes=revs.encode())
        self._preload_tokens(out)
        self.chain_history = parse_walk(out.split("\0"))
        return self.chain_history

    def _preload_tokens(self, out: str) -> None:
        """Split ``git log -z`` output by commit, reading it as ``appendonly.parse_walk`` does: a raw
        entry (``:...``) is always followed by its path, taken verbatim (a path may look like a header)."""
        tokens, commit, i = out.split("\0"), "", 0
        while i < len(tokens):
            head = tokens[i].lstrip("\n")
            if head.startswith("\x01"):
                commit, *parents = head[1:].split() or [""]
                self._chain[commit] = (parents, [])
                i += 1
                continue
            step = 2 if head.startswith(":") and i + 1 < len(tokens) else 1
            if commit:
                self._chain[commit][1].extend(tokens[i : i + step])
            i += step

    def _linear(self, tip: str) -> list[str] | None:
        """The commits of the chain ending at ``tip``, oldest first, when all are known and linear."""
        out, at = [], tip
        while at:
            if at not in self._chain or len(self._chain[at][0]) > 1:
                return None
            out.append(at)
            at = (self._chain[at][0] or [""])[0]
        return out[::-1]

    def run(
        self, *args: str, input_bytes: bytes | None = None, env: dict[str, str] | None = None, check: bool = True
    ) -> str:
        if (
            len(args) == len(WALK_ARGS) + 2
            and args[:-2] == WALK_ARGS
            and args[-1] == "--"
            and input_bytes is None
            and env is None
        ):
            commits = self._linear(args[-2]) if SHA.match(args[-2]) else None
            if commits is not None:  # the output ``git log`` gives for this range, from the preloaded chains
                return "\0".join(
                    t for c in commits for t in ["\x01" + " ".join([c, *self._chain[c][0]]), *self._chain[c][1]]
                )
        return super().run(*args, input_bytes=input_bytes, env=env, check=check)

    def emails(self, base: str, tip: str) -> set[str]:
        """``Repo.emails`` from commit objects when ``base..tip`` is a small closed set (else git)."""
        seen: set[str] = set()
        todo = [tip] if SHA.match(tip) and SHA.match(base) else []
        while todo and len(seen) < 256:
            commit = todo.pop()
            if commit == base or commit in seen:
                continue
            parsed = self._commit(commit)
            parents = [v for k, v in parsed[0] if k == "parent"] if parsed else []
            if not parents:  # a root reached: base is not the only way back, ask git
                return super().emails(base, tip)
            seen.add(commit)
            todo += parents
        if todo:
            return super().emails(base, tip)
        out = set()
        for commit in seen:
            parsed = self._commit(commit)
            assert parsed is not None
            for name, value in parsed[0]:
                if name in ("author", "committer") and "<" in value:
                    out.add(value.split("<", 1)[1].split(">", 1)[0].strip().lower())
        return {e for e in out if e}

    def is_ancestor(self, older: str, newer: str) -> bool:
        chain = self._linear(newer) if SHA.match(newer) else None
        if chain is not None and older in self._chain:
            return older in chain
        return self._remember(("is_ancestor", older, newer), lambda: Repo.is_ancestor(self, older, newer))

    def changed(self, old: str, new: str) -> list[str]:
        return list(self._remember(("changed", old, new), lambda: Repo.changed(self, old, new)))

    def patch_id(self, target: str, source: str) -> str:
        return self._remember(("patch_id", target, source), lambda: Repo.patch_id(self, target, source))

    def merge_tree(self, target: str, source: str) -> str | None:
        return self._remember(("merge_tree", target, source), lambda: Repo.merge_tree(self, target, source))

    def _remember(self, key: tuple[str, ...], compute: Callable[[], T]) -> T:
        """``compute()`` once per key of full object ids (anything else, e.g. a ref name, is asked every time)."""
        if not all(SHA.match(k) for k in key[1:]):
            return compute()
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])
