"""Signed audit checkpoints: a later ``audit verify`` starts where a verified one ended.

After a verification with no breach, ``audit verify --titik-periksa --kunci KEY`` stores a
checkpoint in the append-only chain ``refs/repospbe/audit/checkpoints`` (CAS-appended like
every evidence chain): the branch and the commit of it that was verified, the genesis, how
many commits and events the first-parent line held up to that commit, the running digest of
those events (``line_step``), the tip of every evidence chain at that moment, the time and the
auditor. The payload is canonical JSON signed with ``ssh-keygen -Y sign`` in the namespace
``repospbe-audit@<domain>`` by a reviewer of ``registry/reviewers.yaml`` at that commit.

A later run starts from the newest checkpoint only when ``judge`` finds nothing (its signature
verifies for the auditor it names, the auditor is a reviewer at the checkpoint's commit, the
branch and genesis are this run's, the commit is on the first-parent line of the branch's tip and
the commit count holds) AND this clone has re-derived its event count and report digest
(``audit_memory``): a signature says who vouches, only verifying again shows the digest is right.
A newest checkpoint that fails ``judge`` is a breach and the run verifies everything; one not yet
re-derived here is compared by verifying from the last checkpoint confirmed here (or the genesis)
(fail closed either way). A full run (``--penuh``) judges every checkpoint and compares its count
and digest with its own.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from repospbe import stamp
from repospbe.canonical import canonical_json, json_object
from repospbe.errors import PolicyError
from repospbe.governance import sshsig
from repospbe.governance.appendonly import EVIDENCE_PREFIX
from repospbe.governance.gitrepo import EVIDENCE_IDENT, Repo
from repospbe.governance.rules import load_rules
from repospbe.governance.types import AuditEvent

CHECKPOINT_REF = "refs/repospbe/audit/checkpoints"
KIND = "repospbe/titik-periksa-audit"
PURPOSE = "audit"
_NAME = re.compile(r"^titik-periksa/(\d{6})\.json$")


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    raw: bytes
    sig: bytes

    @property
    def data(self) -> dict[str, Any]:
        return json_object(self.raw)

    @property
    def commit(self) -> str:
        return str(self.data.get("commit", ""))

    @property
    def events(self) -> int:
        value = self.data.get("peristiwa")
        return value if isinstance(value, int) and not isinstance(value, bool) else -1

    @property
    def commits(self) -> int:
        value = self.data.get("komit")
        return value if isinstance(value, int) and not isinstance(value, bool) else -1

    @property
    def digest(self) -> str:
        return str(self.data.get("digest", ""))

    @property
    def chains(self) -> dict[str, str]:
        value = self.data.get("rantai")
        if not isinstance(value, dict):
            return {}
        return {str(k): str(v) for k, v in value.items() if str(k).startswith(EVIDENCE_PREFIX)}


def line_start(genesis: str) -> str:
    """The running digest before the first commit after ``genesis``."""
    return hashlib.sha256(f"repospbe-audit-v1\n{genesis}\n".encode()).hexdigest()


def line_step(previous: str, events: list[AuditEvent]) -> str:
    """The running digest after one commit of the line, from the events its verification produced."""
    rows = [[e.time, e.kind, e.subject, e.check_id, e.detail, e.ok] for e in events]
    return hashlib.sha256(previous.encode() + b"\n" + canonical_json(rows)).hexdigest()


def load_all(repo: Repo) -> list[Checkpoint]:
    """Every checkpoint at the chain's tip, oldest first."""
    tip = repo.resolve(CHECKPOINT_REF)
    if tip is None:
        return []
    out = []
    for rel in sorted(repo.blob_ids(tip)):
        if m := _NAME.match(rel):
            sig = repo.blob(tip, rel[:-5] + ".sig") or b""
            out.append(Checkpoint(int(m.group(1)), repo.blob(tip, rel) or b"", sig))
    return out


def judge(repo: Repo, cp: Checkpoint, branch: str, tip: str, genesis: str) -> str:
    """'' when ``cp`` may be trusted by a run over ``branch`` at ``tip``; else the reason (a message key tail)."""
    data = cp.data
    if data.get("jenis") != KIND or data.get("seq") != cp.seq or min(cp.events, cp.commits) < 0 or not cp.digest:
        return "isi"
    commit = cp.commit
    if repo.resolve(commit) != commit:
        return "commit-hilang"
    rules = load_rules(repo, commit)
    auditor = str(data.get("auditor", ""))
    reviewer = rules.reviewer(auditor)
    if reviewer is None or not reviewer.key:
        return "bukan-auditor"
    if not sshsig.verify(rules.allowed_signers(), auditor, rules.ns(PURPOSE), cp.raw, cp.sig):
        return "tanda-tangan"
    if data.get("branch") != branch or data.get("genesis") != genesis:
        return "cabang-lain"
    if not on_first_parent_line(repo, commit, tip):
        return "bukan-di-main"
    if commits_since(repo, genesis, commit) != cp.commits:
        return "digest"
    return ""


def commits_since(repo: Repo, genesis: str, commit: str) -> int:
    """First-parent commits after ``genesis`` up to ``commit`` (one ``rev-list --count``)."""
    if commit == genesis:
        return 0
    return int(repo.run("rev-list", "--count", "--first-parent", commit, f"^{genesis}", "--").strip() or -1)


def on_first_parent_line(repo: Repo, commit: str, tip: str) -> bool:
    """``commit`` is ``tip`` or one of its first parents, transitively (cost: the commits after it)."""
    if commit == tip:
        return True
    if not repo.is_ancestor(commit, tip):
        return False
    after = repo.first_parent_chain(tip, commit)
    return bool(after) and repo.parents(after[0])[:1] == [commit]


def payload(line: tuple[str, str, str, int, int, str], chains: dict[str, str], auditor: str, seq: int) -> bytes:
    """Checkpoint ``seq``: ``line`` is (branch, commit, genesis, commits, events, digest); ``chains`` the
    evidence chain tips the verification read."""
    branch, commit, genesis, commits, events, digest = line
    return canonical_json(
        {
            "jenis": KIND,
            "versi": 1,
            "seq": seq,
            "branch": branch,
            "commit": commit,
            "genesis": genesis,
            "komit": commits,
            "peristiwa": events,
            "digest": digest,
            "rantai": dict(sorted(chains.items())),
            "waktu": stamp.now(),
            "auditor": auditor,
        }
    )


def signer_of(repo: Repo, commit: str, key: Path) -> str:
    """The reviewer id of ``key`` at ``commit`` (PolicyError when the key is no reviewer's)."""
    pub = sshsig.public_key_of(key)
    reviewer = load_rules(repo, commit).reviewer_by_key(pub)
    if reviewer is None:
        raise PolicyError("audit.checkpoint.not-auditor", fingerprint=sshsig.fingerprint(pub))
    return reviewer.id


def store(repo: Repo, key: Path, seq: int, raw: bytes) -> str:
    """Sign ``raw`` with ``key`` and append it as checkpoint ``seq``; the chain commit."""
    rules = load_rules(repo, str(json.loads(raw)["commit"]))
    sig = sshsig.sign(key, rules.ns(PURPOSE), raw)
    name = f"titik-periksa/{seq:06d}"
    old = repo.resolve(CHECKPOINT_REF)
    tree = repo.tree_with(old, {f"{name}.json": raw, f"{name}.sig": sig})
    commit = repo.commit_tree(tree, [old] if old else [], f"titik periksa audit {seq}\n", env=EVIDENCE_IDENT)
    if not repo.cas(CHECKPOINT_REF, commit, old):
        raise PolicyError("git.append-raced", ref=CHECKPOINT_REF)
    return commit
