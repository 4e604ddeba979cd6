"""license: an SPDX licence, open source, a LICENSE file, the Pemda as holder.

The licence comes from ``lisensi`` in ``app.yaml`` (or, without a record, from
``license_detect``: an ``SPDX-License-Identifier`` line, the manifest's licence field, or the
licence text). It
must be an OSI-approved licence unless the record carries an approved
``pengecualian_lisensi``. A licence file must be present at the root: LICENSE,
LICENCE, COPYING or UNLICENSE in any case, with any extension (``COPYING.txt``,
``LICENSE.md``, ``LICENCE-MIT``). For every
app built for the Pemda (umum and khusus alike; not one maintained by the central or provincial
government, seed 6.2.5.2) the copyright holder is the Pemda (``pemda`` in ``registry/instance.yaml``),
in the record and in the LICENSE file.
"""

from __future__ import annotations

import re
from pathlib import Path

from repospbe.findings import Finding, Severity
from repospbe.licences import accepted
from repospbe.scanners.base import ScanContext, ScanResult
from repospbe.scanners.license_detect import detect
from repospbe.states import Status

OSI_APPROVED = accepted()  # the shared list, checks/lisensi.yaml (shipped default)
LICENSE_NAMES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "LICENCE.md", "COPYING", "COPYING.md")
# Any case, any extension or suffix: LICENSE, LICENCE.txt, COPYING.txt, license-MIT.md, UNLICENSE.
_LICENSE_FILE = re.compile(r"^(?:LICEN[CS]E|COPYING|UNLICEN[CS]E)(?:[.\-_][\w.\-]*)?$", re.IGNORECASE)


def is_open_source(expression: str) -> bool:
    """An SPDX expression is open source when one OR-alternative is all OSI-approved."""
    expr = expression.replace("(", " ").replace(")", " ")
    for alternative in re.split(r"\s+OR\s+", expr):
        ids = [re.split(r"\s+WITH\s+", part.strip())[0].strip() for part in re.split(r"\s+AND\s+", alternative)]
        if ids and all(i.removesuffix("+") in OSI_APPROVED for i in ids):
            return True
    return False


def basis(ctx: ScanContext) -> str:
    app = ctx.app
    return repr((app, ctx.options.pemda))


def run(ctx: ScanContext) -> ScanResult:
    findings: list[Finding] = []
    license_file = find_license_file(ctx.source)
    text = license_file.read_text(encoding="utf-8", errors="replace") if license_file else ""
    if license_file is None:
        findings.append(Finding.make("license.file-missing", Severity.HIGH))
    app = ctx.app
    spdx = app.lisensi if app and app.lisensi else detect(ctx.source, text)
    if not spdx:
        findings.append(Finding.make("license.spdx-missing", Severity.HIGH if app else Severity.MEDIUM))
    elif not is_open_source(spdx) and not (app and app.license_exception):
        findings.append(Finding.make("license.not-open-source", Severity.HIGH, license=spdx))
    if app and app.pemda_built and ctx.options.pemda:
        findings += _holder(app.hak_cipta, text, license_file, ctx.options.pemda)
    detail = f"lisensi {spdx or '-'}, berkas {license_file.name if license_file else '-'}"
    return ScanResult(
        tuple(findings), Status.FAILED if any(f.blocks(Severity.HIGH) for f in findings) else Status.PASSED, detail
    )


def find_license_file(source: Path) -> Path | None:
    """The licence file at the root: the usual names first, then any LICENSE*/LICENCE*/COPYING*."""
    usual = next((source / n for n in LICENSE_NAMES if (source / n).is_file()), None)
    if usual is not None:
        return usual
    try:
        names = sorted(p.name for p in source.iterdir() if _LICENSE_FILE.match(p.name) and p.is_file())
    except OSError:
        return None
    return source / names[0] if names else None


def _holder(hak_cipta: str, text: str, license_file: Path | None, pemda: str) -> list[Finding]:
    out: list[Finding] = []
    if pemda.lower() not in hak_cipta.lower():
        out.append(Finding.make("license.copyright-holder", Severity.HIGH, pemda=pemda, holder=hak_cipta or "-"))
    if license_file is not None and pemda.lower() not in text.lower():
        out.append(Finding.make("license.copyright-file", Severity.HIGH, path=license_file.name, pemda=pemda))
    return out
