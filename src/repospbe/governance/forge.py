"""The Forge interface: the only code that differs between plain git and GitLab.

``EmbeddedForge`` keeps everything in the registry's own git refs (the default,
no server). ``repospbe.governance.gitlab_forge.GitLabForge`` speaks to a GitLab
instance and falls back to the same registry enforcement where a tier lacks an
endpoint.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from repospbe.errors import InputError
from repospbe.findings import Finding
from repospbe.governance import evidence as evs
from repospbe.governance import mr as ops
from repospbe.governance.assess import Assessment
from repospbe.governance.audit import AuditReport, verify
from repospbe.governance.certsig import CertSigner
from repospbe.governance.deploy import Plan, apply, plan
from repospbe.governance.gitrepo import Repo
from repospbe.governance.merge import MergeResult, merge
from repospbe.pipeline.record import PipelineRecord
from repospbe.states import Decision, MRState

Findings = list[Finding]  # a name: the forges have a method called ``list``


@dataclass(frozen=True)
class MergeRequestInfo:
    number: int
    title: str
    source_branch: str
    target_branch: str
    state: MRState
    source: str
    target: str


class Forge(Protocol):
    @property
    def repo(self) -> Repo: ...  # the registry repository holding the evidence refs
    def stored_records(self, number: int) -> dict[str, evs.StoredRecord]: ...
    def number_for_gitlab_iid(self, iid: int) -> int: ...
    def open(
        self, source: str, target: str, title: str, description: str, key: Path | None, cert: CertSigner | None = None
    ) -> int: ...
    def list(self) -> list[MergeRequestInfo]: ...
    def show(self, number: int) -> tuple[MergeRequestInfo, Assessment]: ...
    def record_pipeline(self, number: int, key: Path | None) -> tuple[PipelineRecord, Findings]: ...
    def decide(
        self, number: int, key: Path | None, decision: Decision, reason: str, cert: CertSigner | None = None
    ) -> str: ...
    def merge(self, number: int) -> MergeResult: ...
    def plan_deployment(self, app: str, env: str, version: str | None) -> Plan: ...
    def approve_deployment(
        self, the_plan: Plan, checksum: str, key: Path | None, cert: CertSigner | None = None
    ) -> tuple[str, str]: ...
    def history(self, since: str | None) -> AuditReport: ...


class EmbeddedForge:
    """Merge requests as branches, evidence in ``refs/repospbe/*`` of the registry repo."""

    def __init__(self, root: Path) -> None:
        self.repo = Repo(root)

    def open(
        self, source: str, target: str, title: str, description: str, key: Path | None, cert: CertSigner | None = None
    ) -> int:
        return ops.open_mr(self.repo, source, target, title, description, key, cert=cert)

    def info(self, number: int) -> MergeRequestInfo:
        lv = ops.live(self.repo, number)
        data = lv.evidence.opening.data if lv.evidence.opening else {}
        state = MRState.parse(lv.evidence.status.get("status", MRState.OPEN), f"MR !{number} status.json")
        return MergeRequestInfo(
            number,
            str(data.get("judul", "")),
            lv.source_branch,
            lv.target_branch,
            state,
            lv.source or "",
            lv.target or "",
        )

    def list(self) -> list[MergeRequestInfo]:
        return [self.info(n) for n in evs.numbers(self.repo)]

    def stored_records(self, number: int) -> dict[str, evs.StoredRecord]:
        """The pipeline records stored with merge request ``number``, by digest."""
        ev = evs.load(self.repo, number)
        return ev.records if ev else {}

    def number_for_gitlab_iid(self, iid: int) -> int:
        """The registry MR linked to GitLab MR ``iid``; else the one whose source is the commit under test.

        An MR opened with the embedded forge (``repospbe mr open`` without GitLab) has no link, but its
        signed approvals bind its source commit: in a merge-request pipeline that is ``HEAD``."""
        for number in evs.numbers(self.repo):
            ev = evs.load(self.repo, number)
            raw = self.repo.blob(ev.commit, "forge.json") if ev else None
            if raw and int(json.loads(raw).get("gitlab_iid", -1)) == iid:
                return number
        head = self.repo.resolve("HEAD")
        for number in evs.numbers(self.repo):
            try:
                source = ops.live(self.repo, number).source
            except InputError:
                continue
            if head is not None and source == head:
                return number
        raise InputError("gov.gate.unlinked", iid=iid)

    def show(self, number: int) -> tuple[MergeRequestInfo, Assessment]:
        _, a = ops.current(self.repo, number)
        return self.info(number), a

    def record_pipeline(self, number: int, key: Path | None) -> tuple[PipelineRecord, Findings]:
        """Run and store the pipeline of merge request ``number``: its record and its findings."""
        return ops.run_pipeline(self.repo, number, key)

    def decide(
        self, number: int, key: Path | None, decision: Decision, reason: str, cert: CertSigner | None = None
    ) -> str:
        return ops.decide(self.repo, number, key, decision, reason, cert)[0]

    def merge(self, number: int) -> MergeResult:
        return merge(self.repo, number)

    def plan_deployment(self, app: str, env: str, version: str | None) -> Plan:
        return plan(self.repo, app, env, version)

    def approve_deployment(
        self, the_plan: Plan, checksum: str, key: Path | None, cert: CertSigner | None = None
    ) -> tuple[str, str]:
        return apply(self.repo, the_plan, checksum, key, cert)

    def history(self, since: str | None) -> AuditReport:
        return verify(self.repo, since=since)
