"""Known-vulnerable dependencies per app, as the catalogue shows them.

The source of truth is the app's latest pipeline record: its ``advisories`` check names the
vulnerable components in its detail (``repospbe.scanners.advisories._detail``:
``package version (ADVISORY)``, a ``?`` after the id when only a declared range was judged).
The record is signed and kept in the registry; the scanner's full report is not. When the
machine that builds the catalogue has the advisory database (``repospbe advisories
import``), each entry is completed with the fixed version, severity and summary from it;
otherwise those cells say the database is not on this machine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from repospbe.advisories import database
from repospbe.advisories.names import ECOSYSTEM_OF, osv_name
from repospbe.pipeline.record import AppRun

CHECK = "advisories"
_LIST = re.compile(r";\s*rentan:\s*(.*)$")
_ITEM = re.compile(r"(\S+) (.+?) \(([A-Za-z0-9][A-Za-z0-9._:-]*)(\??)\)(?:, |\s*\+\d+ lagi\s*$|\s*$)")
_MORE = re.compile(r"\+(\d+) lagi\s*$")
_CHECKED = re.compile(r"^\d+ komponen diperiksa ")  # the detail of a check that had a database


@dataclass(frozen=True)
class Vulnerable:
    package: str
    version: str
    advisory: str
    certain: bool  # False: a declared range without a lock file ("possibly")
    fixed: str = ""
    severity: str = ""
    summary: str = ""
    ecosystem: str = ""


@dataclass(frozen=True)
class AppVulnerabilities:
    items: tuple[Vulnerable, ...] = ()
    more: int = 0  # entries the record's detail did not name (it names ten at most)
    checked: bool = False  # the latest record's advisories check compared components with a database
    status: str = ""
    note: str = ""  # the check's own words when it ran without comparing (no database on the runner)


def of_run(run: AppRun | None) -> AppVulnerabilities:
    """The vulnerable dependencies the ``advisories`` check of ``run`` named, completed from the
    local advisory database when there is one."""
    check = next((c for c in run.checks if c.name == CHECK), None) if run else None
    if check is None:
        return AppVulnerabilities()
    if not _CHECKED.match(check.detail or ""):
        return AppVulnerabilities(status=str(check.status), note=check.detail or str(check.status))
    items, more = parse_detail(check.detail)
    return AppVulnerabilities(tuple(_complete(v) for v in items), more, True, str(check.status))


def parse_detail(detail: str) -> tuple[list[Vulnerable], int]:
    match = _LIST.search(detail or "")
    if not match:
        return [], 0
    text = match.group(1)
    items = [Vulnerable(m.group(1), m.group(2), m.group(3), m.group(4) != "?") for m in _ITEM.finditer(text)]
    more = _MORE.search(text)
    return items, int(more.group(1)) if more else 0


def _complete(item: Vulnerable) -> Vulnerable:
    if database.meta() is None:
        return item
    for eco in ECOSYSTEM_OF.values():
        for entry in database.advisories(eco).get(osv_name(eco, item.package), []):
            if str(entry.get("id")) != item.advisory:
                continue
            from repospbe.advisories.match import Unparseable, judge  # univers: only when one is judged

            try:
                fixed = judge(eco, item.version, not item.certain, entry).fixed
            except (Unparseable, KeyError, TypeError, ValueError):
                fixed = ""
            return Vulnerable(
                item.package,
                item.version,
                item.advisory,
                item.certain,
                fixed or "tidak ada",
                str(entry.get("severity", "")),
                str(entry.get("summary", "")),
                eco,
            )
    return item
