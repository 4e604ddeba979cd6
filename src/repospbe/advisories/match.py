"""Whether one component version is affected by an OSV advisory entry.

Versions are compared by ``univers`` with each ecosystem's own semantics (npm: semver,
Packagist: composer, PyPI: PEP 440, Maven: Maven's ordering); a ``SEMVER`` range always
uses semver. A range's events are walked in version order (OSV's algorithm): ``introduced``
opens, ``fixed`` closes (exclusive), ``last_affected`` closes (inclusive).

A declared range (``package.json``/``composer.json`` without lock, an unpinned requirement)
has no single version: it is possibly affected when any version it allows is affected, judged
at the points where either side starts (the range's lower bounds, the advisory's
``introduced`` events and listed versions; ``repospbe.advisories.ranges``). A range that
cannot be read is judged by the lowest version it names (``^4.17.0`` → 4.17.0); one that
names none (``*``, ``latest``, empty) is possibly affected by every advisory of the package.
A version that cannot be parsed is likewise possibly affected, never a pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from univers.version_range import VersionRange
from univers.versions import ComposerVersion, MavenVersion, PypiVersion, SemverVersion, Version

from repospbe.advisories.names import ECOSYSTEM_OF, osv_name
from repospbe.advisories.ranges import contains, declared_range, lower_bounds

VERSION_CLASSES: dict[str, type[Version]] = {
    "npm": SemverVersion,
    "Packagist": ComposerVersion,
    "PyPI": PypiVersion,
    "Maven": MavenVersion,
}
_LOWEST = re.compile(r"v?(\d+(?:\.\d+){0,3}(?:-[0-9A-Za-z.]+)?)")


__all__ = ["ECOSYSTEM_OF", "VERSION_CLASSES", "Unparseable", "Verdict", "judge", "lowest_of", "osv_name"]


class Unparseable(Exception):
    """A version string the ecosystem's rules do not accept."""


@dataclass(frozen=True)
class Verdict:
    affected: bool
    certain: bool  # False: a declared range or an unparseable version ("possibly affected")
    fixed: str = ""


def _version(cls: type[Version], text: str) -> Version:
    try:
        return cls(text.strip().lstrip("v") if cls is SemverVersion else text.strip())
    except Exception as exc:  # noqa: BLE001 - univers raises several kinds for a bad string
        raise Unparseable(text) from exc


def lowest_of(spec: str) -> str:
    """The lowest version a declared range names ("" when it names none)."""
    match = _LOWEST.search(spec)
    return match.group(1) if match else ""


def _in_range(cls: type[Version], version: Version, rng: dict[str, Any]) -> tuple[bool, str]:
    kind = SemverVersion if rng["type"] == "SEMVER" else cls
    events: list[tuple[str, Version | None]] = []
    for event, value in rng["events"]:
        events.append((event, None if value == "0" else _version(kind, value)))
    events.sort(key=lambda e: (e[1] is not None, e[1] if e[1] is not None else 0))
    here = _version(kind, str(version)) if kind is not cls else version
    affected, fixed = False, ""
    for event, bound in events:
        if event == "introduced" and (bound is None or here >= bound):
            affected, fixed = True, ""
        elif event == "fixed" and bound is not None:
            if here >= bound:
                affected = False
            elif affected and not fixed:
                fixed = str(bound)
        elif event == "last_affected" and bound is not None and here > bound:
            affected = False
    return affected, fixed


def judge(ecosystem: str, version: str, declared: bool, entry: dict[str, Any]) -> Verdict:
    """Is ``version`` (or the declared range ``version``) affected by ``entry``?"""
    cls = VERSION_CLASSES[ecosystem]
    if declared and version:
        rng = declared_range(ecosystem, version)
        if rng is not None:
            return _judge_range(cls, rng, entry)
    text = lowest_of(version) if declared or not version else version
    if not text:
        return Verdict(True, False)
    if text in entry.get("versions", ()):
        return Verdict(True, not declared, _first_fixed(cls, entry))
    try:
        here = _version(cls, text)
        for rng in entry.get("ranges", ()):
            hit, fixed = _in_range(cls, here, rng)
            if hit:
                return Verdict(True, not declared and bool(version), fixed)
    except Unparseable:
        return Verdict(True, False, _first_fixed(cls, entry))
    return Verdict(False, True)


def _judge_range(cls: type[Version], rng: VersionRange, entry: dict[str, Any]) -> Verdict:
    """Possibly affected when a version where the range or an affected span starts is in both."""
    starts = [v for r in entry.get("ranges", ()) for e, v in r["events"] if e == "introduced" and v != "0"]
    candidates = [(v, True) for v in lower_bounds(rng)]
    candidates += [(v, contains(rng, v)) for v in (*starts, *entry.get("versions", ()))]
    for text, inside in candidates:
        if not inside:
            continue
        try:
            here = _version(cls, text)
        except Unparseable:
            continue
        if text in entry.get("versions", ()):
            return Verdict(True, False, _first_fixed(cls, entry))
        for r in entry.get("ranges", ()):
            hit, fixed = _in_range(cls, here, r)
            if hit:
                return Verdict(True, False, fixed)
    return Verdict(False, True)


def _first_fixed(cls: type[Version], entry: dict[str, Any]) -> str:
    fixes = [v for rng in entry.get("ranges", ()) for e, v in rng["events"] if e == "fixed"]
    return fixes[0] if fixes else ""
