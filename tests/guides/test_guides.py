"""Every guide in docs/panduan runs as written (the GUIDE-TEST CONVENTION, tests/guides/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.guides.guide_runner import GUIDES, load, run_session, session_blocks
from tests.helpers.tools import require_tool

pytestmark = pytest.mark.slow

ALL_GUIDES = sorted(p.name for p in GUIDES.glob("*.md"))
# A guide that another continues (``uji: lanjutan``) runs, block for block and in the same order,
# as the first part of that guide's session; it is not run a second time on its own.
CONTINUED = {load(g).continues for g in ALL_GUIDES} - {""}
JOURNEYS = [g for g in ALL_GUIDES if g not in CONTINUED]


def test_there_are_guides_to_run() -> None:
    assert "memulai.md" in ALL_GUIDES and len(ALL_GUIDES) >= 15


def test_every_guide_runs_in_some_session() -> None:
    """Each guide is a journey or part of one (no guide is left out of the runs below)."""
    covered = {b.guide for g in JOURNEYS for b in session_blocks(g)}
    assert {g for g in ALL_GUIDES if load(g).blocks} <= covered


@pytest.fixture(scope="session")
def scan_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One scan cache for the guides a test worker runs, as one user's machine keeps one: the
    example app scanned by one guide is not scanned again by the next (results are keyed by the
    tree, the rules and the scanners, ``repospbe.pipeline.scan``)."""
    cache = tmp_path_factory.mktemp("cache-pemindaian")
    cache.chmod(0o700)
    return cache


@pytest.mark.parametrize("guide", JOURNEYS)
def test_guide_runs_as_written(guide: str, tmp_path: Path, scan_cache: Path) -> None:
    require_tool("ssh-keygen", "openssh-client")
    require_tool("git", "git")
    outcome = run_session(session_blocks(guide), tmp_path, cache=scan_cache)
    assert outcome.ok, outcome.report()
