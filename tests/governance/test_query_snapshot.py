"""``query.snapshot``: the governance refs read once for every app a reader asks about (the
catalogue at 5,000 apps ran three git processes per app), the same answers as without it,
and nothing held once it ends."""

from __future__ import annotations

from pathlib import Path

import pytest

from repospbe.governance import query
from repospbe.governance.deploy import HOOK_ENV, apply, plan
from repospbe.governance.gitrepo import Repo
from tests.governance.conftest import Gov
from tests.governance.test_gov_release_gates import APP as EXAMPLE
from tests.governance.test_gov_release_gates import merged, merged_template  # noqa: F401 - fixtures

OTHER = "diskominfo/tidak-ada"


def _answers(root: Path) -> list[object]:
    return [
        (query.pipeline_records(root, key), query.decisions(root, key), query.releases(root, key))
        for key in (EXAMPLE, OTHER, EXAMPLE)
    ]


def _count_refs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each listing of refs (the real one runs)."""
    calls: list[str] = []
    real = Repo.refs

    def counting(self: Repo, prefix: str) -> dict[str, str]:
        calls.append(prefix)
        return real(self, prefix)

    monkeypatch.setattr(Repo, "refs", counting)
    return calls


def test_a_snapshot_answers_as_the_repository_does_listing_refs_once(
    merged: Gov, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "hook.sh"
    script.write_text("#!/bin/sh\nexit 0\n")
    script.chmod(0o755)
    monkeypatch.setenv(HOOK_ENV, str(script))
    p = plan(merged.repo, EXAMPLE, "produksi")
    apply(merged.repo, p, p.checksum, merged.keys["agus"])
    calls = _count_refs(monkeypatch)
    plain = _answers(merged.root)
    assert len(calls) >= 6  # two per app asked about, without a snapshot
    assert plain[0][0] and plain[0][1] and plain[0][2] and plain[1] == ([], [], [])  # records, decisions, release
    calls.clear()
    with query.snapshot(merged.root):
        held = _answers(merged.root)
    assert held == plain and len(calls) <= 2, calls  # the merge requests once (and the releases once)


def test_a_snapshot_holds_nothing_once_it_ends_and_ignores_a_plain_directory(merged: Gov, tmp_path: Path) -> None:
    with query.snapshot(merged.root):
        before = query.pipeline_records(merged.root, EXAMPLE)
        with query.snapshot(merged.root):  # nested: the outer one holds
            assert query.pipeline_records(merged.root, EXAMPLE) == before
        assert query._HELD
    assert query._HELD == {} and before
    with query.snapshot(tmp_path):  # not a repository: nothing to hold
        assert query.pipeline_records(tmp_path, EXAMPLE) == [] and query._HELD == {}
