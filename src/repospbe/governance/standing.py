"""The effective status of each reviewer decision, computed in one place.

A decision is either

* ``berlaku`` (in force): it counts now;
* ``digantikan`` (superseded): the same reviewer made a later decision that is in force;
* ``usang`` (stale): it was made for another head of the merge request (source, target or
  patch-id) or binds a pipeline record that is missing, changed or for another commit;
* ``tidak-sah`` (invalid): any other problem (signature, role, opener, author, content...).

``mr show``, ``mr merge`` (through ``assess``), ``audit verify``, the evidence pack and the
catalogue (``repospbe.governance.query.decisions``) all read this one function.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from repospbe.governance import evidence as evs
from repospbe.governance.gitrepo import Repo
from repospbe.governance.types import Decision
from repospbe.states import MRState

IN_FORCE = "berlaku"
SUPERSEDED = "digantikan"
STALE = "usang"
INVALID = "tidak-sah"
STATUSES = (IN_FORCE, SUPERSEDED, STALE, INVALID)
# problems that mean "the merge request or its pipeline record moved on", not "this decision is bad"
STALE_PROBLEMS = frozenset({"usang", "pipeline-berubah", "pipeline-lain"})


class DecisionVerdict(Protocol):
    """What standing needs of a judged decision (``repospbe.governance.assess.DecisionVerdict``)."""

    @property
    def name(self) -> str: ...
    @property
    def reviewer(self) -> str: ...
    @property
    def problem(self) -> str: ...


@dataclass(frozen=True)
class Standing:
    """What a decision counts for now: ``status`` (one of ``STATUSES``), why (``problem``:
    the ``mr.dp.*`` code when stale or invalid) and, when superseded, the decision that did it."""

    status: str
    problem: str = ""
    superseded_by: str = ""

    @property
    def counted(self) -> bool:
        return self.status == IN_FORCE


def effective_status(decisions: Sequence[DecisionVerdict]) -> tuple[Standing, ...]:
    """The standing of each decision (same order): a reviewer's latest valid decision is in force,
    their earlier valid ones are superseded by it; decisions with a problem are stale or invalid."""
    latest: dict[str, int] = {}
    for i, d in enumerate(decisions):
        if not d.problem:
            latest[d.reviewer] = i
    out = []
    for i, d in enumerate(decisions):
        if d.problem:
            out.append(Standing(STALE if d.problem in STALE_PROBLEMS else INVALID, d.problem))
        elif latest[d.reviewer] != i:
            out.append(Standing(SUPERSEDED, "", decisions[latest[d.reviewer]].name))
        else:
            out.append(Standing(IN_FORCE))
    return tuple(out)


def merged_subject(repo: Repo, ev: evs.Evidence) -> tuple[str, str] | None:
    """(source, target) a merged merge request was merged from (the merge commit's parents), else None."""
    if ev.status.get("status") != MRState.MERGED:
        return None
    commit = str(ev.status.get("commit", ""))
    if not commit or repo.resolve(commit) != commit:
        return None
    parents = repo.parents(commit)
    return (parents[1], parents[0]) if len(parents) == 2 else None


def approved_now(decisions: Sequence[Decision]) -> bool | None:
    """Of an app's decisions (oldest first), those of its latest merge request: True when an
    approval is in force and no rejection is; False when a rejection is in force or none is
    in force; None without decisions. The summary and the catalogue's approval column read this."""
    if not decisions:
        return None
    latest = [d for d in decisions if d.mr == decisions[-1].mr and d.counted]
    if any(d.decision.lower() in _REJECTIONS for d in latest):
        return False
    return any(d.decision.lower() in _APPROVALS for d in latest)


_APPROVALS = frozenset({"setuju", "approve", "approved", "disetujui"})
_REJECTIONS = frozenset({"tolak", "reject", "rejected", "ditolak"})
