"""Run the source scanners over one materialised tree: concurrently, cached.

Each scanner runs in a thread (the heavy ones are subprocesses). Results are
cached in the source cache's private ``results/`` directory by a key over the tree
SHA, the scanner, its tool versions, its rules and its options, so a second run on
an unchanged tree reads them back. A cached result is bound to what it answers: it
names its key, the tree id (which the source cache verified on disk just before)
and the scanner's basis (for semgrep, the digest of the rules), and is used only
when all of them match. A scanner that is missing, crashes or times out gives a blocking
finding naming it (fail closed) and is never cached.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from repospbe import __version__
from repospbe import scanners as scanners_pkg
from repospbe.findings import Finding, Severity
from repospbe.scanners import SCANNERS, ScanContext, Scanner, ScanResult, ToolError
from repospbe.scanners.base import AppInfo, ScanOptions, ThirdParty, tool_version
from repospbe.scanners.thirdparty import detect
from repospbe.source import SourceCache, SourceTree
from repospbe.source.codec import findings_from_json, findings_to_json
from repospbe.states import Status
from repospbe.writefile import write_atomic

CACHE_FORMAT = "2"
LEAD = "semgrep"
LEAD_WAIT = 60.0  # seconds the other scanners wait at most for the lead's process to start
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Outcome:
    """One scanner's answer over one tree."""

    scanner: str
    result: ScanResult
    tools: tuple[tuple[str, str], ...] = ()
    cached: bool = False


def scan_tree(
    source: SourceTree,
    options: ScanOptions,
    cache: SourceCache,
    *,
    app: AppInfo | None = None,
    only: tuple[str, ...] = (),
    jobs: int | None = None,
    progress: Progress | None = None,
    third_party: ThirdParty | None = None,
) -> list[Outcome]:
    """Every selected scanner over ``source``; one Outcome each, in table order.
    ``third_party``: the tree's detection when the caller already ran it.

    The longest scanner (``LEAD``, semgrep: a child process) starts first; the others, whose
    work is mostly Python in this process, wait until its process runs (or its result is
    known), so they overlap it instead of delaying its start."""
    gate = threading.Event()
    found = detect(source.path) if third_party is None else third_party
    ctx = ScanContext(source.path, source.tree, options, found, app, launched=gate.set)
    chosen = chosen_scanners(options, only)
    if not any(s.id == LEAD for s in chosen):
        gate.set()
    done = 0
    results = cache.results_dir()  # checked (private, ours) once, before the threads start

    def task(scanner: Scanner) -> Outcome:
        nonlocal done
        if scanner.id == LEAD:
            try:
                outcome = run_one(scanner, ctx, results)
            finally:
                gate.set()
        else:
            gate.wait(LEAD_WAIT)
            outcome = run_one(scanner, ctx, results)
        done += 1
        if progress is not None:
            progress(scanner.id, done, len(chosen))
        return outcome

    workers = max(1, min(jobs or len(chosen), len(chosen)))
    if workers == 1:
        return [task(s) for s in chosen]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="repospbe-scan") as pool:
        return list(pool.map(task, chosen))


def chosen_scanners(options: ScanOptions, only: tuple[str, ...] = ()) -> list[Scanner]:
    """The scanners a run selects (``only``, else the options' selection, else all), in table order."""
    only = only or options.only
    return [s for name, s in SCANNERS.items() if not only or name in only]


def binding_key(scanner: Scanner, ctx: ScanContext, tools: tuple[tuple[str, str], ...]) -> tuple[str, list[object]]:
    """(cache key, binding) of ``scanner``'s result over ``ctx``."""
    binding = _binding(scanner, ctx, tools)
    return hashlib.sha256(json.dumps(binding).encode()).hexdigest(), binding


def run_one(scanner: Scanner, ctx: ScanContext, results: Path) -> Outcome:
    """Run (or read back) one scanner; tool problems become blocking findings."""
    try:
        tools = tuple((t, tool_version(t, ctx.tool(t))) for t in scanner.tools)
        key, binding = binding_key(scanner, ctx, tools)
        hit = load_result(results / f"{key}.json", binding)
        if hit is not None:
            return Outcome(scanner.id, hit, tools, cached=True)
        result = scanner.run(ctx)
        _store(results / f"{key}.json", result, binding)
        return Outcome(scanner.id, result, tools)
    except ToolError as exc:
        return Outcome(scanner.id, _failure(f"scan.tool-{exc.kind}", scanner.id, exc.tool, exc.detail))
    except Exception as exc:  # noqa: BLE001 - a crashed scanner blocks, never passes
        return Outcome(scanner.id, _failure("scan.crashed", scanner.id, scanner.id, f"{type(exc).__name__}: {exc}"))


def _failure(key: str, scanner: str, tool: str, detail: str) -> ScanResult:
    finding = Finding.make(
        key,
        Severity.CRITICAL,
        f"{key}.msg",
        hint="scan.failed.hint",
        scanner=scanner,
        program=tool,
        detail=detail[:400],
    )
    return ScanResult((finding,), Status.ERROR, f"{tool}: {detail[:200]}")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Digest of the scanner code itself: a changed scanner never reads stale results."""
    h = hashlib.sha256()
    for path in sorted(Path(scanners_pkg.__file__).parent.glob("*.py")):
        h.update(path.read_bytes())
    for path in sorted((Path(scanners_pkg.__file__).parent.parent / "locale").glob("*.yaml")):
        h.update(path.read_bytes())
    return h.hexdigest()


def _binding(scanner: Scanner, ctx: ScanContext, tools: tuple[tuple[str, str], ...]) -> list[object]:
    """Everything a cached result answers for (its key is the sha256 of this)."""
    return [
        CACHE_FORMAT,
        __version__,
        code_digest(),
        scanner.id,
        ctx.tree,
        [list(t) for t in tools],
        scanner.basis(ctx),
        list(ctx.third_party.dirs),
        list(ctx.third_party.files),
    ]


def load_result(path: Path, binding: list[object]) -> ScanResult | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("binding") != binding:
            return None
        return ScanResult(
            tuple(findings_from_json(data["findings"])),
            data["status"],
            data["detail"],
            tuple((str(n), str(t)) for n, t in data["artifacts"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _store(path: Path, result: ScanResult, binding: list[object]) -> None:
    data = {
        "binding": binding,
        "findings": findings_to_json(list(result.findings)),
        "status": result.status,
        "detail": result.detail,
        "artifacts": [list(a) for a in result.artifacts],
    }
    write_atomic(path, json.dumps(data, ensure_ascii=True))
