"""What a delivery still lacks: documents, test command, license (reported, not blocking here).

Documents follow the convention shared with ``checks/documents.yaml``: a document
still holding ``> Panduan:`` lines or ``[ISI]`` / ``[ISI: ...]`` spots is unfinished.
The full document rules run in ``repospbe check``; this is the quick list a vendor
and the receiving officer read right after the ingest.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from repospbe.findings import Finding, Severity
from repospbe.handover.extract import Extraction

DOCUMENTS = ("kebutuhan", "kak", "pengujian", "manual", "bast")
_UNFINISHED = re.compile(r"^\s*> Panduan:|\[ISI(?::[^\]]*)?\]", re.MULTILINE)
_LICENSES = ("license", "license.md", "license.txt", "copying", "licence", "licence.md")
_TEST_HINTS = {
    "composer.json": '"test"',
    "package.json": '"test"',
    "Makefile": "\ntest:",
    "phpunit.xml": "",
    "phpunit.xml.dist": "",
    "pytest.ini": "",
    "pom.xml": "",
}


def documents(app_dir: Path, app_rel: str, generated: dict[str, str]) -> list[Finding]:
    out: list[Finding] = []
    for kind in DOCUMENTS:
        rel = f"{app_rel}/{kind}.md"
        path = app_dir / f"{kind}.md"
        text = (
            generated.get(kind)
            if kind in generated
            else (path.read_text("utf-8", "replace") if path.is_file() else None)
        )
        if text is None:
            out.append(Finding.make("handover.document-missing", Severity.MEDIUM, path=rel, document=kind))
        elif _UNFINISHED.search(text):
            out.append(Finding.make("handover.document-unfinished", Severity.MEDIUM, path=rel, document=kind))
    return out


def source(extraction: Extraction, record: dict[str, Any], pemda: str, record_rel: str) -> list[Finding]:
    out: list[Finding] = []
    top = {m.path.lower(): m.path for m in extraction.members if "/" not in m.path}
    license_path = next((top[n] for n in _LICENSES if n in top), None)
    if license_path is None:
        out.append(Finding.make("handover.no-license", Severity.MEDIUM, path=record_rel, pemda=pemda))
    else:
        text = (extraction.root / license_path).read_text("utf-8", "replace")[:20000]
        if pemda.lower() not in text.lower():
            out.append(
                Finding.make(
                    "handover.license-holder", Severity.MEDIUM, path=record_rel, file=license_path, pemda=pemda
                )
            )
    if not record.get("lisensi"):
        out.append(Finding.make("handover.no-spdx", Severity.MEDIUM, path=record_rel))
    if not record.get("perintah_uji"):
        out.append(
            Finding.make(
                "handover.no-test-command", Severity.MEDIUM, path=record_rel, found=_test_hints(extraction, top) or "-"
            )
        )
    return out


def _test_hints(extraction: Extraction, top: dict[str, str]) -> str:
    found = []
    for name, needle in _TEST_HINTS.items():
        real = top.get(name.lower())
        if real is None:
            continue
        text = (extraction.root / real).read_text("utf-8", "replace")[:200000] if needle else ""
        if not needle or needle in text:
            found.append(real)
    return ", ".join(found)
