"""Inline suppressions in the source: reported, never obeyed.

A vendor can silence a scanner from inside the code under review: ``# nosec`` for
bandit, ``nosemgrep``/``nosem`` for semgrep, ``pragma: allowlist secret`` for
detect-secrets. repospbe runs every tool with those comments disabled
(``--ignore-nosec``, ``--disable-nosem``, the allowlist filter disabled), and each
comment found becomes an ``info`` finding ``source.inline-suppression`` naming the
marker, the tool it addresses and its file:line. Only a reviewed, expiring
``waivers.yaml`` in the registry suppresses a finding.

The source is read once per tree (all three tools ask; the answer is shared), with
the same third-party exclusions the tools get.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from repospbe.findings import Finding, Severity
from repospbe.scanners.base import ScanContext

CHECK_ID = "source.inline-suppression"
MAX_FILE = 5 * 1024 * 1024
# tool -> (marker pattern, only files with these suffixes (empty: every text file))
_MARKERS: dict[str, tuple[re.Pattern[bytes], tuple[str, ...]]] = {
    "bandit": (re.compile(rb"#\s*nosec\b[^\r\n#]*", re.IGNORECASE), (".py", ".pyw")),
    "semgrep": (re.compile(rb"(?<![\w-])nosem(?:grep)?\b(?:[ \t]*:[ \t]*[\w.,/ \t-]*)?", re.IGNORECASE), ()),
    "detect-secrets": (re.compile(rb"pragma:\s?(?:allow|white)list(?:[ -]nextline)?[ -]secret", re.IGNORECASE), ()),
}
_PREFILTER = re.compile(rb"nosec|nosem|allowlist|whitelist", re.IGNORECASE)


@dataclass(frozen=True)
class Marker:
    tool: str
    path: str
    line: int
    text: str


_lock = threading.Lock()
_seen: dict[tuple[str, str, tuple[str, ...], tuple[str, ...]], tuple[Marker, ...]] = {}


def findings_for(ctx: ScanContext, tool: str) -> tuple[Finding, ...]:
    """One info finding per inline suppression addressed to ``tool`` in ``ctx.source``."""
    return tuple(
        Finding.make(
            CHECK_ID,
            Severity.INFO,
            f"{CHECK_ID}.msg",
            path=m.path,
            line=m.line,
            hint=f"{CHECK_ID}.hint",
            marker=m.text,
            program=m.tool,
        )
        for m in markers(ctx)
        if m.tool == tool
    )


def markers(ctx: ScanContext) -> tuple[Marker, ...]:
    """Every inline suppression in the scanned part of the source (memoised per tree)."""
    ex = ctx.exclusions
    key = (str(ctx.source), ctx.tree, ex.dirs, ex.files)
    with _lock:
        hit = _seen.get(key)
        if hit is None:
            hit = _seen[key] = tuple(_walk(ctx.source, ctx))
            if len(_seen) > 64:
                _seen.pop(next(iter(_seen)))
        return hit


def _walk(root: Path, ctx: ScanContext) -> list[Marker]:
    out: list[Marker] = []
    base = str(root)
    for dirpath, dirnames, filenames in os.walk(base):
        rel_dir = os.path.relpath(dirpath, base)
        dirnames.sort()
        dirnames[:] = [d for d in dirnames if d != ".git" and not ctx.exclusions.excluded(_rel(rel_dir, d))]
        for name in sorted(filenames):
            rel = _rel(rel_dir, name)
            if not ctx.exclusions.excluded(rel):
                out += _scan_file(os.path.join(dirpath, name), rel)
    return out


def _rel(rel_dir: str, name: str) -> str:
    return name if rel_dir == "." else f"{rel_dir}/{name}"


def _scan_file(full: str, rel: str) -> list[Marker]:
    try:
        if os.path.islink(full) or os.path.getsize(full) > MAX_FILE:
            return []
        with open(full, "rb") as fh:
            data = fh.read()
    except OSError:
        return []
    if b"\0" in data[:8192] or not _PREFILTER.search(data):
        return []
    out: list[Marker] = []
    for tool, (pattern, suffixes) in _MARKERS.items():
        if suffixes and not rel.endswith(suffixes):
            continue
        for match in pattern.finditer(data):
            line = data.count(b"\n", 0, match.start()) + 1
            text = match.group(0).decode("utf-8", "replace").strip()[:80]
            out.append(Marker(tool, rel, line, text))
    return sorted(out, key=lambda m: (m.line, m.tool))
