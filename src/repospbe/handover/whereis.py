"""Where an app record lives when the registry's checked-out tree does not have it yet.

Before an app's merge request is merged, its ``app.yaml`` exists only on a branch
(usually the branch of an open merge request, ``refs/repospbe/mr/<n>``). A handover
needs the record on the registry's main line; this finds the branch and the merge
request so the refusal can say exactly what to do."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from repospbe.errors import InputError
from repospbe.git.runner import git_bytes, git_text
from repospbe.states import MRState

MR_PREFIX = "refs/repospbe/mr/"


@dataclass(frozen=True)
class Pending:
    branch: str
    mr: int | None


def pending_record(root: Path, rel: str) -> Pending | None:
    """The branch (and open merge request) that holds ``rel`` while the work tree lacks it."""
    branches = _refs(root, "refs/heads/")
    holding = _holding(root, branches, rel)
    if not holding:
        return None
    for ref in _refs(root, MR_PREFIX):
        source, closed = _opening(root, ref)
        if source in holding and not closed:
            return Pending(source, int(ref.rsplit("/", 1)[1]))
    return Pending(holding[0], None)


def _refs(root: Path, prefix: str) -> list[str]:
    out = git_text(root, "for-each-ref", "--format=%(refname)", prefix, bulk=True)
    return [line.removeprefix("refs/heads/") for line in out.splitlines() if line]


def _holding(root: Path, branches: list[str], rel: str) -> list[str]:
    if not branches:
        return []
    query = "".join(f"refs/heads/{b}:{rel}\n" for b in branches).encode("utf-8")
    out = git_bytes(root, "cat-file", "--batch-check=%(objecttype)", input=query, bulk=True).decode()
    return [b for b, line in zip(branches, out.splitlines(), strict=False) if line.strip() == "blob"]


def _opening(root: Path, ref: str) -> tuple[str, bool]:
    """(source branch, merged or closed) of the merge request at ``ref``."""
    try:
        opening = json.loads(git_bytes(root, "cat-file", "blob", f"{ref}:pembukaan.json", bulk=True))
    except (InputError, ValueError):
        return "", True
    try:
        status = json.loads(git_bytes(root, "cat-file", "blob", f"{ref}:status.json", bulk=True))
    except (InputError, ValueError):
        status = {}
    closed = isinstance(status, dict) and status.get("status") in (MRState.MERGED, MRState.CLOSED)
    return (str(opening.get("sumber", "")) if isinstance(opening, dict) else ""), closed
