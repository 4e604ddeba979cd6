"""Every state vocabulary of repospbe in one place: what the strings in records mean.

Each enum is a ``StrEnum``: a member equals its string and ``json.dumps``/YAML/trailers
write its value, so records, digests and reports are byte-identical to the plain strings
they replace. Parse a stored or user-given value with ``parse`` (``Decision.parse(x)``):
a value that is not a member is an ``InputError`` naming the vocabulary and what is
allowed, never a silent default.

One module, not one per package: the same states are read by the scanners (lowest
layer), the pipeline, governance, the catalogue and maturity; keeping them here avoids
a scanner importing the pipeline package just for a word.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from repospbe.errors import InputError


class _State(StrEnum):
    @classmethod
    def parse(cls, value: object, where: str = "") -> Self:
        """The member whose value is ``value``; ``InputError`` (``state.invalid``) otherwise."""
        if isinstance(value, str) and value in cls._value2member_map_:
            return cls(value)
        raise InputError(
            "state.invalid",
            kind=cls.__name__,
            value=repr(value)[:80],
            allowed=", ".join(repr(m.value) for m in cls),
            where=where or "-",
        )


class Decision(_State):
    """A reviewer's signed decision on a merge request (``keputusan``)."""

    APPROVE = "setuju"
    REJECT = "tolak"


class MRState(_State):
    """A merge request's state (``status.json``; ``terbuka`` while no status is recorded)."""

    OPEN = "terbuka"
    MERGED = "digabung"
    CLOSED = "ditutup"
    READY = "siap"  # shown only: open and mergeable now; never stored


class ApprovalBasis(_State):
    """What the approved pipeline ran on (``persetujuan.uji_pada`` of instance.yaml)."""

    SOURCE = "sumber"  # the merge request's source commit
    MERGE_RESULT = "hasil-gabung"  # the merge of source and target


class Status(_State):
    """Outcome of a check, an app's source checks or a whole pipeline record."""

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"  # a check crashed: the record is incomplete
    SKIPPED = "skipped"


class Isolation(_State):
    """Where an app's tests ran (``AppRun.isolation``)."""

    BUBBLEWRAP = "bubblewrap"
    CI_RUNNER = "ci-runner"
    NONE = ""  # they did not run


class StepStatus(_State):
    """Outcome of one step of ``repospbe gitlab setup --apply``."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    FALLBACK = "fallback"
    SKIPPED = "skipped"
    ERROR = "error"
