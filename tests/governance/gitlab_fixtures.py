"""Recorded GitLab API responses, trimmed from the examples in GitLab's API documentation.

Sources (docs.gitlab.com, mirrored in gitlabhq/gitlabhq doc/):
- api/merge_requests.md ("Get single MR", "Merge a merge request", "Create MR")
- api/merge_request_approvals.md ("Approve merge request", "Get the approval state of merge requests")
- api/commits.md ("Set the pipeline status of a commit")
- api/protected_environments.md, api/deployments.md ("Approve or reject a blocked deployment")
"""

from __future__ import annotations

from typing import Any

URL = "https://gitlab.pontianakkota.go.id"
PROJECT = "diskominfo/registri"
API = f"{URL}/api/v4/projects/diskominfo%2Fregistri"


def mr_body(
    iid: int, sha: str, status: str = "mergeable", state: str = "opened", merge_sha: str | None = None
) -> dict[str, Any]:
    return {
        "id": 100 + iid,
        "iid": iid,
        "project_id": 3,
        "title": "Perbarui si-antrean",
        "state": state,
        "target_branch": "main",
        "source_branch": "perbarui",
        "sha": sha,
        "merge_commit_sha": merge_sha,
        "detailed_merge_status": status,
        "has_conflicts": False,
        "draft": False,
        "web_url": f"{URL}/{PROJECT}/-/merge_requests/{iid}",
    }


def approval_state(approved: bool) -> dict[str, Any]:
    return {
        "approval_rules_overwritten": False,
        "rules": [
            {
                "id": 1,
                "name": "Diskominfo",
                "rule_type": "regular",
                "approvals_required": 2,
                "eligible_approvers": [{"id": 5, "username": "rahmat"}, {"id": 6, "username": "siti"}],
                "approved_by": [{"id": 5, "username": "rahmat"}]
                + ([{"id": 6, "username": "siti"}] if approved else []),
                "approved": approved,
            }
        ],
    }


def approve_body(sha: str) -> dict[str, Any]:
    return {
        "id": 5,
        "iid": 5,
        "project_id": 1,
        "title": "Approvals API",
        "approvals_required": 2,
        "approvals_left": 1,
        "approved_by": [{"user": {"name": "Rahmat", "username": "rahmat", "id": 5}}],
        "sha": sha,
    }
