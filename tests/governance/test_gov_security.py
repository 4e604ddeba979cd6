"""Security tests of signed approvals (issue 4): each forges or abuses evidence and must fail."""

from __future__ import annotations

import json

import pytest

from repospbe.errors import PolicyError
from repospbe.governance import evidence as evs
from repospbe.governance import sshsig
from repospbe.pipeline.record import CheckStatus, PipelineRecord
from tests.governance.conftest import Gov, reviewers_yaml, signers_for
from tests.helpers.git import git


def _runner_ready(gov: Gov, branch: str = "ubah") -> int:
    gov.opd_change(branch)
    n = gov.open(branch)
    gov.runner_pipeline(n)  # a record trusted for every reviewer
    return n


def _problem_of(gov: Gov, n: int, reviewer: str) -> str:
    return [d.problem for d in gov.assess(n).decisions if d.reviewer == reviewer][-1]


def test_control_forged_helper_counts_when_properly_signed(gov: Gov) -> None:
    n = _runner_ready(gov)
    gov.forge_decision(n, "rahmat", key="rahmat")
    assert _problem_of(gov, n, "rahmat") == ""


def test_unsigned_approval_is_not_counted(gov: Gov) -> None:
    n = _runner_ready(gov)
    gov.forge_decision(n, "rahmat", key=None)
    gov.forge_decision(n, "siti", key=None)
    a = gov.assess(n)
    assert [d.problem for d in a.decisions] == ["tanda-tangan", "tanda-tangan"]
    assert a.approvals == [] and not a.mergeable


def test_signature_by_key_not_in_allowed_signers_is_rejected(gov: Gov) -> None:
    n = _runner_ready(gov)
    gov.forge_decision(n, "rahmat", key="outsider")
    assert _problem_of(gov, n, "rahmat") == "tanda-tangan"
    with pytest.raises(PolicyError) as exc:
        gov.approve(n, "outsider", own_run=True)
    assert exc.value.key == "mr.decide.not-reviewer"


def test_valid_reviewer_key_used_for_a_different_namespace_is_rejected(gov: Gov) -> None:
    n = _runner_ready(gov)
    gov.forge_decision(n, "rahmat", key="rahmat", namespace="git")
    gov.forge_decision(n, "siti", key="siti", namespace="repospbe-rilis@pontianakkota.go.id")
    a = gov.assess(n)
    assert [d.problem for d in a.decisions] == ["tanda-tangan", "tanda-tangan"]


def test_approval_by_the_merge_request_author_is_refused(gov: Gov) -> None:
    gov.opd_change("ubah")
    n = gov.open("ubah", key="rahmat")  # a reviewer opens their own change
    with pytest.raises(PolicyError) as exc:
        gov.approve(n, "rahmat")
    assert exc.value.key == "mr.decide.excluded.pembuka"
    gov.runner_pipeline(n)
    gov.forge_decision(n, "rahmat", key="rahmat")
    gov.approve(n, "siti")
    a = gov.assess(n)
    assert _problem_of(gov, n, "rahmat") == "pembuka"
    assert [d.reviewer for d in a.approvals] == ["siti"] and not a.mergeable


def test_approval_by_someone_who_committed_to_it_is_refused(gov: Gov) -> None:
    gov.opd_change("ubah")
    n = gov.open("ubah")
    gov.commit_on(
        "ubah",
        {"registry/opd/dinkes.yaml": "kode: dinkes\nnama: Dinas Kesehatan\njenis: dinas\n"},
        email="Siti@PontianakKota.go.id",
        new=False,
    )
    with pytest.raises(PolicyError) as exc:
        gov.approve(n, "siti")
    assert exc.value.key == "mr.decide.excluded.kontributor"
    gov.runner_pipeline(n)
    gov.forge_decision(n, "siti", key="siti")
    assert _problem_of(gov, n, "siti") == "kontributor"


def test_approval_for_older_source_sha_replayed_after_new_commit(gov: Gov) -> None:
    gov.opd_change("ubah")
    n = gov.open("ubah")
    gov.approve(n, "rahmat")
    gov.approve(n, "siti")
    assert gov.assess(n).mergeable
    ev = evs.load(gov.repo, n)
    assert ev is not None
    old = list(ev.decisions)
    gov.commit_on(
        "ubah", {"registry/opd/dinkes.yaml": "kode: dinkes\nnama: Dinas Kesehatan\njenis: dinas\n"}, new=False
    )
    # replay: copy the old signed decisions again as new evidence entries
    files = {}
    for i, (_name, signed) in enumerate(old, start=len(ev.decisions) + 1):
        base = f"keputusan/{i:04d}-{signed.data['reviewer']}"
        files[base + ".json"], files[base + ".sig"] = signed.raw, signed.sig
    gov.repo.append(evs.mr_ref(n), files, "replay\n")
    a = gov.assess(n)
    assert {d.problem for d in a.decisions} == {"usang"} and all(d.signature_ok for d in a.decisions)
    with pytest.raises(PolicyError) as exc:
        gov.merge(n)
    assert exc.value.key == "mr.merge.blocked"


def test_approval_copied_from_another_merge_request(gov: Gov) -> None:
    gov.opd_change("satu")
    one = gov.open("satu")
    gov.approve(one, "rahmat")
    gov.approve(one, "siti")
    # a second MR over the very same commits: copied approvals carry the first MR's number and opening
    git(gov.root, "branch", "dua", "satu")
    two = gov.open("dua")
    ev = evs.load(gov.repo, one)
    assert ev is not None
    files = {}
    for name, signed in ev.decisions:
        files[name] = signed.raw
        files[name[:-5] + ".sig"] = signed.sig
    for name, rec in ev.records.items():
        files.update(
            {
                f"pipeline/{name}/rekaman.json": rec.raw,
                **{f"pipeline/{name}/tanda-{p}.sig": s for p, s in rec.signatures.items()},
            }
        )
    gov.repo.append(evs.mr_ref(two), files, "copy\n")
    a = gov.assess(two)
    assert [d.problem for d in a.decisions] == ["mr-lain", "mr-lain"] and not a.mergeable


def test_pipeline_record_edited_after_approval_invalidates_it(gov: Gov) -> None:
    gov.opd_change("ubah")
    n = gov.open("ubah")
    gov.approve(n, "rahmat")
    gov.approve(n, "siti")
    ev = evs.load(gov.repo, n)
    assert ev is not None
    for digest, rec in ev.records.items():
        data = json.loads(rec.raw)
        data["registry_checks"][0]["findings"] = 0  # "tidy up" the record after the fact
        data["finished"] = "2026-01-01T00:00:00Z"
        gov.repo.append(evs.mr_ref(n), {f"pipeline/{digest}/rekaman.json": json.dumps(data).encode()}, "edit\n")
    a = gov.assess(n)
    assert [d.problem for d in a.decisions] == ["pipeline-berubah", "pipeline-berubah"]
    assert all(not r.intact for r in a.records) and not a.mergeable


def test_green_pipeline_record_fabricated_by_author_for_failing_code(gov: Gov, keyring: dict) -> None:
    bad = (gov.root / "registry/opd/diskominfo.yaml").read_text() + "rahasia: tidak-diizinkan\n"
    source = gov.commit_on("rusak", {"registry/opd/diskominfo.yaml": bad})
    n = gov.open("rusak")
    fake = PipelineRecord(
        registry_commit=source,
        registry_tree=gov.repo.tree_of(source),
        status="passed",
        started="2026-01-01T00:00:00Z",
        finished="2026-01-01T00:00:01Z",
        base_commit=gov.main(),
        registry_checks=(CheckStatus("registry", "passed"),),
        runner="ci",
    )
    sig = sshsig.sign(keyring["dev"], "repospbe-pipeline@pontianakkota.go.id", fake.canonical())
    gov.repo.append(evs.mr_ref(n), evs.record_files(fake, "runner-ci", sig, {}), "fabricated\n")
    a = gov.assess(n)
    [fake_v] = a.records
    assert fake_v.status == "passed" and fake_v.matches and fake_v.signed_by == () and not fake_v.runner
    with pytest.raises(PolicyError) as exc:
        gov.approve(n, "rahmat", own_run=True)  # not trusted: the reviewer's machine re-runs it, and it fails
    assert exc.value.key == "mr.decide.pipeline-failed"
    a = gov.assess(n)
    assert sorted(r.status for r in a.records) == ["failed", "passed"]
    assert [r.signed_by for r in a.records if r.status == "failed"] == [("rahmat",)]
    gov.forge_decision(n, "rahmat", key="rahmat", pipeline=fake.digest())
    assert _problem_of(gov, n, "rahmat") == "pipeline-tak-tepercaya"


def test_reviewer_removing_another_reviewer_in_the_mr_they_approve(gov: Gov, keyring: dict) -> None:
    inst = (gov.root / "registry/instance.yaml").read_text().replace("  jumlah: 2", "  jumlah: 1")
    gov.commit_on(
        "kudeta",
        {
            "registry/reviewers.yaml": reviewers_yaml(keyring, ("rahmat", "agus")),
            "registry/allowed_signers": signers_for(keyring, ("rahmat", "agus")),
            "registry/instance.yaml": inst,
        },
    )
    n = gov.open("kudeta", key="agus")  # policy files: only Diskominfo may open such a change
    gov.approve(n, "rahmat")
    a = gov.assess(n)
    assert a.required == 2 and not a.mergeable  # judged under the rules before the change
    with pytest.raises(PolicyError):
        gov.merge(n)
    gov.approve(n, "siti")  # the reviewer being removed still counts under the old rules
    assert gov.assess(n).mergeable
    gov.merge(n)
    assert gov.assess(n).problems[0][0] == "mr.problem.closed"
