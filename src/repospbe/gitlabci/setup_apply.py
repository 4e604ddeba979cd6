"""Apply the setup plan through python-gitlab, one ensure-function per step kind."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from repospbe.errors import InputError
from repospbe.gitlabci.setup_plan import ACCESS_MAINTAINER, SetupConfig, Step
from repospbe.states import StepStatus

TOKEN_VALUE_ENV = "REPOSPBE_CI_TOKEN_VALUE"


@dataclass(frozen=True)
class StepResult:
    step: str
    status: StepStatus
    detail: str = ""


def apply_setup(gl: Any, cfg: SetupConfig, steps: list[Step]) -> list[StepResult]:
    import gitlab

    project = gl.projects.get(cfg.project, lazy=True)
    results: list[StepResult] = []
    for step in steps:
        kind = step.id.split(":", 1)[0]
        try:
            results.append(_ENSURE[kind](gl, project, cfg, step))
        except gitlab.exceptions.GitlabError as exc:
            code = getattr(exc, "response_code", None)
            if step.premium and code in (403, 404):
                results.append(StepResult(step.id, StepStatus.FALLBACK, f"HTTP {code}"))
            else:
                results.append(StepResult(step.id, StepStatus.ERROR, f"HTTP {code}: {exc.error_message}"))
    return results


def _project_settings(gl: Any, project: Any, cfg: SetupConfig, step: Step) -> StepResult:
    gl.projects.update(cfg.project, step.body)
    return StepResult(step.id, StepStatus.UPDATED)


def _protected_branch(gl: Any, project: Any, cfg: SetupConfig, step: Step) -> StepResult:
    import gitlab

    try:
        project.protectedbranches.get(cfg.branch)
    except gitlab.exceptions.GitlabGetError as exc:
        if exc.response_code != 404:
            raise
        project.protectedbranches.create(step.body)
        return StepResult(step.id, StepStatus.CREATED)
    project.protectedbranches.update(cfg.branch, {"allow_force_push": False})
    return StepResult(step.id, StepStatus.UPDATED, "push/merge levels kept; force-push disabled")


def _approval_settings(gl: Any, project: Any, cfg: SetupConfig, step: Step) -> StepResult:
    project.approvals.update(new_data=step.body)
    return StepResult(step.id, StepStatus.UPDATED)


def _approval_rule(gl: Any, project: Any, cfg: SetupConfig, step: Step) -> StepResult:
    group = gl.groups.get(cfg.reviewer_group)
    body = {"name": "Diskominfo", "approvals_required": cfg.approvals, "group_ids": [group.id]}
    existing = [r for r in project.approvalrules.list(get_all=True) if r.name == "Diskominfo"]
    if existing:
        project.approvalrules.update(existing[0].id, body)
        return StepResult(step.id, StepStatus.UPDATED)
    project.approvalrules.create(body)
    return StepResult(step.id, StepStatus.CREATED)


def _protected_environment(gl: Any, project: Any, cfg: SetupConfig, step: Step) -> StepResult:
    import gitlab

    name = step.body["name"]
    try:
        current = project.protected_environments.get(name)
    except gitlab.exceptions.GitlabGetError as exc:
        if exc.response_code != 404:
            raise
        group = gl.groups.get(cfg.reviewer_group)
        project.protected_environments.create(
            {
                "name": name,
                "deploy_access_levels": [{"group_id": group.id}, {"access_level": ACCESS_MAINTAINER}],
                "required_approval_count": cfg.approvals,
            }
        )
        return StepResult(step.id, StepStatus.CREATED)
    if getattr(current, "required_approval_count", 0) != cfg.approvals:
        return StepResult(step.id, StepStatus.ERROR, "exists with a different required_approval_count: fix by hand")
    return StepResult(step.id, StepStatus.UNCHANGED)


def _ci_variable(gl: Any, project: Any, cfg: SetupConfig, step: Step) -> StepResult:
    import gitlab

    value = os.environ.get(TOKEN_VALUE_ENV)
    if not value:
        return StepResult(step.id, StepStatus.SKIPPED, f"{TOKEN_VALUE_ENV} not set")
    body = {"key": cfg.token_variable, "value": value, "protected": True, "masked": True}
    try:
        project.variables.get(cfg.token_variable)
    except gitlab.exceptions.GitlabGetError as exc:
        if exc.response_code != 404:
            raise
        project.variables.create(body)
        return StepResult(step.id, StepStatus.CREATED)
    project.variables.update(cfg.token_variable, body)
    return StepResult(step.id, StepStatus.UPDATED)


_ENSURE: dict[str, Callable[[Any, Any, SetupConfig, Step], StepResult]] = {
    "project-settings": _project_settings,
    "protected-branch": _protected_branch,
    "approval-settings": _approval_settings,
    "approval-rule": _approval_rule,
    "protected-environment": _protected_environment,
    "ci-variable": _ci_variable,
}


def client_from_env() -> Any:
    """A python-gitlab client from GITLAB_URL and GITLAB_TOKEN (tokens never come from files)."""
    import gitlab

    url, token = os.environ.get("GITLAB_URL"), os.environ.get("GITLAB_TOKEN")
    if not url or not token:
        raise InputError("gitlab.env-missing")
    return gitlab.Gitlab(url, private_token=token, retry_transient_errors=False)
