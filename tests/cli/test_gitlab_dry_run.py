"""``repospbe gitlab setup --dry-run`` is honoured even with ``--apply``: the plan, and no call to GitLab."""

from __future__ import annotations

from pathlib import Path

import pytest
import responses

from tests.helpers.cli import run_cli

ARGS = ("gitlab", "setup", "--project", "diskominfo/registri", "--reviewer-group", "diskominfo/reviewer")


def test_dry_run_wins_over_apply(
    bundled_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GITLAB_URL", "https://gitlab.example.invalid")
    monkeypatch.setenv("GITLAB_TOKEN", "glpat-uji-bukan-token-nyata")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        res = run_cli(capsys, *ARGS, "--apply", "--dry-run", "--registry", str(bundled_root), "--lang", "en")
        assert len(rsps.calls) == 0
    assert res.code == 0, res.err
    assert "protectedbranches" in res.out and "Nothing changed yet" in res.out
