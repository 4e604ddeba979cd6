"""Git plumbing for governance evidence: blobs at commits, append-only evidence refs, CAS.

Every git call goes through the package's one runner (``repospbe.git.runner``): an empty
inherited environment, replace objects ignored, hooks and fsmonitor disabled.
Evidence lives in commit chains under ``refs/repospbe/``:
each append is a new commit whose parent is the previous tip, written with a
compare-and-swap ``git update-ref`` so two writers can never overwrite each other.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from repospbe.errors import InputError, PolicyError
from repospbe.git.batch import BatchReader
from repospbe.git.runner import GitResult, run_git

ZERO = "0" * 40
# The user's own identity, when they set it in the environment (the runner inherits nothing).
IDENT_KEYS = (
    "GIT_AUTHOR_NAME",
    "GIT_AUTHOR_EMAIL",
    "GIT_AUTHOR_DATE",
    "GIT_COMMITTER_NAME",
    "GIT_COMMITTER_EMAIL",
    "GIT_COMMITTER_DATE",
)
# What git gives a pre-receive hook so it can see the pushed (quarantined) objects.
EVIDENCE_IDENT = {
    "GIT_AUTHOR_NAME": "repospbe",
    "GIT_AUTHOR_EMAIL": "repospbe@localhost",
    "GIT_COMMITTER_NAME": "repospbe",
    "GIT_COMMITTER_EMAIL": "repospbe@localhost",
}
TIMEOUT = 120
_FULL_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


class GitError(InputError):
    """A git command failed (exit 2)."""


@dataclass
class Repo:
    """A registry repository (bare or not). ``overrides`` maps refs to pending values
    (used by the pre-receive hook, where pushed refs are not yet updated); ``env`` is passed
    to every git call (the hook's quarantine variables, see ``gitutil.hook_quarantine``)."""

    path: Path
    overrides: dict[str, str] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    _reader: BatchReader | None = field(default=None, init=False, repr=False, compare=False)

    def run(
        self, *args: str, input_bytes: bytes | None = None, env: dict[str, str] | None = None, check: bool = True
    ) -> str:
        proc = self.run_raw(*args, input_bytes=input_bytes, env=env)
        if check and proc.returncode != 0:
            err = proc.stderr.decode("utf-8", "replace").strip()[:500]
            raise GitError("git.failed", command=" ".join(args[:3]), error=err)
        return proc.stdout.decode("utf-8", "replace")

    def run_raw(self, *args: str, input_bytes: bytes | None = None, env: dict[str, str] | None = None) -> GitResult:
        """The chokepoint: one git call through the package's runner (never raises on exit code)."""
        ident = {k: os.environ[k] for k in IDENT_KEYS if os.environ.get(k)}
        return run_git(
            self.path, *args, input=input_bytes, env={**ident, **self.env, **(env or {})}, check=False, timeout=TIMEOUT
        )

    # -- reading ---------------------------------------------------------------
    def resolve(self, ref: str) -> str | None:
        """Commit SHA of ``ref`` (honouring pending overrides), or None."""
        if ref in self.overrides:
            value = self.overrides[ref]
            return None if value == ZERO else value
        proc = self.run_raw("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
        return proc.stdout.decode().strip() if proc.returncode == 0 else None

    def must_resolve(self, ref: str) -> str:
        sha = self.resolve(ref)
        if sha is None:
            raise GitError("git.ref-missing", ref=ref)
        return sha

    def refs(self, prefix: str) -> dict[str, str]:
        out = self.run("for-each-ref", "--format=%(refname) %(objectname)", prefix)
        found = dict(line.split(" ", 1) for line in out.splitlines() if line)
        for ref, value in self.overrides.items():
            if ref.startswith(prefix):
                if value == ZERO:
                    found.pop(ref, None)
                else:
                    found[ref] = value
        return found

    def blob(self, commit: str, rel: str) -> bytes | None:
        """Content of ``rel`` at ``commit``, or None when absent (or not a file)."""
        if not _FULL_ID.fullmatch(commit):  # a ref moves: ask a fresh process what it names now
            proc = self.run_raw("cat-file", "blob", f"{commit}:{rel}")
            return proc.stdout if proc.returncode == 0 else None
        return self.object_blob(f"{commit}:{rel}")

    def object_blob(self, name: str) -> bytes | None:
        """Content of the blob ``name`` (an object id or ``<commit>:<path>``), None when there is none.
        Read through one ``cat-file --batch`` process per repository (see ``repospbe.git.batch``)."""
        if "\n" in name or "\r" in name:
            proc = self.run_raw("cat-file", "blob", name)
            return proc.stdout if proc.returncode == 0 else None
        if self._reader is None:
            self._reader = BatchReader(self.path, self.env)
        found = self._reader.read(name)
        return found[1] if found is not None and found[0] == "blob" else None

    def list_files(self, commit: str, prefix: str = "") -> list[str]:
        args = ["ls-tree", "-r", "--name-only", "-z", commit]
        if prefix:
            args += ["--", prefix]
        return [p for p in self.run(*args).split("\0") if p]

    def blob_ids(self, commit: str) -> dict[str, str]:
        """Every file at ``commit`` with its blob id (one ``ls-tree``)."""
        out: dict[str, str] = {}
        for entry in self.run("ls-tree", "-r", "--full-tree", "-z", commit).split("\0"):
            meta, _, rel = entry.partition("\t")
            if rel and len(meta.split()) == 3:
                out[rel] = meta.split()[2]
        return out

    def tree_of(self, rev: str) -> str:
        return self.run("rev-parse", "--verify", "--end-of-options", f"{rev}^{{tree}}").strip()

    def object_at(self, commit: str, rel: str) -> str:
        """Object id of ``rel`` (file or directory) at ``commit``, '' when absent."""
        proc = self.run_raw("rev-parse", "--verify", "--quiet", f"{commit}:{rel}")
        return proc.stdout.decode().strip() if proc.returncode == 0 else ""

    def parents(self, commit: str) -> list[str]:
        return self.run("rev-list", "--parents", "-n", "1", commit).split()[1:]

    def message(self, commit: str) -> str:
        return self.run("log", "-1", "--format=%B", commit)

    def is_ancestor(self, older: str, newer: str) -> bool:
        return self.run_raw("merge-base", "--is-ancestor", older, newer).returncode == 0

    def first_parent_chain(self, tip: str, stop: str | None) -> list[str]:
        """First-parent commits from just after ``stop`` up to ``tip``, oldest first."""
        rng = f"{stop}..{tip}" if stop else tip
        return self.run("rev-list", "--first-parent", "--reverse", rng).split()

    def changed(self, old: str, new: str) -> list[str]:
        out = self.run("diff", "--name-only", "--no-renames", "-z", old, new, "--")
        return [p for p in out.split("\0") if p]

    def emails(self, base: str, tip: str) -> set[str]:
        out = self.run("log", "--format=%ae%n%ce", f"{base}..{tip}")
        return {line.strip().lower() for line in out.splitlines() if line.strip()}

    def patch_id(self, target: str, source: str) -> str:
        diff = self.run_raw("diff", "--no-color", "--full-index", f"{target}...{source}").stdout
        if not diff.strip():
            return ""
        out = self.run("patch-id", "--stable", input_bytes=diff)
        return out.split()[0] if out.strip() else ""

    def merge_tree(self, target: str, source: str) -> str | None:
        """Tree of merging ``source`` into ``target`` (``git merge-tree --write-tree``); None on conflict."""
        proc = self.run_raw("merge-tree", "--write-tree", "--no-messages", target, source)
        if proc.returncode == 1:
            return None
        if proc.returncode != 0:
            raise GitError("git.failed", command="merge-tree", error=proc.stderr.decode()[:300])
        return proc.stdout.decode().split()[0]

    # -- writing ---------------------------------------------------------------
    def write_blob(self, data: bytes) -> str:
        return self.run("hash-object", "-w", "--stdin", input_bytes=data).strip()

    def commit_tree(self, tree: str, parents: list[str], message: str, env: dict[str, str] | None = None) -> str:
        args = ["commit-tree", tree]
        for parent in parents:
            args += ["-p", parent]
        return self.run(*args, input_bytes=message.encode("utf-8"), env=env).strip()

    def cas(self, ref: str, new: str, old: str | None) -> bool:
        """Compare-and-swap: set ``ref`` to ``new`` only if it is still ``old`` (None = absent)."""
        proc = self.run_raw("update-ref", ref, new, old or ZERO)
        return proc.returncode == 0

    def append(self, ref: str, files: dict[str, bytes], message: str, retries: int = 5) -> str:
        """Add ``files`` to the evidence chain at ``ref`` (CAS, retried on a concurrent append)."""
        for _ in range(retries):
            old = self.resolve(ref)
            tree = self.tree_with(old, files)
            commit = self.commit_tree(tree, [old] if old else [], message, env=EVIDENCE_IDENT)
            if self.cas(ref, commit, old):
                return commit
        raise PolicyError("git.append-raced", ref=ref)

    def tree_with(self, base: str | None, files: dict[str, bytes]) -> str:
        with tempfile.TemporaryDirectory(prefix="repospbe-idx-") as tmp:
            env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
            if base:
                self.run("read-tree", base, env=env)
            lines = "".join(f"100644 {self.write_blob(data)}\t{rel}\n" for rel, data in files.items())
            self.run("update-index", "--add", "--index-info", input_bytes=lines.encode(), env=env)
            return self.run("write-tree", env=env).strip()
