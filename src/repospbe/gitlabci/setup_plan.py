"""The settings a registry project on GitLab needs, as a plan of python-gitlab calls.

`repospbe gitlab setup` shows this plan (no server needed) and applies it only with
``--apply``. Premium-only endpoints that a tier lacks fall back to the registry's own
enforcement (signed approvals checked by `repospbe mr gate`) and are reported as such,
never silently passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ACCESS_NONE = 0
ACCESS_MAINTAINER = 40


@dataclass(frozen=True)
class SetupConfig:
    project: str  # path, e.g. "diskominfo/registri-spbe"
    reviewer_group: str  # path of the Diskominfo reviewers group
    approvals: int
    branch: str = "main"
    environments: tuple[str, ...] = ("produksi", "dns")
    token_variable: str = "REPOSPBE_GITLAB_TOKEN"


@dataclass(frozen=True)
class Step:
    """One setting: the python-gitlab call that ensures it and the HTTP calls behind it."""

    id: str
    call: str
    http: tuple[str, ...]
    body: dict[str, Any] = field(default_factory=dict)
    premium: bool = False


def plan_setup(cfg: SetupConfig) -> list[Step]:
    p = f"gl.projects.get({cfg.project!r}, lazy=True)"
    enc = cfg.project.replace("/", "%2F")
    base = f"/projects/{enc}"
    return [
        Step(
            "project-settings",
            f"gl.projects.update({cfg.project!r}, body)",
            (f"PUT {base}",),
            {
                "only_allow_merge_if_pipeline_succeeds": True,
                "allow_merge_on_skipped_pipeline": False,
                "only_allow_merge_if_all_discussions_are_resolved": True,
                "merge_method": "merge",
            },
        ),
        Step(
            "protected-branch",
            f"{p}.protectedbranches.get/create/update({cfg.branch!r}, body)",
            (f"GET {base}/protected_branches/{cfg.branch}", f"POST|PATCH {base}/protected_branches"),
            {
                "name": cfg.branch,
                "push_access_level": ACCESS_NONE,
                "merge_access_level": ACCESS_MAINTAINER,
                "allow_force_push": False,
            },
        ),
        Step(
            "approval-settings",
            f"{p}.approvals.update(new_data=body)",
            (f"POST {base}/approvals",),
            {
                "reset_approvals_on_push": True,
                "merge_requests_author_approval": False,
                "merge_requests_disable_committers_approval": True,
                "disable_overriding_approvers_per_merge_request": True,
            },
            premium=True,
        ),
        Step(
            "approval-rule",
            f"{p}.approvalrules.create/update(body)",
            (
                f"GET /groups/{cfg.reviewer_group.replace('/', '%2F')}",
                f"GET {base}/approval_rules",
                f"POST|PUT {base}/approval_rules",
            ),
            {"name": "Diskominfo", "approvals_required": cfg.approvals, "group_path": cfg.reviewer_group},
            premium=True,
        ),
        *[
            Step(
                f"protected-environment:{env}",
                f"{p}.protected_environments.get/create({env!r}, body)",
                (f"GET {base}/protected_environments/{env}", f"POST {base}/protected_environments"),
                {"name": env, "group_path": cfg.reviewer_group, "required_approval_count": cfg.approvals},
                premium=True,
            )
            for env in cfg.environments
        ],
        Step(
            "ci-variable",
            f"{p}.variables.get/create/update({cfg.token_variable!r}, body)",
            (f"GET {base}/variables/{cfg.token_variable}", f"POST|PUT {base}/variables"),
            {"key": cfg.token_variable, "value": "***", "protected": True, "masked": True},
        ),
    ]
