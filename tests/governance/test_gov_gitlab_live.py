"""Live GitLab tests: run only against a throwaway project when GITLAB_URL and GITLAB_TOKEN are set."""

from __future__ import annotations

import os

import pytest

from repospbe.governance.gitlab_api import GitLabAPI, GitLabConfig

pytestmark = [
    pytest.mark.live_gitlab,
    pytest.mark.skipif(
        not (os.environ.get("GITLAB_URL") and os.environ.get("GITLAB_TOKEN")),
        reason="butuh GITLAB_URL dan GITLAB_TOKEN (proyek uji sekali pakai); tidak ada server GitLab di CI ini",
    ),
]


def test_live_reads_project_and_tier_endpoints() -> None:
    cfg = GitLabConfig.from_env()
    api = GitLabAPI(cfg)
    api.gl.auth()
    state = api.protected_environment("produksi")
    assert state is None or state.get("name") == "produksi"
