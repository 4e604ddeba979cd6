"""The report of ``audit verify``: its events, the merges it verified, and the running digest of its line."""

from __future__ import annotations

from dataclasses import dataclass, field

from repospbe.governance.checkpoint import Checkpoint, line_step
from repospbe.governance.types import AuditEvent
from repospbe.i18n import t as msg


@dataclass
class AuditReport:
    branch: str
    tip: str
    genesis: str
    events: list[AuditEvent] = field(default_factory=list)
    verified_merges: dict[str, int] = field(default_factory=dict)
    # The first-parent line after the genesis (or the trusted checkpoint): the running digest of the
    # events each commit produced, their count, and each commit's (digest, count) for checkpoints.
    line_digest: str = ""
    line_events: int = 0
    line_commits: int = 0
    line_state: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    start: Checkpoint | None = None  # the checkpoint this run trusted (None: a full run)
    chain_tips: dict[str, str] = field(default_factory=dict)  # the evidence chains this run read
    earlier: frozenset[str] = frozenset()  # line commits before ``start`` (verified when it was made)
    confirmed: list[str] = field(default_factory=list)  # checkpoints this run re-derived (``audit_memory``)

    def step(self, commit: str, events: list[AuditEvent]) -> None:
        """One more commit of the line verified, with the events it produced."""
        self.line_digest = line_step(self.line_digest, events)
        self.line_events += len(events)
        self.line_commits += 1
        self.line_state[commit] = (self.line_digest, self.line_events, self.line_commits)

    @property
    def breaches(self) -> list[AuditEvent]:
        return [e for e in self.events if not e.ok]

    def add(self, time: str, kind: str, subject: str, detail: str, ok: bool) -> None:
        self.events.append(AuditEvent(time, kind, subject, detail, ok))

    def violation(self, time: str, kind: str, subject: str, check_id: str, **params: str) -> None:
        """A breach with a stable id; its detail is the message ``check_id`` (Indonesian here)."""
        self.event(time, kind, subject, check_id, False, **params)

    def event(self, time: str, kind: str, subject: str, check_id: str, ok: bool, **params: str) -> None:
        """An event with a stable id (rendered in the reader's language from ``check_id`` and ``params``)."""
        self.events.append(
            AuditEvent(time, kind, subject, msg(check_id, "id", **params), ok, check_id, tuple(sorted(params.items())))
        )
