"""subdomain.letter-*: a subdomain is requested by an official letter (seed 6.2.5.3).

"Pemberian nama sub domain dilakukan oleh DISKOMINFO dengan pengajuan resmi masing-masing
Perangkat Daerah": every subdomain record carries the request letter, ``surat: {nomor,
tanggal}``.

- ``letter-missing``: no ``surat`` at all;
- ``letter-number``: the number is blank or still the template's placeholder;
- ``letter-date``: the date is not a real calendar date (``YYYY-MM-DD``; ``2026-02-30`` is not);
- ``letter-example`` (info): the letter is marked ``contoh: true``, an example standing in for
  a real letter in the bundled example registry; replace it at installation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from repospbe.checks.base import CheckContext
from repospbe.checks.subdomains.common import at, specs
from repospbe.findings import Finding, Severity
from repospbe.subdomains.spec import SubdomainSpec

# the default of templates/subdomain/cookiecutter.json: never a real letter number
PLACEHOLDERS = frozenset({"000/000/OPD/2026"})


def check(ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for spec in specs(ctx.registry):
        out += _letter(spec)
    return out


def _letter(spec: SubdomainSpec) -> list[Finding]:
    data = spec.record.data if isinstance(spec.record.data, dict) else {}
    letter = data.get("surat")
    if not isinstance(letter, dict):
        return [
            at(spec.record, ["surat"] if "surat" in data else ["opd"], "letter-missing", Severity.HIGH, name=spec.name)
        ]
    out: list[Finding] = []
    number = letter.get("nomor")
    if not isinstance(number, str) or not number.strip() or number.strip() in PLACEHOLDERS or "[ISI" in number:
        out.append(at(spec.record, ["surat", "nomor"], "letter-number", Severity.HIGH, name=spec.name))
    if not _real_date(letter.get("tanggal")):
        out.append(
            at(
                spec.record,
                ["surat", "tanggal"],
                "letter-date",
                Severity.HIGH,
                name=spec.name,
                value=str(letter.get("tanggal", ""))[:40],
            )
        )
    if letter.get("contoh") is True:
        out.append(at(spec.record, ["surat", "contoh"], "letter-example", Severity.INFO, name=spec.name))
    return out


def _real_date(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True
