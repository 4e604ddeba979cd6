"""The checkpoints whose claims this clone has re-derived itself (and may therefore start from).

A checkpoint's signature says which reviewer vouches for it; it cannot show that the count and
the report digest it carries are what verifying the line up to its commit gives. Only verifying
that line again shows it, so a checkpoint is trusted by an incremental run only when a
breach-free run in this clone has re-derived it: a full run that compared it with its own line,
an incremental run (from a checkpoint confirmed here) that passed its commit, or the run that
wrote it. Each such checkpoint is remembered by the sha256 of its signed payload.

The record lives in the git directory (``<git-common-dir>/repospbe/audit-dikonfirmasi.json``),
never in a ref: a push, a fetch or a clone cannot write it, so a checkpoint cannot make itself
confirmed. A missing, unreadable or malformed record only costs work: the run re-derives
again (fail closed). A record that cannot be written is not an error for the same reason.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path

from repospbe.governance.checkpoint import Checkpoint
from repospbe.governance.gitrepo import Repo
from repospbe.writefile import write_atomic

NAME = Path("repospbe") / "audit-dikonfirmasi.json"
KIND = "repospbe/titik-periksa-dikonfirmasi"
LIMIT = 4 << 20  # bytes; a larger record is ignored (re-derived again)
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def key_of(cp: Checkpoint) -> str:
    """The identity of a checkpoint's signed claims: the sha256 of its payload."""
    return hashlib.sha256(cp.raw).hexdigest()


def record_path(repo: Repo) -> Path | None:
    """Where this clone keeps the record (None when git cannot name its directory)."""
    result = repo.run_raw("rev-parse", "--path-format=absolute", "--git-common-dir")
    text = result.stdout.decode("utf-8", "replace").strip() if result.returncode == 0 else ""
    return Path(text) / NAME if text else None


def load(repo: Repo) -> frozenset[str]:
    """The payload digests of the checkpoints confirmed in this clone (empty when unknown)."""
    path = record_path(repo)
    try:
        if path is None or path.stat().st_size > LIMIT:
            return frozenset()
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return frozenset()
    if not isinstance(data, dict) or data.get("jenis") != KIND or not isinstance(data.get("dikonfirmasi"), list):
        return frozenset()
    return frozenset(k for k in data["dikonfirmasi"] if isinstance(k, str) and _SHA256.match(k))


def remember(repo: Repo, keys: Iterable[str]) -> bool:
    """Add ``keys`` to the record; False when it could not be written (the next run re-derives)."""
    new = {k for k in keys if _SHA256.match(k)}
    if not new:
        return True
    path = record_path(repo)
    if path is None:
        return False
    known = load(repo)
    if new <= known:
        return True
    body = {"jenis": KIND, "versi": 1, "dikonfirmasi": sorted(known | new)}
    try:
        write_atomic(path, json.dumps(body, indent=1) + "\n")
    except OSError:
        return False
    return True
