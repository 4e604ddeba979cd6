"""``maturity --since REF``: evidence is cut at the commit's time, compared as times (UTC+7 committer).

A governed registry where ``diskominfo/si-uji`` came through a verified merge, so it has a real,
signed pipeline record whose ``finished`` stamp is UTC (``…Z``). The ``--since`` commit is made by a
committer at UTC+7 (``GIT_COMMITTER_DATE=…+07:00``); git prints its time with that offset (``%cI``).
"""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from repospbe import stamp
from repospbe.git.snapshot import commit_time
from repospbe.governance import query
from repospbe.maturity.assess import _with_git_evidence, assess_at
from repospbe.maturity.evidence import gather
from repospbe.registry import load_registry
from tests.governance.conftest import Gov, gov, keyring  # noqa: F401 - fixtures
from tests.governance.test_gov_deploy import released_app  # noqa: F401 - fixture
from tests.helpers.cli import run_cli

APP = "diskominfo/si-uji"
WIB7 = timezone(timedelta(hours=7))


def _commit_at(root: Path, moment: datetime) -> str:
    """A commit (HEAD's tree) whose committer sits at UTC+7, made at ``moment``."""
    local = moment.astimezone(WIB7).isoformat()
    env = {
        **os.environ,
        "GIT_COMMITTER_DATE": local,
        "GIT_AUTHOR_DATE": local,
        "GIT_COMMITTER_NAME": "uji",
        "GIT_COMMITTER_EMAIL": "uji@example.invalid",
        "GIT_AUTHOR_NAME": "uji",
        "GIT_AUTHOR_EMAIL": "uji@example.invalid",
    }
    return subprocess.run(
        ["git", "commit-tree", "HEAD^{tree}", "-p", "HEAD", "-m", "periode"],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def _kept_pipelines(root: Path, ref: str) -> int:
    ev = gather(load_registry(root), APP, [], [], datetime.now(UTC).date(), with_git=False)
    return len(_with_git_evidence(ev, root, commit_time(root, ref)).pipelines)


@pytest.mark.slow
def test_evidence_after_the_cutoff_is_dropped_at_utc_plus_7(released_app: Gov) -> None:  # noqa: F811
    """Before the fix the cut-off was git's ``%cI`` text and evidence was kept when ``finished <= cutoff``
    as strings. With the pipeline finished at ``F`` (``…Z``), a commit made one hour *before* ``F`` by a
    UTC+7 committer prints as ``F - 1h + 7h`` with ``+07:00``: its text is six hours *later* than ``F``'s, so
    the string comparison kept evidence that did not exist yet (up to seven hours late). Compared as
    times, the pipeline is dropped; with the commit one hour *after* ``F`` it is kept."""
    root = released_app.root
    [record] = query.pipeline_records(root, APP)
    finished = stamp.parse(record.finished)
    before = _commit_at(root, finished - timedelta(hours=1))
    after = _commit_at(root, finished + timedelta(hours=1))

    shown = subprocess.run(
        ["git", "log", "-1", "--format=%cI", before], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert shown.endswith("+07:00")
    assert record.finished <= shown  # the old string comparison: wrongly "already there"
    assert commit_time(root, before) == finished - timedelta(hours=1)
    assert commit_time(root, before).tzinfo == UTC

    assert _kept_pipelines(root, before) == 0
    assert _kept_pipelines(root, after) == 1
    assert [lv.key for lv in assess_at(root, before, [APP])] == [APP]


@pytest.mark.slow
def test_since_a_ref_that_is_no_commit_exits_with_a_message(
    released_app: Gov,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = str(released_app.root)
    ok = run_cli(capsys, "maturity", "--registry", root, "--since", "HEAD")
    assert ok.code == 0, ok.err
    for ref in ("tidak-ada", "HEAD^{tree}"):  # a tree: before the fix its time was '' and all evidence went
        res = run_cli(capsys, "maturity", "--registry", root, "--since", ref, "--lang", "en")
        assert res.code == 2, res.out
        assert f"Git ref {ref} for --since cannot be read" in res.err
