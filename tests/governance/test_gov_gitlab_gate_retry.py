"""After an approval the GitLab forge shares the evidence on origin and re-runs the approval gate.

GitLab starts no pipeline on approval: ``GitLabForge.decide`` retries the ``approval-gate`` job of
the MR's newest pipeline on the approved SHA (simulation, ``gitlab_sim.py``; recorded responses
from GitLab's jobs.md / merge_requests.md examples for the wire format)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import responses
from responses import matchers

from repospbe.errors import PolicyError
from repospbe.governance.evidence import mr_ref
from repospbe.governance.forge import EmbeddedForge
from repospbe.governance.gitlab_api import GitLabAPI, GitLabConfig
from repospbe.governance.gitlab_forge import GitLabForge
from repospbe.governance.gitrepo import Repo
from tests.governance.conftest import Gov, server  # noqa: F401  (fixture)
from tests.governance.gitlab_fixtures import API, PROJECT, URL
from tests.governance.gitlab_sim import GitLabSimulation
from tests.helpers.git import git

SHA, OTHER = "1" * 40, "2" * 40


@pytest.fixture
def rsps() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def _forge(gov: Gov, rsps: responses.RequestsMock, origin: Path | None) -> tuple[GitLabForge, GitLabSimulation]:
    sim = GitLabSimulation(gov.repo, origin=Repo(origin) if origin else None)
    sim.install(rsps)
    api = GitLabAPI(GitLabConfig(URL, "glpat-uji", PROJECT), sleep=lambda s: None, attempts=5)
    return GitLabForge(EmbeddedForge(gov.root), api), sim


def _gates(sim: GitLabSimulation, index: int) -> list[int]:
    return [j["id"] for j in sim.pipelines[index]["jobs"] if j["name"] == "approval-gate"]


def test_each_approval_is_pushed_then_the_gate_of_that_sha_is_retried(
    gov: Gov, server: Path, rsps: responses.RequestsMock
) -> None:
    forge, sim = _forge(gov, rsps, server)
    gov.opd_change("ubah")
    n = forge.open("ubah", "main", "Ubah OPD", "", gov.keys["dev"])
    for who in ("rahmat", "siti"):
        sim.user = who
        forge.decide(n, gov.keys[who], "setuju", "")
        # when GitLab re-ran the gate, origin already held this decision (the job fetches it from there)
        assert sim.evidence_at_retry[-1][mr_ref(n)] == gov.repo.must_resolve(mr_ref(n))
        assert forge.gate_retried == _gates(sim, 0)[-1]
    assert len(_gates(sim, 0)) == 3 and len(sim.evidence_at_retry) == 2  # the first run + one retry each
    assert not forge.fallbacks
    assert git(server, "rev-parse", mr_ref(n)).strip() == gov.repo.must_resolve(mr_ref(n))

    # a push starts a new MR pipeline: the next approval re-runs that pipeline's gate, not the old one
    gov.commit_on(
        "ubah", {"registry/opd/dinkes.yaml": "kode: dinkes\nnama: Dinas Kesehatan\njenis: dinas\n"}, new=False
    )
    forge.api.mr(1)  # GitLab sees the push
    sim.user = "rahmat"
    forge.decide(n, gov.keys["rahmat"], "setuju", "")
    assert len(_gates(sim, 0)) == 3 and len(_gates(sim, 1)) == 2
    assert sim.pipelines[1]["sha"] == gov.repo.must_resolve("refs/heads/ubah")


def test_a_token_that_may_not_retry_leaves_the_retry_to_the_reviewer(gov: Gov, rsps: responses.RequestsMock) -> None:
    forge, sim = _forge(gov, rsps, None)  # no origin: nothing to push
    sim.may_retry = False
    gov.opd_change("ubah")
    n = forge.open("ubah", "main", "Ubah OPD", "", gov.keys["dev"])
    forge.decide(n, gov.keys["rahmat"], "setuju", "")  # the signed approval stands
    assert forge.gate_retried is None and forge.fallbacks == ["gate_retry"]
    assert len(_gates(sim, 0)) == 1


def test_an_approval_origin_refuses_is_reported_not_retried(
    gov: Gov, server: Path, rsps: responses.RequestsMock
) -> None:
    forge, sim = _forge(gov, rsps, server)
    gov.opd_change("ubah")
    n = forge.open("ubah", "main", "Ubah OPD", "", gov.keys["dev"])
    git(gov.root, "remote", "set-url", "origin", str(server.parent / "tidak-ada.git"))
    with pytest.raises(PolicyError) as exc:
        forge.decide(n, gov.keys["rahmat"], "setuju", "")
    assert exc.value.key == "gitlab.evidence-not-shared"
    assert not sim.evidence_at_retry and len(_gates(sim, 0)) == 1


@responses.activate(assert_all_requests_are_fired=True)
def test_retry_reads_the_mr_pipelines_and_retries_the_newest_gate_on_the_sha() -> None:
    api = GitLabAPI(GitLabConfig(URL, "glpat-uji", PROJECT))
    token = matchers.header_matcher({"PRIVATE-TOKEN": "glpat-uji"})
    responses.get(
        f"{API}/merge_requests/7/pipelines",
        json=[{"id": 78, "sha": OTHER, "status": "running"}, {"id": 77, "sha": SHA, "status": "failed"}],
        match=[token],
    )
    responses.get(
        f"{API}/pipelines/77/jobs",
        json=[
            {"id": 902, "name": "approval-gate", "status": "failed", "stage": "approval"},
            {"id": 901, "name": "validate", "status": "success", "stage": "validate"},
        ],
        match=[token, matchers.query_param_matcher({"per_page": "100"})],
    )
    responses.post(f"{API}/jobs/902/retry", status=201, json={"id": 903, "name": "approval-gate", "status": "pending"})
    assert api.retry_gate(7, SHA) == 903


@pytest.mark.parametrize(
    ("pipelines", "jobs", "expected"),
    [
        ([{"id": 78, "sha": OTHER}], None, 0),  # no pipeline on the approved SHA: nothing to re-run
        ([{"id": 77, "sha": SHA}], [{"id": 902, "name": "approval-gate", "status": "running"}], 0),
        ([{"id": 77, "sha": SHA}], [{"id": 901, "name": "validate", "status": "failed"}], 0),
    ],
)
@responses.activate
def test_nothing_to_retry(
    pipelines: list[dict[str, object]], jobs: list[dict[str, object]] | None, expected: int
) -> None:
    api = GitLabAPI(GitLabConfig(URL, "glpat-uji", PROJECT))
    responses.get(f"{API}/merge_requests/7/pipelines", json=pipelines)
    if jobs is not None:
        responses.get(f"{API}/pipelines/77/jobs", json=jobs)
    assert api.retry_gate(7, SHA) == expected
    assert not [c for c in responses.calls if c.request.method == "POST"]


@responses.activate
def test_retry_forbidden_returns_none() -> None:
    api = GitLabAPI(GitLabConfig(URL, "glpat-uji", PROJECT))
    responses.get(f"{API}/merge_requests/7/pipelines", json=[{"id": 77, "sha": SHA}])
    responses.get(f"{API}/pipelines/77/jobs", json=[{"id": 902, "name": "approval-gate", "status": "failed"}])
    responses.post(f"{API}/jobs/902/retry", status=403, json={"message": "403 Forbidden"})
    assert api.retry_gate(7, SHA) is None
