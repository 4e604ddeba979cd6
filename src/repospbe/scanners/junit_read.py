"""Read the JUnit XML a test run wrote: counts and one merged document."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

MAX_XML = 20 * 1024 * 1024


@dataclass(frozen=True)
class JUnitCounts:
    tests: int = 0
    failures: int = 0
    errors: int = 0
    skipped: int = 0

    def describe(self) -> str:
        if not self.tests:
            return "tanpa laporan JUnit"
        passed = self.tests - self.failures - self.errors - self.skipped
        return f"{passed} lulus, {self.failures} gagal, {self.errors} galat, {self.skipped} dilewati"


def read_junit(work: Path, before: dict[Path, int], started: float) -> tuple[JUnitCounts, str]:
    """Counts over every JUnit file written (new or changed) during the run."""
    tests = failures = errors = skipped = 0
    texts: list[str] = []
    for path in sorted(work.rglob("*.xml")):
        st = path.stat()
        if path.is_symlink() or st.st_size > MAX_XML or before.get(path) == st.st_mtime_ns:
            continue
        try:
            root = ET.fromstring(path.read_bytes())
        except ET.ParseError:
            continue
        suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite")) if root.tag == "testsuites" else []
        if not suites:
            continue
        for suite in suites:
            tests += int(suite.get("tests", 0) or 0)
            failures += int(suite.get("failures", 0) or 0)
            errors += int(suite.get("errors", 0) or 0)
            skipped += int(suite.get("skipped", 0) or 0)
        texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return JUnitCounts(tests, failures, errors, skipped), (texts[0] if texts else "")
