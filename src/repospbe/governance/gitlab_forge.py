"""The Forge on GitLab: GitLab carries the merge request, the registry keeps the rules.

Signed decisions, pipeline trust and policy are the registry's own (the embedded
engine); GitLab's native controls (approval rules, protected environments) are
checked *in addition* when the tier has them. When an endpoint is missing (403/404)
the registry's enforcement still applies: nothing passes because GitLab is silent.
Every GitLab write is pinned to the SHA the registry assessed.
"""

from __future__ import annotations

import json
from pathlib import Path

from repospbe.canonical import canonical_json
from repospbe.errors import PolicyError
from repospbe.governance import evidence as evs
from repospbe.governance.assess import Assessment
from repospbe.governance.audit import AuditReport
from repospbe.governance.certsig import CertSigner
from repospbe.governance.deploy import Plan
from repospbe.governance.forge import EmbeddedForge, Findings, Forge, MergeRequestInfo
from repospbe.governance.gitlab_api import GitLabAPI
from repospbe.governance.gitrepo import Repo
from repospbe.governance.merge import MergeResult, merge_message
from repospbe.governance.mr import current, now
from repospbe.governance.wording import MergeBlocked
from repospbe.pipeline.record import PipelineRecord
from repospbe.states import Decision, MRState, Status


class GitLabForge:
    def __init__(self, local: EmbeddedForge, api: GitLabAPI) -> None:
        self.local = local
        self.api = api
        self.fallbacks: list[str] = []  # GitLab controls the tier lacked (registry enforced them)
        self.gate_retried: int | None = None  # the approval-gate job retried after the last approval

    def iid(self, number: int) -> int:
        ev = evs.load(self.local.repo, number)
        raw = self.local.repo.blob(ev.commit, "forge.json") if ev else None
        if not raw:
            raise PolicyError("gitlab.unlinked", number=number)
        return int(json.loads(raw)["gitlab_iid"])

    def open(
        self, source: str, target: str, title: str, description: str, key: Path | None, cert: CertSigner | None = None
    ) -> int:
        number = self.local.open(source, target, title, description, key, cert)
        iid = self.api.create_mr(source, target, title, f"{description}\n\nrepospbe MR !{number}".strip())
        link = canonical_json({"gitlab_iid": iid, "project": self.api.config.project, "waktu": now()})
        self.local.repo.append(evs.mr_ref(number), {"forge.json": link}, f"MR !{number}: GitLab !{iid}\n")
        return number

    @property
    def repo(self) -> Repo:
        return self.local.repo

    def list(self) -> list[MergeRequestInfo]:
        return self.local.list()

    def stored_records(self, number: int) -> dict[str, evs.StoredRecord]:
        return self.local.stored_records(number)

    def number_for_gitlab_iid(self, iid: int) -> int:
        return self.local.number_for_gitlab_iid(iid)

    def show(self, number: int) -> tuple[MergeRequestInfo, Assessment]:
        return self.local.show(number)

    def record_pipeline(self, number: int, key: Path | None) -> tuple[PipelineRecord, Findings]:
        record, findings = self.local.record_pipeline(number, key)
        state = "success" if record.status == Status.PASSED else "failed"  # GitLab commit status words
        self.api.set_status(record.registry_commit, state, "repospbe", f"rekaman {record.digest()}")
        return record, findings

    def decide(
        self, number: int, key: Path | None, decision: Decision, reason: str, cert: CertSigner | None = None
    ) -> str:
        """Sign the decision; share it on ``origin``; on approval, approve on GitLab pinned to the SHA
        and re-run the ``approval-gate`` job of the MR's newest pipeline on that SHA.

        GitLab starts no pipeline when someone approves, so the gate that failed before the
        approvals would stay red. Retrying that one job (not a new MR pipeline) re-evaluates only
        the gate, on the same pipeline and SHA, without re-running the validate and child scan
        jobs; the job fetches ``refs/repospbe/*`` from origin, so the evidence is pushed first."""
        name = self.local.decide(number, key, decision, reason, cert)
        self._share(number)
        if decision == Decision.APPROVE:
            _, a = current(self.local.repo, number)
            iid = self.iid(number)
            self.api.approve(iid, sha=a.source)
            self.gate_retried = self.api.retry_gate(iid, a.source)
            if self.gate_retried is None:
                self.fallbacks.append("gate_retry")
        return name

    def _share(self, number: int) -> None:
        """Push the MR's evidence ref to ``origin`` (append-only, never forced); no origin: nothing."""
        repo = self.local.repo
        if "origin" not in repo.run("remote").split():
            return
        ref = evs.mr_ref(number)
        if repo.run_raw("push", "--quiet", "origin", f"{ref}:{ref}").returncode != 0:
            raise PolicyError("gitlab.evidence-not-shared", number=number)

    def merge(self, number: int) -> MergeResult:
        lv, a = current(self.local.repo, number)
        if a.problems:
            raise MergeBlocked(number, a.problems)
        iid = self.iid(number)
        mr = self.api.wait_stable(iid)
        if mr.get("sha") != a.source:
            raise PolicyError("gitlab.sha-moved", operation="merge")
        self._gitlab_approvals(iid)
        commit = self.api.merge(iid, a.source, merge_message(a, lv.evidence.commit))
        status = canonical_json(
            {"status": MRState.MERGED, "commit": commit, "target": lv.target_branch, "waktu": now()}
        )
        self.local.repo.append(evs.mr_ref(number), {"status.json": status}, f"MR !{number}: digabung di GitLab\n")
        return MergeResult(commit, lv.target_branch, False)

    def _gitlab_approvals(self, iid: int) -> None:
        state = self.api.approval_state(iid)
        if state is None:
            self.fallbacks.append("approval_rules")
            return
        pending = [r.get("name", "?") for r in state.get("rules", []) if not r.get("approved")]
        if pending:
            raise PolicyError("gitlab.not-approved", rules=", ".join(str(p) for p in pending))

    def plan_deployment(self, app: str, env: str, version: str | None) -> Plan:
        return self.local.plan_deployment(app, env, version)

    def approve_deployment(
        self, the_plan: Plan, checksum: str, key: Path | None, cert: CertSigner | None = None
    ) -> tuple[str, str]:
        env, sha = the_plan.data["env"], the_plan.data["commit"]
        if self.api.protected_environment(env) is None:
            self.fallbacks.append("protected_environment")
        result = self.local.approve_deployment(the_plan, checksum, key, cert)
        deployment = self.api.blocked_deployment(env, sha)
        if deployment is not None:
            self.api.approve_deployment(deployment, f"repospbe {the_plan.checksum}")
        return result

    def history(self, since: str | None) -> AuditReport:
        return self.local.history(since)


def select_forge(root: Path) -> Forge:
    """``REPOSPBE_FORGE=gitlab`` selects GitLab (configured from the environment); else embedded."""
    import os

    from repospbe.governance.gitlab_api import GitLabConfig

    local = EmbeddedForge(root)
    if os.environ.get("REPOSPBE_FORGE", "embedded") == "gitlab":
        return GitLabForge(local, GitLabAPI(GitLabConfig.from_env()))
    return local
