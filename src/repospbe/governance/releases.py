"""Signed release records in ``refs/repospbe/rilis`` (an append-only commit chain).

rilis/<opd>/<app>/<env>/<seq>.json + .sig   one deployment, signed by the deployer
    + .p7s (+ .ocsp)                        or/and signed with the deployer's electronic certificate
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from repospbe.governance.certsig import decision_signature
from repospbe.governance.evidence import Signed
from repospbe.governance.gitrepo import Repo
from repospbe.governance.rules import load_rules

RELEASE_REF = "refs/repospbe/rilis"
_RE = re.compile(r"^rilis/([a-z0-9-]+/[a-z0-9-]+)/([a-z0-9-]+)/(\d{4})\.json$")


@dataclass(frozen=True)
class StoredRelease:
    path: str
    app: str
    env: str
    signed: Signed


def load_all(repo: Repo) -> list[StoredRelease]:
    tip = repo.resolve(RELEASE_REF)
    if tip is None:
        return []
    out = []
    for rel in sorted(repo.list_files(tip, "rilis/")):
        if m := _RE.match(rel):
            raw, stem = repo.blob(tip, rel) or b"", rel[:-5]
            sigs = [repo.blob(tip, stem + ext) or b"" for ext in (".sig", ".p7s", ".ocsp")]
            out.append(StoredRelease(rel, m.group(1), m.group(2), Signed(raw, *sigs)))
    return out


def latest(repo: Repo, app: str, env: str) -> StoredRelease | None:
    found = [r for r in load_all(repo) if r.app == app and r.env == env]
    return found[-1] if found else None


def next_path(repo: Repo, app: str, env: str) -> str:
    count = sum(1 for r in load_all(repo) if r.app == app and r.env == env)
    return f"rilis/{app}/{env}/{count + 1:04d}"


def signature_ok(repo: Repo, rel: StoredRelease) -> bool:
    """The deployer named in the record signed it, as a reviewer of the rules at its commit."""
    data = rel.signed.data
    commit, who = str(data.get("commit", "")), str(data.get("oleh", ""))
    if not commit or repo.resolve(commit) != commit:
        return False
    rules = load_rules(repo, commit)
    reviewer = rules.reviewer(who)
    return (
        reviewer is not None
        and reviewer.peran == rules.peran
        and decision_signature(rules, who, rel.signed, "rilis")[0]  # SSH or electronic certificate
    )
