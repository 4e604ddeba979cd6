"""Merge-request operations of the embedded forge: open, run the pipeline, decide."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from repospbe import stamp
from repospbe.errors import InputError, PolicyError
from repospbe.findings import Finding
from repospbe.governance import evidence as evs
from repospbe.governance import opensig, sshsig
from repospbe.governance.assess import Assessment, RecordVerdict, assess
from repospbe.governance.certsig import CertSigner, one_signer
from repospbe.governance.evidence import Evidence, mr_ref
from repospbe.governance.gitrepo import EVIDENCE_IDENT, Repo
from repospbe.governance.rules import Reviewer, Rules, load_rules
from repospbe.governance.runpipe import merge_commit_for, run_on
from repospbe.governance.standing import merged_subject
from repospbe.governance.trailers import one_line
from repospbe.pipeline.record import PipelineRecord
from repospbe.states import ApprovalBasis, Decision, MRState, Status


def now() -> str:
    return stamp.now()


@dataclass(frozen=True)
class Live:
    """A merge request with its live branch tips."""

    evidence: Evidence
    source_branch: str
    target_branch: str
    source: str | None
    target: str | None


def live(repo: Repo, number: int) -> Live:
    ev = evs.load(repo, number)
    if ev is None or ev.opening is None:
        raise InputError("mr.not-found", number=number)
    data = ev.opening.data
    src, tgt = str(data.get("sumber", "")), str(data.get("target", ""))
    return Live(
        ev,
        src,
        tgt,
        repo.resolve(f"refs/heads/{src}") if src else None,
        repo.resolve(f"refs/heads/{tgt}") if tgt else None,
    )


def current(repo: Repo, number: int) -> tuple[Live, Assessment]:
    """The merge request judged at its live branch tips; a merged one at the commits it was merged from."""
    lv = live(repo, number)
    if (merged := merged_subject(repo, lv.evidence)) is not None:
        return lv, assess(repo, lv.evidence, *merged)
    if lv.source is None or lv.target is None:
        raise InputError("mr.branch-missing", number=number, branch=lv.source_branch)
    return lv, assess(repo, lv.evidence, lv.source, lv.target)


def git_email(repo: Repo) -> str:
    ident = repo.run("var", "GIT_AUTHOR_IDENT", check=False)
    return ident.split("<", 1)[1].split(">", 1)[0].lower() if "<" in ident else ""


def open_mr(
    repo: Repo,
    source: str,
    target: str,
    title: str,
    description: str,
    key: Path | None,
    email: str | None = None,
    cert: CertSigner | None = None,
) -> int:
    """Sign and store the opening of a new merge request; return its number.

    Signed with the SSH ``key`` (``pembukaan.sig``), the certificate ``cert`` (``pembukaan.p7s``, CMS over
    the same bytes; refused before signing unless it validates now and names a NIP/NIK), or both."""
    if title != one_line(title):  # one line: a newline would put text of its own into the merge message
        raise InputError("mr.title-invalid")
    if key is None and cert is None:
        raise InputError("mr.decide.no-signer")
    src, tgt = repo.resolve(f"refs/heads/{source}"), repo.resolve(f"refs/heads/{target}")
    if src is None or tgt is None:
        raise InputError("mr.branch-missing", number=0, branch=source if src is None else target)
    if src == tgt or repo.is_ancestor(src, tgt):
        raise InputError("mr.nothing-to-merge", source=source, target=target)
    rules = load_rules(repo, tgt)
    opener = opensig.opener_fields(rules, key, cert, email or git_email(repo))
    for _ in range(20):
        number = max(evs.numbers(repo), default=0) + 1
        raw = evs.payload(
            {
                "jenis": "repospbe/pembukaan",
                "versi": 1,
                "mr": number,
                "judul": title,
                "deskripsi": description,
                "sumber": source,
                "target": target,
                "sumber_sha": src,
                "target_sha": tgt,
                "waktu": now(),
                "pembuka": opener,
            }
        )
        tree = repo.tree_with(None, opensig.opening_files(rules, raw, key, cert))
        commit = repo.commit_tree(tree, [], f"MR !{number}: dibuka\n", env=EVIDENCE_IDENT)
        if repo.cas(mr_ref(number), commit, None):
            return number
    raise PolicyError("git.append-raced", ref="refs/repospbe/mr/*")


def signer_name(rules: Rules, pub: str) -> str:
    """Principal a key signs pipeline records as: runner, reviewer, or an unknown key."""
    fp = sshsig.fingerprint(pub)
    for principal, key in rules.runners:
        if sshsig.fingerprint(key) == fp:
            return principal
    reviewer = rules.reviewer_by_key(pub)
    return reviewer.id if reviewer else "kunci-" + fp.encode().hex()[-16:]


def run_pipeline(repo: Repo, number: int, key: Path | None) -> tuple[PipelineRecord, list[Finding]]:
    """Run the pipeline on the merge request's subject and store the (optionally signed) record."""
    lv, a = current(repo, number)
    # Order matters (trust model): the pipeline (app tests in a sandbox or on a CI runner)
    # runs to completion first and its record is a frozen value; only then is the private
    # key used (``ssh-keygen -Y sign``), over exactly the bytes that are stored.
    record, findings, reports = _run(repo, a)
    sig, signer = None, ""
    if key is not None:
        signer = signer_name(a.rules, sshsig.public_key_of(key))
        sig = sshsig.sign(key, a.rules.ns("pipeline"), record.canonical())
    repo.append(
        mr_ref(number),
        evs.record_files(record, signer, sig, reports),
        f"MR !{number}: rekaman pipeline {record.digest()[:12]} ({record.status})\n",
    )
    return record, findings


def _run(repo: Repo, a: Assessment) -> tuple[PipelineRecord, list[Finding], dict[str, bytes]]:
    if a.rules.mode == ApprovalBasis.MERGE_RESULT:
        if a.merged_tree is None:
            raise PolicyError("mr.problem.conflict")
        return run_on(repo, merge_commit_for(repo, a.merged_tree, a.target, a.source), a.target, _key(a))
    return run_on(repo, a.source, a.target, _key(a))


def _key(a: Assessment) -> str | None:
    """Who the pipeline's ownership check judges: the opener's SSH key, else its certificate's NIP/NIK."""
    return (a.opener.key or a.opener.identity or None) if a.opener else None


def trusted_record(a: Assessment, reviewer: str) -> RecordVerdict | None:
    ok = [r for r in a.records if r.matches and (r.runner or reviewer in r.signed_by)]
    return ok[-1] if ok else None


def _decider(a: Assessment, key: Path | None, cert: CertSigner | None) -> Reviewer:
    """The reviewer deciding: named by the SSH key and/or the certificate (both must name the same one)."""
    reviewer = None
    if key is not None:
        # Only the public half (<key>.pub) is read here: the private key is used once the record is final.
        pub = sshsig.public_key_of(key, private_ok=False)
        reviewer = a.rules.reviewer_by_key(pub)
        if reviewer is None or reviewer.peran != a.rules.peran:
            raise PolicyError("mr.decide.not-reviewer", fingerprint=sshsig.fingerprint(pub), role=a.rules.peran)
    return one_signer(a.rules, reviewer, cert)


def decide(
    repo: Repo, number: int, key: Path | None, decision: Decision, reason: str, cert: CertSigner | None = None
) -> tuple[str, RecordVerdict | None]:
    """Record a signed decision; an approval first needs a trusted, passing pipeline record.

    Signed with the SSH ``key``, the certificate ``cert`` (a ``.p7s`` beside the decision), or both.
    Returns the decision file name and the pipeline record it binds."""
    lv, a = current(repo, number)
    if (state := lv.evidence.status.get("status")) in (MRState.MERGED, MRState.CLOSED):
        raise PolicyError("mr.decide.closed", number=number, state=str(state))
    reviewer = _decider(a, key, cert)
    if decision == Decision.REJECT and not reason.strip():
        raise InputError("mr.decide.reason-required")
    rec = None
    if decision == Decision.APPROVE:
        if reviewer.id in a.excluded:
            raise PolicyError(f"mr.decide.excluded.{a.excluded[reviewer.id]}", reviewer=reviewer.id)
        rec = trusted_record(a, reviewer.id)
        if rec is None and key is None:  # a certificate signs no pipeline record: a runner must have
            raise PolicyError("pki.needs-runner-record")
        if rec is None:  # no trusted record: re-run here; the key signs only the final record
            run_pipeline(repo, number, key)
            lv, a = current(repo, number)
            rec = trusted_record(a, reviewer.id)
        if rec is None or rec.status != Status.PASSED:
            raise PolicyError("mr.decide.pipeline-failed", status=rec.status if rec else "-")
    ev = lv.evidence
    assert ev.opening is not None
    raw = evs.payload(
        {
            "jenis": "repospbe/keputusan",
            "versi": 1,
            "mr": number,
            "pembukaan": ev.opening.digest,
            "sumber_sha": a.source,
            "target_sha": a.target,
            "patch_id": a.patch_id,
            "pipeline": rec.digest if rec else "",
            "keputusan": decision,
            "alasan": reason,
            "reviewer": reviewer.id,
            "waktu": now(),
        }
    )
    # The decision binds the final record's digest; it is signed after the pipeline finished.
    name = evs.next_decision_name(ev, reviewer.id)
    files = {f"{name}.json": raw}
    if key is not None:
        files[f"{name}.sig"] = sshsig.sign(key, a.rules.ns("keputusan"), raw)
    if cert is not None:
        files[f"{name}.p7s"] = cert.sign(raw)
        if cert.ocsp:
            files[f"{name}.ocsp"] = cert.ocsp
    repo.append(mr_ref(number), files, f"MR !{number}: {decision} oleh {reviewer.id}\n")
    return name, rec
