"""Time stamps of records: UTC, ``YYYY-MM-DDTHH:MM:SSZ``; read back as aware UTC datetimes.

Every record repospbe writes (pipeline records, MR evidence, audit events) carries this
format, so stamps of one kind sort as strings. A git ``%cI`` time carries the committer's
offset instead (``2026-01-02T10:00:00+07:00``): compare ``parse`` results, never strings."""

from __future__ import annotations

from datetime import UTC, datetime

from repospbe.errors import InputError

FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def now() -> str:
    """The current time as a stamp."""
    return format(datetime.now(UTC))


def format(moment: datetime) -> str:  # noqa: A001 - the module's name says what it formats
    """``moment`` in UTC as a stamp (a naive datetime is taken as UTC; microseconds dropped)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime(FORMAT)


def parse(text: str) -> datetime:
    """An aware UTC datetime from a stamp (``…Z``) or an ISO-8601 time with an offset.

    A time without a zone, or anything else, is an InputError (``stamp.invalid``)."""
    value = text.strip() if isinstance(text, str) else ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise InputError("stamp.invalid", text=str(text)[:80])
    return moment.astimezone(UTC)
