"""GitLab adapter against recorded API responses (``responses``): method, path, body, SHA pin."""

from __future__ import annotations

import pytest
import responses
from responses import matchers

from repospbe.errors import InputError, PolicyError
from repospbe.governance.gitlab_api import GitLabAPI, GitLabConfig
from tests.governance.gitlab_fixtures import API, PROJECT, URL, approval_state, approve_body, mr_body

SHA = "1" * 40


@pytest.fixture
def api() -> GitLabAPI:
    sleeps: list[float] = []
    client = GitLabAPI(GitLabConfig(URL, "glpat-uji", PROJECT), sleep=sleeps.append, attempts=4)
    client.sleeps = sleeps  # type: ignore[attr-defined]
    return client


def _token() -> matchers.header_matcher:  # type: ignore[valid-type]
    return matchers.header_matcher({"PRIVATE-TOKEN": "glpat-uji"})


@responses.activate(assert_all_requests_are_fired=True)
def test_create_mr_posts_branches_and_title(api: GitLabAPI) -> None:
    responses.post(
        f"{API}/merge_requests",
        status=201,
        json=mr_body(7, SHA),
        match=[
            _token(),
            matchers.json_params_matcher(
                {
                    "source_branch": "perbarui",
                    "target_branch": "main",
                    "title": "Perbarui si-antrean",
                    "description": "repospbe MR !1",
                    "remove_source_branch": False,
                    "squash": False,
                }
            ),
        ],
    )
    assert api.create_mr("perbarui", "main", "Perbarui si-antrean", "repospbe MR !1") == 7


@responses.activate(assert_all_requests_are_fired=True)
def test_approve_is_pinned_to_the_sha(api: GitLabAPI) -> None:
    responses.post(
        f"{API}/merge_requests/7/approve",
        json=approve_body(SHA),
        match=[_token(), matchers.json_params_matcher({"sha": SHA})],
    )
    api.approve(7, SHA)


@responses.activate(assert_all_requests_are_fired=True)
def test_merge_is_pinned_to_the_sha_carries_trailers_and_rereads_state(api: GitLabAPI) -> None:
    responses.put(
        f"{API}/merge_requests/7/merge",
        json=mr_body(7, SHA, state="merged", merge_sha="2" * 40),
        match=[
            matchers.json_params_matcher(
                {"sha": SHA, "merge_commit_message": "Gabung\n\nRepospbe-MR: 1\n", "should_remove_source_branch": False}
            )
        ],
    )
    responses.get(f"{API}/merge_requests/7", json=mr_body(7, SHA, state="merged", merge_sha="2" * 40))
    assert api.merge(7, SHA, "Gabung\n\nRepospbe-MR: 1\n") == "2" * 40


@responses.activate(assert_all_requests_are_fired=True)
def test_merge_answered_200_but_not_merged_is_not_a_merge(api: GitLabAPI) -> None:
    """Auto-merge may answer 200 without merging: the state is re-read and must be 'merged'."""
    responses.put(
        f"{API}/merge_requests/7/merge",
        json=mr_body(7, SHA),
        match=[
            matchers.json_params_matcher(
                {"sha": SHA, "merge_commit_message": "m", "should_remove_source_branch": False}
            )
        ],
    )
    responses.get(f"{API}/merge_requests/7", json=mr_body(7, SHA, state="opened"))
    with pytest.raises(PolicyError) as exc:
        api.merge(7, SHA, "m")
    assert exc.value.key == "gitlab.not-merged"


@responses.activate(assert_all_requests_are_fired=True)
def test_commit_status_is_set_on_the_exact_sha(api: GitLabAPI) -> None:
    responses.post(
        f"{API}/statuses/{SHA}",
        status=201,
        json={"id": 93, "sha": SHA, "status": "success"},
        match=[matchers.json_params_matcher({"state": "success", "name": "repospbe", "description": "rekaman abc"})],
    )
    api.set_status(SHA, "success", "repospbe", "rekaman abc")


@responses.activate(assert_all_requests_are_fired=True)
def test_deployment_approval_posts_status_and_comment(api: GitLabAPI) -> None:
    responses.get(
        f"{API}/deployments",
        json=[{"id": 42, "sha": SHA, "status": "blocked"}, {"id": 41, "sha": "3" * 40}],
        match=[matchers.query_param_matcher({"environment": "produksi", "status": "blocked"})],
    )
    responses.post(
        f"{API}/deployments/42/approval",
        json={"status": "approved"},
        match=[matchers.json_params_matcher({"status": "approved", "comment": "repospbe abc"})],
    )
    deployment = api.blocked_deployment("produksi", SHA)
    assert deployment == 42
    api.approve_deployment(deployment, "repospbe abc")


@responses.activate(assert_all_requests_are_fired=True)
def test_approval_state_read_per_rule(api: GitLabAPI) -> None:
    responses.get(f"{API}/merge_requests/7/approval_state", json=approval_state(False))
    state = api.approval_state(7)
    assert state is not None and [r["approved"] for r in state["rules"]] == [False]


@pytest.mark.parametrize("code", [403, 404])
@responses.activate
def test_paid_tier_endpoints_missing_return_none_for_registry_fallback(api: GitLabAPI, code: int) -> None:
    responses.get(f"{API}/merge_requests/7/approval_state", status=code, json={"message": "403 Forbidden"})
    responses.get(f"{API}/protected_environments/produksi", status=code, json={"message": "404 Not found"})
    assert api.approval_state(7) is None
    assert api.protected_environment("produksi") is None


@pytest.mark.parametrize(
    ("method", "code", "kind", "key"),
    [
        ("approve", 401, InputError, "gitlab.unauthorized"),
        ("approve", 403, PolicyError, "gitlab.forbidden"),
        ("approve", 404, InputError, "gitlab.not-found"),
        ("approve", 409, PolicyError, "gitlab.sha-moved"),
        ("merge", 405, PolicyError, "gitlab.not-mergeable"),
        ("merge", 409, PolicyError, "gitlab.sha-moved"),
        ("merge", 422, PolicyError, "gitlab.merge-failed"),
        ("merge", 401, InputError, "gitlab.unauthorized"),
    ],
)
@responses.activate
def test_http_errors_are_explicit(api: GitLabAPI, method: str, code: int, kind: type, key: str) -> None:
    if method == "approve":
        responses.post(f"{API}/merge_requests/7/approve", status=code, json={"message": str(code)})
        call = lambda: api.approve(7, SHA)  # noqa: E731
    else:
        responses.put(f"{API}/merge_requests/7/merge", status=code, json={"message": str(code)})
        call = lambda: api.merge(7, SHA, "m")  # noqa: E731
    with pytest.raises(kind) as exc:
        call()
    assert exc.value.key == key


@pytest.mark.parametrize("computing", ["checking", "approvals_syncing"])
@responses.activate
def test_waits_while_merge_status_is_being_computed(api: GitLabAPI, computing: str) -> None:
    responses.get(f"{API}/merge_requests/7", json=mr_body(7, SHA, status=computing))
    responses.get(f"{API}/merge_requests/7", json=mr_body(7, SHA, status=computing))
    responses.get(f"{API}/merge_requests/7", json=mr_body(7, SHA, status="mergeable"))
    assert api.wait_stable(7)["detailed_merge_status"] == "mergeable"
    assert len(api.sleeps) == 2  # type: ignore[attr-defined]


@responses.activate
def test_gives_up_when_status_never_settles(api: GitLabAPI) -> None:
    responses.get(f"{API}/merge_requests/7", json=mr_body(7, SHA, status="approvals_syncing"))
    with pytest.raises(PolicyError) as exc:
        api.wait_stable(7)
    assert exc.value.key == "gitlab.still-checking" and len(api.sleeps) == 4  # type: ignore[attr-defined]


def test_config_only_from_environment() -> None:
    with pytest.raises(InputError) as exc:
        GitLabConfig.from_env({"GITLAB_URL": URL})
    assert exc.value.key == "gitlab.config"
    cfg = GitLabConfig.from_env({"CI_SERVER_URL": URL + "/", "GITLAB_TOKEN": "t", "CI_PROJECT_PATH": PROJECT})
    assert cfg == GitLabConfig(URL, "t", PROJECT)


def test_forge_selection_from_environment(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from repospbe.governance.forge import EmbeddedForge
    from repospbe.governance.gitlab_forge import GitLabForge, select_forge

    assert isinstance(select_forge(tmp_path), EmbeddedForge)
    monkeypatch.setenv("REPOSPBE_FORGE", "gitlab")
    with pytest.raises(InputError):
        select_forge(tmp_path)  # no GITLAB_URL/TOKEN/PROJECT: refuse, never fall back silently
    monkeypatch.setenv("GITLAB_URL", URL)
    monkeypatch.setenv("GITLAB_TOKEN", "glpat-uji")
    monkeypatch.setenv("GITLAB_PROJECT", PROJECT)
    forge = select_forge(tmp_path)
    assert isinstance(forge, GitLabForge) and forge.api.base == "/projects/diskominfo%2Fregistri"
