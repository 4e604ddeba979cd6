"""SIMULATION of documented GitLab behaviour (not GitLab): a small in-memory model behind ``responses``.

Modelled from GitLab's docs (merge_requests.md, merge_request_approvals.md, approvals/settings.md):
- ``POST .../approve`` with ``sha`` answers 409 when it is not the MR's HEAD;
- ``PUT .../merge`` with ``sha`` answers 409 on a moved HEAD and 405 when not mergeable
  (approvals missing on a tier with required approvals);
- after a push, approvals are reset ("Remove all approvals") and ``detailed_merge_status`` reads
  ``approvals_syncing`` once before settling;
- on the Free tier the approval-state and protected-environment endpoints answer 403/404;
- a push to the MR's source branch starts an MR pipeline (jobs.md, pipelines.md); approving starts
  none, so its ``approval-gate`` job keeps the status it had until retried (``POST /jobs/:id/retry``,
  a new job, run at once here; 403 for a token below Developer).
The project's git storage is the local test repository itself, so merges are real git merges.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import responses

from repospbe.governance.gitrepo import Repo
from tests.governance.gitlab_fixtures import API, mr_body

PIPELINE_JOBS = (("validate", "success"), ("generate-child-pipeline", "success"), ("approval-gate", "failed"))


@dataclass
class SimMR:
    iid: int
    source: str
    target: str
    approved_by: set[str] = field(default_factory=set)
    seen_sha: str = ""
    state: str = "opened"
    merge_sha: str | None = None
    syncing_reads: int = 0


@dataclass
class GitLabSimulation:
    repo: Repo
    premium: bool = True
    required: int = 2
    user: str = "rahmat"
    mrs: dict[int, SimMR] = field(default_factory=dict)
    calls: list[tuple[str, str]] = field(default_factory=list)
    pipelines: list[dict[str, Any]] = field(default_factory=list)  # {"id", "iid", "sha", "jobs": [...]}
    may_retry: bool = True
    origin: Repo | None = None  # where the gate job would fetch the evidence from
    evidence_at_retry: list[dict[str, str]] = field(default_factory=list)

    def install(self, rsps: responses.RequestsMock) -> None:
        base = re.escape(API)
        routes = [
            ("POST", rf"{base}/merge_requests$", self._create),
            ("GET", rf"{base}/merge_requests/(\d+)$", self._get),
            ("GET", rf"{base}/merge_requests/(\d+)/approval_state$", self._approval_state),
            ("POST", rf"{base}/merge_requests/(\d+)/approve$", self._approve),
            ("PUT", rf"{base}/merge_requests/(\d+)/merge$", self._merge),
            ("POST", rf"{base}/statuses/([0-9a-f]{{40}})$", self._status),
            ("GET", rf"{base}/protected_environments/(.+)$", self._protected_env),
            ("GET", rf"{base}/deployments(\?.*)?$", lambda req: (200, {}, "[]")),
            ("GET", rf"{base}/merge_requests/(\d+)/pipelines$", self._mr_pipelines),
            ("GET", rf"{base}/pipelines/(\d+)/jobs(\?.*)?$", self._jobs),
            ("POST", rf"{base}/jobs/(\d+)/retry$", self._retry),
        ]
        for method, pattern, fn in routes:
            rsps.add_callback(
                method, re.compile(pattern), callback=self._logged(method, fn), content_type="application/json"
            )

    def _logged(self, method: str, fn: Any) -> Any:
        def wrapper(request: Any) -> tuple[int, dict[str, str], str]:
            self.calls.append((method, request.path_url))
            status, headers, body = fn(request)
            return status, headers, body if isinstance(body, str) else json.dumps(body)

        return wrapper

    def head(self, mr: SimMR) -> str:
        return self.repo.must_resolve(f"refs/heads/{mr.source}")

    def _refresh(self, mr: SimMR) -> None:
        """A push since the last look resets approvals and makes the status 'approvals_syncing' once."""
        head = self.head(mr)
        if mr.seen_sha and head != mr.seen_sha:
            mr.approved_by.clear()
            mr.syncing_reads = 1
        if head != mr.seen_sha:  # the push starts an MR pipeline; its gate fails (no approvals yet)
            pid = 500 + len(self.pipelines)
            jobs = [{"id": pid * 10 + i, "name": n, "status": st} for i, (n, st) in enumerate(PIPELINE_JOBS)]
            self.pipelines.append({"id": pid, "iid": mr.iid, "sha": head, "status": "failed", "jobs": jobs})
        mr.seen_sha = head

    def _mr(self, request: Any) -> SimMR:
        return self.mrs[int(re.search(r"/merge_requests/(\d+)", request.path_url).group(1))]  # type: ignore[union-attr]

    def _create(self, request: Any) -> tuple[int, dict[str, str], Any]:
        body = json.loads(request.body)
        iid = len(self.mrs) + 1
        self.mrs[iid] = SimMR(iid, body["source_branch"], body["target_branch"])
        self._refresh(self.mrs[iid])
        return 201, {}, mr_body(iid, self.mrs[iid].seen_sha)

    def _status_of(self, mr: SimMR) -> str:
        if mr.state != "opened":
            return "not_open"
        if mr.syncing_reads:
            mr.syncing_reads -= 1
            return "approvals_syncing"
        if self.premium and len(mr.approved_by) < self.required:
            return "not_approved"
        return "mergeable"

    def _get(self, request: Any) -> tuple[int, dict[str, str], Any]:
        mr = self._mr(request)
        if mr.state == "opened":
            self._refresh(mr)
        body = mr_body(mr.iid, mr.seen_sha, status=self._status_of(mr), state=mr.state, merge_sha=mr.merge_sha)
        return 200, {}, body

    def _approval_state(self, request: Any) -> tuple[int, dict[str, str], Any]:
        if not self.premium:
            return 403, {}, {"message": "403 Forbidden"}
        mr = self._mr(request)
        self._refresh(mr)
        approved = len(mr.approved_by) >= self.required
        return (
            200,
            {},
            {
                "rules": [
                    {
                        "name": "Diskominfo",
                        "approvals_required": self.required,
                        "approved_by": sorted(mr.approved_by),
                        "approved": approved,
                    }
                ]
            },
        )

    def _approve(self, request: Any) -> tuple[int, dict[str, str], Any]:
        mr = self._mr(request)
        self._refresh(mr)
        if json.loads(request.body or "{}").get("sha") != mr.seen_sha:
            return 409, {}, {"message": "SHA does not match HEAD of source branch"}
        mr.approved_by.add(self.user)
        return 201, {}, {"approved_by": sorted(mr.approved_by)}

    def _merge(self, request: Any) -> tuple[int, dict[str, str], Any]:
        mr = self._mr(request)
        self._refresh(mr)
        body = json.loads(request.body or "{}")
        if body.get("sha") != mr.seen_sha:
            return 409, {}, {"message": "SHA does not match HEAD of source branch"}
        if self._status_of(mr) != "mergeable":
            return 405, {}, {"message": "405 Method Not Allowed"}
        target = self.repo.must_resolve(f"refs/heads/{mr.target}")
        tree = self.repo.merge_tree(target, mr.seen_sha)
        if tree is None:
            return 422, {}, {"message": "Merge conflict"}
        commit = self.repo.commit_tree(tree, [target, mr.seen_sha], body["merge_commit_message"])
        assert self.repo.cas(f"refs/heads/{mr.target}", commit, target)
        mr.state, mr.merge_sha = "merged", commit
        return 200, {}, mr_body(mr.iid, mr.seen_sha, status="not_open", state="merged", merge_sha=commit)

    def _status(self, request: Any) -> tuple[int, dict[str, str], Any]:
        return 201, {}, {"status": json.loads(request.body)["state"]}

    def _protected_env(self, request: Any) -> tuple[int, dict[str, str], Any]:
        if not self.premium:
            return 404, {}, {"message": "404 Not found"}
        return 200, {}, {"name": "produksi", "required_approval_count": 1}

    def _mr_pipelines(self, request: Any) -> tuple[int, dict[str, str], Any]:
        mr = self._mr(request)
        self._refresh(mr)
        mine = [p for p in self.pipelines if p["iid"] == mr.iid]
        return 200, {}, [{"id": p["id"], "sha": p["sha"], "status": p["status"]} for p in reversed(mine)]

    def _pipeline(self, pid: int) -> dict[str, Any]:
        return next(p for p in self.pipelines if p["id"] == pid)

    def _jobs(self, request: Any) -> tuple[int, dict[str, str], Any]:
        pid = int(re.search(r"/pipelines/(\d+)/jobs", request.path_url).group(1))  # type: ignore[union-attr]
        return 200, {}, list(reversed(self._pipeline(pid)["jobs"]))

    def _retry(self, request: Any) -> tuple[int, dict[str, str], Any]:
        if not self.may_retry:
            return 403, {}, {"message": "403 Forbidden"}
        job_id = int(re.search(r"/jobs/(\d+)/retry", request.path_url).group(1))  # type: ignore[union-attr]
        pipeline = next(p for p in self.pipelines if any(j["id"] == job_id for j in p["jobs"]))
        old = next(j for j in pipeline["jobs"] if j["id"] == job_id)
        # the retried job runs at once; the registry decides its outcome, the forge only needs "done"
        new = {
            "id": max(j["id"] for p in self.pipelines for j in p["jobs"]) + 1,
            "name": old["name"],
            "status": "failed",
        }
        pipeline["jobs"].append(new)
        if self.origin is not None:
            self.evidence_at_retry.append(self.origin.refs("refs/repospbe/"))
        return 201, {}, new
