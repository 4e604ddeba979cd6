"""Server-side guard for a bare registry repository (``pre-receive``).

Refuses: deleting or force-pushing ``main``, release and evidence refs; any new
commit on ``main`` that is not a merge whose evidence verifies (so a direct push
is refused while a ``repospbe mr merge`` result, pushed with its evidence, is
accepted); any change to the genesis ref once set; any ``refs/replace/*`` (a
replacement object would change what a blob such as ``reviewers.yaml`` says) and
any ref outside the namespaces below; any new evidence commit that deletes or
modifies an evidence file or merges (evidence is append-only by content).

Every git call runs with ``GIT_NO_REPLACE_OBJECTS=1`` (the runner), so replace refs
already in the repository change nothing the hook reads either.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from repospbe.governance.appendonly import GENESIS_REF, is_evidence_chain, walk
from repospbe.governance.audit import verify_merge
from repospbe.governance.checkpoint import CHECKPOINT_REF
from repospbe.governance.evidence import MR_PREFIX
from repospbe.governance.gitrepo import ZERO, Repo
from repospbe.governance.releases import RELEASE_REF
from repospbe.writefile import write_atomic

PROTECTED_BRANCHES = ("refs/heads/main",)
APPEND_ONLY = (RELEASE_REF, MR_PREFIX, "refs/tags/rilis/", CHECKPOINT_REF)
REPLACE_PREFIX = "refs/replace/"
# Branches and tags are free (apart from the rules above); under refs/repospbe/ only these names.
FREE_NAMESPACES = ("refs/heads/", "refs/tags/")
EVIDENCE_REF_RE = re.compile(r"^refs/repospbe/(mr/[1-9][0-9]{0,8}|rilis|genesis|audit/checkpoints)$")

HOOK_SCRIPT = """#!/bin/sh
# repospbe: tolak push langsung, force-push dan penghapusan main/rilis/bukti.
exec '{python}' -m repospbe hook pre-receive
"""


def check_updates(repo: Repo, updates: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Problems as (ref, message key, detail); empty = accept the whole push."""
    repo.overrides = {ref: new for _, new, ref in updates}
    problems: list[tuple[str, str, str]] = []
    for old, new, ref in updates:
        problems.extend((ref, key, detail) for key, detail in _check_one(repo, old, new, ref))
    return problems


def _check_one(repo: Repo, old: str, new: str, ref: str) -> list[tuple[str, str]]:
    if ref.startswith(REPLACE_PREFIX):
        return [("hook.replace", "")]
    if not (ref.startswith(FREE_NAMESPACES) or EVIDENCE_REF_RE.match(ref)):
        return [("hook.namespace", "")]
    protected = ref in PROTECTED_BRANCHES
    if not (protected or ref == GENESIS_REF or ref.startswith(APPEND_ONLY)):
        return []
    if new == ZERO:
        return [("hook.delete", "")]
    if ref == GENESIS_REF and old != ZERO:
        return [("hook.genesis", "")]
    if old != ZERO and not repo.is_ancestor(old, new):
        return [("hook.force", "")]
    if is_evidence_chain(ref):
        hist = walk(repo, new, None if old == ZERO else old)
        return [("hook.evidence-changed", f"{c.commit[:12]} {c.kind} {c.path}".rstrip()) for c in hist.changes]
    if not protected:
        return []
    out = []
    for commit in repo.first_parent_chain(new, None if old == ZERO else old):
        if old == ZERO and not repo.parents(commit):
            continue
        number, problem = verify_merge(repo, commit)
        if problem:
            out.append(("hook.direct" if problem == "langsung" else "hook.unverified", f"{commit[:12]} {problem}"))
    return out


def read_updates(text: str) -> list[tuple[str, str, str]]:
    out = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3:
            out.append((parts[0], parts[1], parts[2]))
    return out


def install(bare: Path) -> Path:
    """Install the hook into a bare repository and turn on git's own refusals."""
    repo = Repo(bare)
    if repo.run("rev-parse", "--is-bare-repository").strip() != "true":
        from repospbe.errors import InputError

        raise InputError("hook.not-bare", dir=str(bare))
    repo.run("config", "receive.denyNonFastForwards", "true")
    repo.run("config", "receive.denyDeletes", "true")
    repo.run("config", "core.logAllRefUpdates", "always")
    target = bare / "hooks" / "pre-receive"
    write_atomic(target, HOOK_SCRIPT.format(python=sys.executable), mode=0o755)
    return target
