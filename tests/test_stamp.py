"""``repospbe.stamp``: one UTC stamp format, read back from ``…Z`` and from git's ``%cI``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from repospbe import stamp
from repospbe.errors import InputError

WIB7 = timezone(timedelta(hours=7))


def test_format_is_utc_with_z_and_drops_microseconds() -> None:
    moment = datetime(2026, 1, 2, 10, 0, 5, 123456, tzinfo=WIB7)
    assert stamp.format(moment) == "2026-01-02T03:00:05Z"
    assert stamp.format(datetime(2026, 1, 2, 3, 0, 5)) == "2026-01-02T03:00:05Z"  # naive = UTC


def test_now_round_trips() -> None:
    text = stamp.now()
    assert text.endswith("Z") and len(text) == 20
    assert abs(stamp.parse(text) - datetime.now(UTC)) < timedelta(minutes=1)


def test_parse_z_and_offset_give_the_same_instant() -> None:
    z = stamp.parse("2026-01-02T03:00:00Z")
    offset = stamp.parse("2026-01-02T10:00:00+07:00")
    assert z == offset and offset.tzinfo == UTC and offset.hour == 3
    # the strings order the other way round: the reason stamps are compared as times
    assert "2026-01-02T04:00:00Z" < "2026-01-02T10:00:00+07:00"
    assert stamp.parse("2026-01-02T04:00:00Z") > offset


@pytest.mark.parametrize("garbage", ["", "kemarin", "2026-01-02", "2026-01-02T03:00:00", "2026-13-02T03:00:00Z"])
def test_garbage_is_a_clear_input_error(garbage: str) -> None:
    with pytest.raises(InputError) as err:
        stamp.parse(garbage)
    assert err.value.key == "stamp.invalid"
    assert "ISO-8601" in err.value.render("en")
