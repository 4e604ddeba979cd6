"""A re-run on a tree already scanned: every result read back without touching the tree.

A scanner's cached result is keyed by the tree id, its tools, its basis and the tree's
third-party exclusions (``repospbe.pipeline.scan``). The exclusions come from reading the
materialised tree, and so do the materialisation's own findings (refused links, oversized
blobs); both are facts of the tree and of our code alone. ``remember`` writes them, once a
scan has read the verified tree, into the private results directory (``facts-<key>.json``,
bound to the tree id, the size limit and the digest of the source and scanner code).
``read_back`` answers a source that is identified but not materialised (``lazy=True``):
when the facts and every selected scanner's result are cached it returns them, the tree
on disk unread (nothing reads it, so nothing needs verifying: a tampered tree is found
and rebuilt the next time a scanner must read it); otherwise it returns None and the
caller materialises the tree and scans.
"""

from __future__ import annotations

import hashlib
import json
import threading
from functools import lru_cache
from pathlib import Path

from repospbe import __version__
from repospbe.findings import Finding
from repospbe.pipeline.scan import Outcome, Progress, binding_key, chosen_scanners, code_digest, load_result, scan_tree
from repospbe.scanners import ScanContext
from repospbe.scanners.base import AppInfo, ScanOptions, ThirdParty, tool_version
from repospbe.scanners.thirdparty import detect
from repospbe.source import SourceCache, SourceTree
from repospbe.source.codec import findings_from_json, findings_to_json
from repospbe.writefile import write_atomic

FACTS_FORMAT = "1"


@lru_cache(maxsize=1)
def source_code_digest() -> str:
    """Digest of the code that materialises trees (its findings are part of the facts)."""
    h = hashlib.sha256()
    for path in sorted((Path(__file__).parent.parent / "source").glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _binding(tree: str, max_blob: int) -> list[object]:
    return [FACTS_FORMAT, __version__, code_digest(), source_code_digest(), tree, max_blob]


def _path(cache: SourceCache, binding: list[object]) -> Path:
    return cache.results_dir() / f"facts-{hashlib.sha256(json.dumps(binding).encode()).hexdigest()}.json"


def remember(cache: SourceCache, source: SourceTree, third_party: ThirdParty) -> None:
    """The facts of a verified tree, for the next run on it."""
    if not source.verified:
        return
    binding = _binding(source.tree, cache.max_blob)
    data = {
        "binding": binding,
        "findings": findings_to_json(list(source.tree_findings)),
        "third_party": [list(third_party.dirs), list(third_party.files), [list(x) for x in third_party.libraries]],
    }
    write_atomic(_path(cache, binding), json.dumps(data, ensure_ascii=True))


def _facts(cache: SourceCache, tree: str) -> tuple[tuple[Finding, ...], ThirdParty] | None:
    binding = _binding(tree, cache.max_blob)
    try:
        data = json.loads(_path(cache, binding).read_text(encoding="utf-8"))
        if data.get("binding") != binding:
            return None
        dirs, files, libraries = data["third_party"]
        third = ThirdParty(
            tuple(str(d) for d in dirs),
            tuple(str(f) for f in files),
            tuple((str(p), str(n), str(v)) for p, n, v in libraries),
        )
        return tuple(findings_from_json(data["findings"])), third
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def read_back(
    source: SourceTree,
    options: ScanOptions,
    cache: SourceCache,
    *,
    app: AppInfo | None = None,
    only: tuple[str, ...] = (),
    progress: Progress | None = None,
) -> tuple[SourceTree, list[Outcome]] | None:
    """(source with its tree's findings, every outcome from the cache), or None on any miss."""
    if source.verified:
        return None
    facts = _facts(cache, source.tree)
    if facts is None:
        return None
    tree_findings, third_party = facts
    ctx = ScanContext(source.path, source.tree, options, third_party, app)
    chosen = chosen_scanners(options, only)
    results = cache.results_dir()
    outcomes: list[Outcome] = []
    for scanner in chosen:
        try:
            tools = tuple((t, tool_version(t, ctx.tool(t))) for t in scanner.tools)
            key, binding = binding_key(scanner, ctx, tools)
        except Exception:  # noqa: BLE001 - anything odd: the full path decides, and reports it
            return None
        hit = load_result(results / f"{key}.json", binding)
        if hit is None:
            return None
        outcomes.append(Outcome(scanner.id, hit, tools, cached=True))
    for done, outcome in enumerate(outcomes, 1):
        if progress is not None:
            progress(outcome.scanner, done, len(outcomes))
    return SourceTree(
        source.path,
        source.tree,
        source.commit,
        source.repo,
        source.findings + tree_findings,
        source.git_dir,
        verified=False,
        tree_findings=tree_findings,
    ), outcomes


def scan_source(
    source: SourceTree,
    options: ScanOptions,
    cache: SourceCache,
    *,
    app: AppInfo | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> tuple[SourceTree, list[Outcome]]:
    """Every selected scanner over ``source`` (identified, perhaps not yet materialised):
    read back whole when it can be, else materialised, scanned and its facts remembered."""
    warm = read_back(source, options, cache, app=app, progress=progress)
    if warm is not None:
        return warm
    primer = threading.Thread(target=_prime, args=(options,), daemon=True)
    primer.start()  # semgrep's merged rule pack is made while git writes the tree
    source = cache.ready(source)
    third_party = detect(source.path)
    remember(cache, source, third_party)
    return source, scan_tree(source, options, cache, app=app, jobs=jobs, progress=progress, third_party=third_party)


def _prime(options: ScanOptions) -> None:
    """The semgrep rule pack merged ahead of the scan (cached per rules digest; errors are the scan's)."""
    rules = options.rules_dir
    if any(s.id == "semgrep" for s in chosen_scanners(options)) and rules is not None and rules.is_dir():
        from repospbe.scanners.semgrep import merged_config

        try:
            merged_config(rules)
        except Exception:  # noqa: BLE001, S110 - the scan merges again and reports what fails
            pass
