"""A declared range is possibly affected when any version it allows is affected (not only its lowest)."""

from __future__ import annotations

from typing import Any

import pytest

from repospbe.advisories.match import judge


def _entry(*events: tuple[str, str], versions: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"id": "GHSA-x", "ranges": [{"type": "ECOSYSTEM", "events": list(events)}], "versions": list(versions)}


SPAN_74 = _entry(("introduced", "7.4.0"), ("fixed", "7.4.5"))
EARLY = _entry(("introduced", "0"), ("fixed", "1.5.0"))
DJANGO = _entry(("introduced", "4.0"), ("last_affected", "4.2.1"))


@pytest.mark.parametrize(
    ("ecosystem", "spec", "entry", "affected"),
    [
        ("npm", "^7.0.0", SPAN_74, True),  # its lowest (7.0.0) is not affected, 7.4.0 is
        ("npm", "^7.5.0", SPAN_74, False),
        ("npm", "~7.3.0", SPAN_74, False),  # npm tilde: <7.4.0
        ("npm", "<2.0.0", EARLY, True),  # open below
        ("npm", "^2.0.0", EARLY, False),
        ("npm", "^1.0.0 || ^3.0.0", EARLY, True),
        ("Packagist", "^7.0", SPAN_74, True),
        ("Packagist", "^6.5|^7.0", SPAN_74, True),
        ("Packagist", "^7.5", SPAN_74, False),
        ("Packagist", "~7.3", SPAN_74, True),  # composer tilde: >=7.3 <8.0 (npm's would stop at 7.4)
        ("Packagist", "~7.3.0", SPAN_74, False),  # three parts: >=7.3.0 <7.4.0 in both
        ("Packagist", ">=7.0,<7.4", SPAN_74, False),
        ("PyPI", ">=4.0,<5", DJANGO, True),
        ("PyPI", ">=4.2.2", DJANGO, False),
        ("npm", "^1.2.0", _entry(versions=("1.3.0",)), True),  # a listed version inside the range
    ],
)
def test_declared_ranges(ecosystem: str, spec: str, entry: dict[str, Any], affected: bool) -> None:
    verdict = judge(ecosystem, spec, True, entry)
    assert verdict.affected is affected
    if affected:
        assert verdict.certain is False  # a declared range is only ever "possibly" affected


def test_unreadable_range_is_possibly_affected_never_a_pass() -> None:
    verdict = judge("Packagist", "dev-master", True, SPAN_74)
    assert (verdict.affected, verdict.certain) == (True, False)
