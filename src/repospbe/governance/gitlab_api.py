"""A thin, fail-closed client for the GitLab endpoints governance needs (python-gitlab).

Every state-changing call is pinned to a commit SHA. HTTP errors become our errors:
401 → input error (bad token), 403/404 on a paid-tier endpoint → ``None`` (the
tier lacks it: the caller falls back to the registry's own enforcement, never to
a pass), 405 → not mergeable, 409 → the SHA moved, 422 → merge failed.
Configuration comes from the environment only (never a token in a file).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import gitlab

from repospbe.errors import InputError, PolicyError

COMPUTING = ("checking", "approvals_syncing", "unchecked", "preparing")
GATE_JOB = "approval-gate"
# A gate job in these states has not evaluated yet (or is evaluating): it reads the evidence itself.
NOT_DONE = ("created", "waiting_for_resource", "preparing", "pending", "running", "scheduled")


@dataclass(frozen=True)
class GitLabConfig:
    url: str
    token: str
    project: str

    @staticmethod
    def from_env(env: dict[str, str] | None = None) -> GitLabConfig:
        env = dict(os.environ) if env is None else env
        url = env.get("GITLAB_URL") or env.get("CI_SERVER_URL", "")
        token = env.get("GITLAB_TOKEN", "")
        project = env.get("GITLAB_PROJECT") or env.get("CI_PROJECT_PATH", "")
        if not (url and token and project):
            raise InputError("gitlab.config")
        return GitLabConfig(url.rstrip("/"), token, project)


@contextmanager
def _mapped(operation: str, optional: bool = False) -> Iterator[list[Any]]:
    """Translate GitLab HTTP errors; for ``optional`` endpoints 403/404 yield ``[None]`` (tier lacks it)."""
    box: list[Any] = []
    try:
        yield box
    except gitlab.exceptions.GitlabError as exc:
        code = getattr(exc, "response_code", None) or 0
        if code == 401:
            raise InputError("gitlab.unauthorized", operation=operation) from None
        if optional and code in (403, 404):
            box.append(None)
            return
        if code == 403:
            raise PolicyError("gitlab.forbidden", operation=operation) from None
        if code == 404:
            raise InputError("gitlab.not-found", operation=operation) from None
        if code == 405:
            raise PolicyError("gitlab.not-mergeable", operation=operation) from None
        if code == 409:
            raise PolicyError("gitlab.sha-moved", operation=operation) from None
        if code == 422:
            raise PolicyError("gitlab.merge-failed", operation=operation, detail=str(exc.error_message)[:200]) from None
        raise PolicyError("gitlab.error", operation=operation, code=code, detail=str(exc.error_message)[:200]) from None


class GitLabAPI:
    def __init__(self, config: GitLabConfig, sleep: Callable[[float], None] = time.sleep, attempts: int = 10) -> None:
        self.config = config
        self.gl = gitlab.Gitlab(config.url, private_token=config.token, retry_transient_errors=False, timeout=30)
        self.base = f"/projects/{quote(config.project, safe='')}"
        self.sleep = sleep
        self.attempts = attempts

    def _list(self, path: str, **query: Any) -> list[dict[str, Any]]:
        result = self.gl.http_get(self.base + path, query_data=query or None)
        items: list[Any] = list(result) if isinstance(result, list) else []
        return [x for x in items if isinstance(x, dict)]

    def _get(self, path: str) -> dict[str, Any]:
        result = self.gl.http_get(self.base + path)
        return result if isinstance(result, dict) else {}

    def create_mr(self, source: str, target: str, title: str, description: str) -> int:
        with _mapped("create_mr"):
            data = self.gl.http_post(
                self.base + "/merge_requests",
                post_data={
                    "source_branch": source,
                    "target_branch": target,
                    "title": title,
                    "description": description,
                    "remove_source_branch": False,
                    "squash": False,
                },
            )
        return int(data["iid"]) if isinstance(data, dict) else 0

    def mr(self, iid: int) -> dict[str, Any]:
        with _mapped("get_mr"):
            return self._get(f"/merge_requests/{iid}")

    def wait_stable(self, iid: int) -> dict[str, Any]:
        """Read the MR until ``detailed_merge_status`` is no longer being computed (bounded)."""
        for attempt in range(self.attempts):
            mr = self.mr(iid)
            if mr.get("detailed_merge_status") not in COMPUTING:
                return mr
            self.sleep(min(0.5 * 2**attempt, 8.0))
        raise PolicyError("gitlab.still-checking", iid=iid, status=str(mr.get("detailed_merge_status")))

    def approval_state(self, iid: int) -> dict[str, Any] | None:
        """Per-rule approval state, or None when the tier has no approval rules (403/404)."""
        with _mapped("approval_state", optional=True) as box:
            return self._get(f"/merge_requests/{iid}/approval_state")
        return box[0] if box else None

    def approve(self, iid: int, sha: str) -> None:
        with _mapped("approve"):
            self.gl.http_post(self.base + f"/merge_requests/{iid}/approve", post_data={"sha": sha})

    def set_status(self, sha: str, state: str, name: str, description: str) -> None:
        with _mapped("commit_status"):
            self.gl.http_post(
                self.base + f"/statuses/{sha}",
                post_data={"state": state, "name": name, "description": description[:255]},
            )

    def merge(self, iid: int, sha: str, message: str) -> str:
        """Merge pinned to ``sha``; returns the merge commit, re-read to be sure it merged."""
        with _mapped("merge"):
            self.gl.http_put(
                self.base + f"/merge_requests/{iid}/merge",
                post_data={"sha": sha, "merge_commit_message": message, "should_remove_source_branch": False},
            )
        after = self.mr(iid)
        if after.get("state") != "merged":
            raise PolicyError("gitlab.not-merged", iid=iid, state=str(after.get("state")))
        return str(after.get("merge_commit_sha") or "")

    def protected_environment(self, name: str) -> dict[str, Any] | None:
        with _mapped("protected_environment", optional=True) as box:
            return self._get(f"/protected_environments/{quote(name, safe='')}")
        return box[0] if box else None

    def blocked_deployment(self, env: str, sha: str) -> int | None:
        with _mapped("deployments", optional=True):
            items = self.gl.http_get(self.base + "/deployments", query_data={"environment": env, "status": "blocked"})
            for item in items if isinstance(items, list) else []:
                if item.get("sha") == sha:
                    return int(item["id"])
            return None
        return None

    def approve_deployment(self, deployment: int, comment: str) -> None:
        with _mapped("deployment_approval"):
            self.gl.http_post(
                self.base + f"/deployments/{deployment}/approval",
                post_data={"status": "approved", "comment": comment[:255]},
            )

    def retry_gate(self, iid: int, sha: str, job: str = GATE_JOB) -> int | None:
        """Retry ``job`` of the MR's newest pipeline on ``sha``: the new job's id; 0 when there is
        nothing to retry (no pipeline on that SHA, no such job, the job has not run yet); None when
        the token may not retry jobs (403/404: a reviewer retries it in the GitLab UI)."""
        with _mapped("retry_gate", optional=True) as box:
            ours = [p for p in self._list(f"/merge_requests/{iid}/pipelines") if p.get("sha") == sha]
            if not ours:
                return 0
            newest = max(ours, key=lambda p: int(p["id"]))
            jobs = self._list(f"/pipelines/{int(newest['id'])}/jobs", per_page=100)
            gate = [j for j in jobs if j.get("name") == job]
            if not gate:
                return 0
            latest = max(gate, key=lambda j: int(j["id"]))
            if latest.get("status") in NOT_DONE:
                return 0
            new = self.gl.http_post(self.base + f"/jobs/{int(latest['id'])}/retry")
            return int(new["id"]) if isinstance(new, dict) and "id" in new else 0
        return box[0] if box else None
