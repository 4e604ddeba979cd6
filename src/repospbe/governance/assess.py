"""Judge a merge request at one (source, target) pair: the single place every rule lives.

Used by ``mr show``/``mr list`` (live refs), ``mr merge`` (re-verified at merge time)
and ``audit verify`` (from the trailers of a merge commit). Rules come from the
target commit, so a change to the rules is judged under the rules before it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from repospbe import stamp
from repospbe.errors import InputError
from repospbe.governance import opensig, sshsig
from repospbe.governance.certsig import CERT, SigCheck, decision_signatures, signature_digest, signatures_verdict
from repospbe.governance.evidence import Evidence, Signed, StoredRecord
from repospbe.governance.gitrepo import Repo
from repospbe.governance.opensig import Opener as Opener
from repospbe.governance.rules import Rules, load_rules, touches_governance
from repospbe.governance.standing import Standing, effective_status
from repospbe.states import ApprovalBasis, Decision, MRState, Status

DECISIONS = tuple(Decision)


@dataclass(frozen=True)
class RecordVerdict:
    digest: str
    status: str
    intact: bool
    matches: bool
    signed_by: tuple[str, ...]
    runner: bool
    apps: tuple[tuple[str, str], ...] = ()  # (app, isolation of its tests: bubblewrap, ci-runner, '' = not run)


@dataclass(frozen=True)
class DecisionVerdict:
    name: str
    reviewer: str
    decision: str
    reason: str
    time: str
    pipeline: str
    signature_ok: bool
    problem: str  # '' when the decision counts
    sig_digest: str
    signatures: tuple[SigCheck, ...] = ()  # each signature beside it judged on its own (SSH, certificate)


@dataclass
class Assessment:
    number: int
    source: str
    target: str
    patch_id: str
    rules: Rules
    opening: dict[str, Any]
    opener: Opener | None
    merged_tree: str | None
    opening_signatures: tuple[SigCheck, ...] = ()  # the opening's signatures, each judged (opensig)
    records: list[RecordVerdict] = field(default_factory=list)
    decisions: list[DecisionVerdict] = field(default_factory=list)
    standings: tuple[Standing, ...] = ()  # effective status of each decision (same order)
    approvals: list[DecisionVerdict] = field(default_factory=list)
    rejections: list[DecisionVerdict] = field(default_factory=list)
    required: int = 0
    excluded: dict[str, str] = field(default_factory=dict)
    problems: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @property
    def mergeable(self) -> bool:
        return not self.problems


def assess(repo: Repo, ev: Evidence, source: str, target: str) -> Assessment:
    rules = load_rules(repo, target)
    opening = ev.opening.data if ev.opening else {}
    verdict = opensig.judge(ev, rules)
    a = Assessment(
        ev.number,
        source,
        target,
        repo.patch_id(target, source),
        rules,
        opening,
        verdict.opener,
        repo.merge_tree(target, source),
        verdict.signatures,
    )
    a.records = [_record(repo, a, rec) for rec in ev.records.values()]
    a.excluded = _excluded(repo, a)
    a.decisions = [_decision(a, ev, name, signed) for name, signed in ev.decisions]
    a.standings = effective_status(a.decisions)
    in_force = [d for d, s in zip(a.decisions, a.standings, strict=True) if s.counted]
    a.approvals = [d for d in in_force if d.decision == Decision.APPROVE]
    a.rejections = [d for d in in_force if d.decision == Decision.REJECT]
    a.required = _required(repo, a)
    a.problems = _problems(repo, a, ev)
    return a


def subject_matches(a: Assessment, rec: StoredRecord) -> bool:
    parsed = rec.record()
    if parsed is None:
        return False
    if a.rules.mode == ApprovalBasis.MERGE_RESULT:
        return a.merged_tree is not None and parsed.registry_tree == a.merged_tree and parsed.base_commit == a.target
    return parsed.registry_commit == a.source


def _record(repo: Repo, a: Assessment, rec: StoredRecord) -> RecordVerdict:
    signers = a.rules.allowed_signers(runners=True)
    signed_by = tuple(
        p
        for p, sig in sorted(rec.signatures.items())
        if sshsig.verify(signers, p, a.rules.ns("pipeline"), rec.raw, sig)
    )
    parsed = rec.record()
    runners = {p for p, _ in a.rules.runners}
    return RecordVerdict(
        rec.name,
        parsed.status if parsed else "rusak",
        rec.intact,
        rec.intact and subject_matches(a, rec),
        signed_by,
        any(p in runners for p in signed_by),
        app_isolation(rec.raw),
    )


def app_isolation(raw: bytes) -> tuple[tuple[str, str], ...]:
    """Where each app's tests ran, read from the record's JSON (records older than the
    ``isolation`` field say '' = app tests not run)."""
    try:
        apps = json.loads(raw.decode("utf-8")).get("apps", [])
    except (UnicodeDecodeError, ValueError, AttributeError):
        return ()
    return (
        tuple((str(x.get("key", "?")), str(x.get("isolation", "") or "")) for x in apps if isinstance(x, dict))
        if isinstance(apps, list)
        else ()
    )


def _excluded(repo: Repo, a: Assessment) -> dict[str, str]:
    """Reviewers who may not approve: the opener, and everyone who authored or committed."""
    out: dict[str, str] = {}
    emails = repo.emails(a.target, a.source)
    for r in a.rules.reviewers:
        if a.opener and (
            r.id in (a.opener.reviewer, a.opener.cert_reviewer) or (a.opener.email and a.opener.email in r.email)
        ):
            out[r.id] = "pembuka"
        elif emails & set(r.email):
            out[r.id] = "kontributor"
    return out


def _decision(a: Assessment, ev: Evidence, name: str, signed: Signed) -> DecisionVerdict:
    d = signed.data
    rid = str(d.get("reviewer", ""))
    checks = decision_signatures(a.rules, rid, signed)  # SSH and/or certificate (certsig), each judged
    ok_sig, sig_problem = signatures_verdict(a.rules.reviewer(rid) is not None, checks)
    problem = _decision_problem(a, ev, d, rid, ok_sig) if ok_sig else sig_problem
    return DecisionVerdict(
        name,
        rid,
        str(d.get("keputusan", "")),
        str(d.get("alasan", "")),
        str(d.get("waktu", "")),
        str(d.get("pipeline", "")),
        ok_sig,
        problem,
        signature_digest(signed),
        checks,
    )


def sshsig_digest(sig: bytes) -> str:
    from repospbe.pipeline.record import sha256_bytes

    return sha256_bytes(sig) if sig else ""


def _decision_problem(a: Assessment, ev: Evidence, d: dict[str, Any], rid: str, ok_sig: bool) -> str:
    reviewer = a.rules.reviewer(rid)
    if not ok_sig or reviewer is None:
        return "tanda-tangan"
    if d.get("mr") != ev.number or ev.opening is None or d.get("pembukaan") != ev.opening.digest:
        return "mr-lain"
    if d.get("keputusan") not in DECISIONS or (
        d.get("keputusan") == Decision.REJECT and not str(d.get("alasan", "")).strip()
    ):
        return "isi"
    if reviewer.peran != a.rules.peran:
        return "peran"
    if (d.get("sumber_sha"), d.get("target_sha"), d.get("patch_id")) != (a.source, a.target, a.patch_id):
        return "usang"
    if d.get("keputusan") == Decision.APPROVE:
        if rid in a.excluded:
            return a.excluded[rid]
        return _pipeline_problem(a, str(d.get("pipeline", "")), rid)
    return ""


def _pipeline_problem(a: Assessment, digest: str, rid: str) -> str:
    rec = next((r for r in a.records if r.digest == digest), None)
    if rec is None or not rec.intact:
        return "pipeline-berubah"
    if not rec.matches:
        return "pipeline-lain"
    if not (rec.runner or rid in rec.signed_by):
        return "pipeline-tak-tepercaya"
    if rec.status != Status.PASSED:
        return "pipeline-gagal"
    return ""


def _required(repo: Repo, a: Assessment) -> int:
    if not touches_governance(repo.changed(a.target, a.source)):
        return a.rules.jumlah
    new = load_rules(repo, a.source)
    return max(a.rules.jumlah, new.jumlah if not new.problems else a.rules.jumlah)


def _ownership(repo: Repo, a: Assessment) -> list[tuple[str, dict[str, Any]]]:
    """Every path the opener may not touch (issue: each OPD changes only its own records),
    judged on the registry as it was at the target, on the day the merge request was opened;
    asked of each counted signer of the opening (its SSH key and/or its certificate's NIP)."""
    from repospbe.ownership.check import check_change

    try:
        day = stamp.parse(str(a.opening.get("waktu", ""))).date()
    except InputError:
        day = datetime.now(UTC).date()
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    for principal in a.opener.principals if a.opener else ("",):
        for f in check_change(repo.path, a.target, a.source, principal, day):
            params = {**dict(f.params), "path": f.path or "-"}
            out.setdefault(f"{f.check_id} {sorted(params.items())}", (f"mr.problem.{f.check_id}", params))
    return list(out.values())


def _problems(repo: Repo, a: Assessment, ev: Evidence) -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    if ev.status.get("status") in (MRState.MERGED, MRState.CLOSED):
        out.append(("mr.problem.closed", {"state": ev.status.get("status")}))
    if a.opener is None:
        refused = next((c for c in a.opening_signatures if c.kind == CERT and not c.counted), None)
        out.append((f"mr.problem.opening-{refused.problem}", {}) if refused else ("mr.problem.opening", {}))
    if a.rules.problems:
        out.append(("mr.problem.rules", {"detail": ", ".join(a.rules.problems)}))
    if a.merged_tree is None:
        out.append(("mr.problem.conflict", {}))
    if a.opener is not None:
        out += _ownership(repo, a)
    for d in a.rejections:
        out.append(("mr.problem.rejected", {"reviewer": d.reviewer, "reason": d.reason}))
    if len(a.approvals) < a.required:
        out.append(("mr.problem.approvals", {"have": len(a.approvals), "need": a.required}))
    return out
