"""GitLabForge against a SIMULATION of documented GitLab behaviour (see gitlab_sim.py), real local git."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import responses

from repospbe.errors import PolicyError
from repospbe.governance.audit import verify
from repospbe.governance.forge import EmbeddedForge
from repospbe.governance.gitlab_api import GitLabAPI, GitLabConfig
from repospbe.governance.gitlab_forge import GitLabForge
from tests.governance.conftest import Gov
from tests.governance.gitlab_fixtures import PROJECT, URL
from tests.governance.gitlab_sim import GitLabSimulation


@pytest.fixture
def rsps() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def _forge(gov: Gov, rsps: responses.RequestsMock, premium: bool = True) -> tuple[GitLabForge, GitLabSimulation]:
    sim = GitLabSimulation(gov.repo, premium=premium)
    sim.install(rsps)
    api = GitLabAPI(GitLabConfig(URL, "glpat-uji", PROJECT), sleep=lambda s: None, attempts=5)
    return GitLabForge(EmbeddedForge(gov.root), api), sim


def _approve_both(forge: GitLabForge, sim: GitLabSimulation, gov: Gov, n: int) -> None:
    for who in ("rahmat", "siti"):
        sim.user = who
        forge.decide(n, gov.keys[who], "setuju", "")


def test_simulated_gitlab_story_merges_pinned_and_audits_green(gov: Gov, rsps: responses.RequestsMock) -> None:
    forge, sim = _forge(gov, rsps)
    gov.opd_change("ubah")
    n = forge.open("ubah", "main", "Ubah OPD", "", gov.keys["dev"])
    assert forge.iid(n) == 1
    _approve_both(forge, sim, gov, n)
    result = forge.merge(n)
    assert gov.main() == result.commit and sim.mrs[1].state == "merged"
    assert ("PUT", "/api/v4/projects/diskominfo%2Fregistri/merge_requests/1/merge") in sim.calls
    assert not verify(gov.repo).breaches  # GitLab's merge commit carries the registry's evidence


@pytest.mark.slow
def test_simulated_push_after_approval_resets_and_sha_pins_refuse(gov: Gov, rsps: responses.RequestsMock) -> None:
    forge, sim = _forge(gov, rsps)
    gov.opd_change("ubah")
    n = forge.open("ubah", "main", "Ubah OPD", "", gov.keys["dev"])
    _approve_both(forge, sim, gov, n)
    old = sim.mrs[1].seen_sha
    gov.commit_on(
        "ubah", {"registry/opd/dinkes.yaml": "kode: dinkes\nnama: Dinas Kesehatan\njenis: dinas\n"}, new=False
    )
    with pytest.raises(PolicyError) as exc:
        forge.api.approve(1, old)  # a late approval for the old HEAD
    assert exc.value.key == "gitlab.sha-moved"
    assert forge.api.mr(1)["detailed_merge_status"] == "approvals_syncing" and sim.mrs[1].approved_by == set()
    with pytest.raises(PolicyError) as exc:
        forge.merge(n)  # the registry sees stale approvals first
    assert exc.value.key == "mr.merge.blocked"
    with pytest.raises(PolicyError) as exc:
        forge.api.merge(1, old, "m")
    assert exc.value.key == "gitlab.sha-moved"
    _approve_both(forge, sim, gov, n)
    forge.merge(n)
    assert sim.mrs[1].state == "merged"


def test_simulated_free_tier_falls_back_to_registry_enforcement(gov: Gov, rsps: responses.RequestsMock) -> None:
    forge, sim = _forge(gov, rsps, premium=False)
    gov.opd_change("ubah")
    n = forge.open("ubah", "main", "Ubah OPD", "", gov.keys["dev"])
    sim.user = "rahmat"
    forge.decide(n, gov.keys["rahmat"], "setuju", "")
    assert forge.api.mr(1)["detailed_merge_status"] == "mergeable"  # GitLab Free would merge now...
    with pytest.raises(PolicyError) as exc:
        forge.merge(n)  # ...the registry does not: 1 of 2 signed approvals
    assert exc.value.key == "mr.merge.blocked" and sim.mrs[1].state == "opened"
    sim.user = "siti"
    forge.decide(n, gov.keys["siti"], "setuju", "")
    forge.merge(n)
    assert forge.fallbacks == ["approval_rules"] and sim.mrs[1].state == "merged"


def test_simulated_gitlab_rules_must_also_be_met_on_premium(gov: Gov, rsps: responses.RequestsMock) -> None:
    forge, sim = _forge(gov, rsps)
    gov.opd_change("ubah")
    n = forge.open("ubah", "main", "Ubah OPD", "", gov.keys["dev"])
    for who in ("rahmat", "siti"):  # registry approvals, but GitLab sees the same bot user twice
        sim.user = "bot"
        forge.decide(n, gov.keys[who], "setuju", "")
    with pytest.raises(PolicyError) as exc:
        forge.merge(n)
    assert exc.value.key == "gitlab.not-approved"
