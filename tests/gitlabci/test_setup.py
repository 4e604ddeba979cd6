"""`repospbe gitlab setup`: the dry run needs no server; --apply is asserted call by call
against recorded GitLab API responses (the `responses` library)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import responses

from tests.helpers.cli import run_cli

API = "https://gitlab.example.invalid/api/v4"
PROJ = f"{API}/projects/diskominfo%2Fregistri"
ARGS = ("gitlab", "setup", "--project", "diskominfo/registri", "--reviewer-group", "diskominfo/reviewer")


@pytest.fixture
def gitlab_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITLAB_URL", "https://gitlab.example.invalid")
    monkeypatch.setenv("GITLAB_TOKEN", "glpat-uji-bukan-token-nyata")
    monkeypatch.setenv("REPOSPBE_CI_TOKEN_VALUE", "token-ci-uji")


def test_dry_run_prints_plan_without_server(bundled_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        res = run_cli(capsys, *ARGS, "--registry", str(bundled_root))
        assert len(rsps.calls) == 0
    assert res.code == 0
    for expected in (
        "protectedbranches",
        "approvalrules",
        "protected_environments",
        "variables",
        '"approvals_required": 2',
        '"allow_force_push": false',
        "--apply",
    ):
        assert expected in res.out, expected
    assert "token-ci-uji" not in res.out


def _fresh_project(rsps: responses.RequestsMock) -> None:
    rsps.put(PROJ, json={"id": 7, "path_with_namespace": "diskominfo/registri"})
    rsps.get(f"{PROJ}/protected_branches/main", status=404, json={"message": "404 Not found"})
    rsps.post(f"{PROJ}/protected_branches", status=201, json={"id": 1, "name": "main"})
    rsps.post(f"{PROJ}/approvals", json={"reset_approvals_on_push": True})
    rsps.get(f"{API}/groups/diskominfo%2Freviewer", json={"id": 42, "full_path": "diskominfo/reviewer"})
    rsps.get(f"{PROJ}/approval_rules", json=[])
    rsps.post(f"{PROJ}/approval_rules", status=201, json={"id": 5, "name": "Diskominfo"})
    for env in ("produksi", "dns"):
        rsps.get(f"{PROJ}/protected_environments/{env}", status=404, json={"message": "404 Not found"})
    rsps.post(f"{PROJ}/protected_environments", status=201, json={"name": "x"})
    rsps.get(f"{PROJ}/variables/REPOSPBE_GITLAB_TOKEN", status=404, json={"message": "404 Variable Not Found"})
    rsps.post(f"{PROJ}/variables", status=201, json={"key": "REPOSPBE_GITLAB_TOKEN"})


def _body(call: responses.Call) -> dict[str, object]:
    return json.loads(call.request.body or b"{}")


def test_apply_makes_exactly_the_planned_calls(
    bundled_root: Path, gitlab_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    with responses.RequestsMock() as rsps:
        _fresh_project(rsps)
        res = run_cli(capsys, *ARGS, "--apply", "--registry", str(bundled_root))
        calls = [(c.request.method, c.request.url.split("/api/v4")[1].split("?")[0]) for c in rsps.calls]
        bodies = {(c.request.method, c.request.url.split("?")[0]): _body(c) for c in rsps.calls if c.request.body}
    assert res.code == 0, res.out + res.err
    assert calls[0] == ("PUT", "/projects/diskominfo%2Fregistri")
    assert ("POST", "/projects/diskominfo%2Fregistri/protected_branches") in calls
    assert bodies[("PUT", PROJ)]["only_allow_merge_if_pipeline_succeeds"] is True
    branch = bodies[("POST", f"{PROJ}/protected_branches")]
    assert branch == {"name": "main", "push_access_level": 0, "merge_access_level": 40, "allow_force_push": False}
    approvals = bodies[("POST", f"{PROJ}/approvals")]
    assert approvals["merge_requests_author_approval"] is False
    assert approvals["merge_requests_disable_committers_approval"] is True
    assert bodies[("POST", f"{PROJ}/approval_rules")] == {
        "name": "Diskominfo",
        "approvals_required": 2,
        "group_ids": [42],
    }
    env_body = bodies[("POST", f"{PROJ}/protected_environments")]
    assert env_body["required_approval_count"] == 2 and {"group_id": 42} in env_body["deploy_access_levels"]
    var = bodies[("POST", f"{PROJ}/variables")]
    assert var == {"key": "REPOSPBE_GITLAB_TOKEN", "value": "token-ci-uji", "protected": True, "masked": True}
    assert "token-ci-uji" not in res.out


def test_free_tier_falls_back_instead_of_passing(
    bundled_root: Path, gitlab_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    with responses.RequestsMock() as rsps:
        rsps.put(PROJ, json={"id": 7})
        rsps.get(f"{PROJ}/protected_branches/main", json={"id": 1, "name": "main"})
        rsps.patch(f"{PROJ}/protected_branches/main", json={"id": 1, "name": "main"})
        rsps.post(f"{PROJ}/approvals", status=403, json={"message": "403 Forbidden"})
        rsps.get(f"{API}/groups/diskominfo%2Freviewer", json={"id": 42})
        rsps.get(f"{PROJ}/approval_rules", status=403, json={"message": "403 Forbidden"})
        for env in ("produksi", "dns"):
            rsps.get(f"{PROJ}/protected_environments/{env}", status=404, json={"message": "404 Not Found"})
        rsps.post(f"{PROJ}/protected_environments", status=404, json={"message": "404 Not Found"})
        rsps.get(f"{PROJ}/variables/REPOSPBE_GITLAB_TOKEN", json={"key": "REPOSPBE_GITLAB_TOKEN"})
        rsps.put(f"{PROJ}/variables/REPOSPBE_GITLAB_TOKEN", json={"key": "REPOSPBE_GITLAB_TOKEN"})
        res = run_cli(capsys, *ARGS, "--apply", "--registry", str(bundled_root))
    assert res.code == 0
    assert res.out.count("fallback") >= 4
    assert "mr gate" in res.out


def test_unauthorised_token_fails(bundled_root: Path, gitlab_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.put(PROJ, status=401, json={"message": "401 Unauthorized"})
        rsps.get(f"{PROJ}/protected_branches/main", status=401, json={"message": "401 Unauthorized"})
        rsps.post(f"{PROJ}/approvals", status=401, json={"message": "401 Unauthorized"})
        rsps.get(f"{API}/groups/diskominfo%2Freviewer", status=401, json={"message": "401 Unauthorized"})
        for env in ("produksi", "dns"):
            rsps.get(f"{PROJ}/protected_environments/{env}", status=401, json={"message": "401 Unauthorized"})
        rsps.get(f"{PROJ}/variables/REPOSPBE_GITLAB_TOKEN", status=401, json={"message": "401 Unauthorized"})
        res = run_cli(capsys, *ARGS, "--apply", "--registry", str(bundled_root))
    assert res.code == 1
    assert "HTTP 401" in res.out


def test_apply_without_credentials_is_an_input_error(
    bundled_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("GITLAB_URL", raising=False)
    monkeypatch.delenv("GITLAB_TOKEN", raising=False)
    res = run_cli(capsys, *ARGS, "--apply", "--registry", str(bundled_root))
    assert res.code == 2 and "GITLAB_TOKEN" in res.err
