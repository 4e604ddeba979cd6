"""Every guide in docs/panduan runs as written (the GUIDE-TEST CONVENTION, tests/guides/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.guides.guide_runner import GUIDES, run_session, session_blocks
from tests.helpers.tools import require_tool

pytestmark = pytest.mark.slow

ALL_GUIDES = sorted(p.name for p in GUIDES.glob("*.md"))


def test_there_are_guides_to_run() -> None:
    assert "memulai.md" in ALL_GUIDES and len(ALL_GUIDES) >= 15


@pytest.mark.parametrize("guide", ALL_GUIDES)
def test_guide_runs_as_written(guide: str, tmp_path: Path) -> None:
    require_tool("ssh-keygen", "openssh-client")
    require_tool("git", "git")
    outcome = run_session(session_blocks(guide), tmp_path)
    assert outcome.ok, outcome.report()
