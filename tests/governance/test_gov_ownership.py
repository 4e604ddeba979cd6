"""Ownership runs inside `mr merge`: a maintainer's approved change to another OPD's record is refused."""

from __future__ import annotations

import pytest

from repospbe.errors import PolicyError
from tests.governance.conftest import Gov


def test_mr_merge_refuses_a_cross_opd_change(gov: Gov) -> None:
    text = (gov.root / "registry/opd/bkd.yaml").read_text().replace("jenis: badan", "jenis: dinas")
    gov.commit_on("ubah-bkd", {"registry/opd/bkd.yaml": text})
    n = gov.open("ubah-bkd")  # dev maintains diskominfo and dinkes, not bkd
    with pytest.raises(PolicyError) as exc:  # the pipeline (with the opener's key) fails on ownership
        gov.approve(n, "rahmat")
    assert exc.value.key == "mr.decide.pipeline-failed"
    a = gov.assess(n)
    assert [r.status for r in a.records] == ["failed"]
    ownership = [(k, p["path"], p["rule"]) for k, p in a.problems if k.startswith("mr.problem.owner")]
    assert ownership == [("mr.problem.owner.forbidden", "registry/opd/bkd.yaml", "own-opd")]
    before = gov.main()
    with pytest.raises(PolicyError):
        gov.merge(n)
    assert gov.main() == before


def test_mr_merge_allows_the_maintainers_own_opd(gov: Gov) -> None:
    gov.opd_change("ubah-sendiri")
    n = gov.open("ubah-sendiri")
    gov.approve(n, "rahmat")
    gov.approve(n, "siti")
    assert gov.assess(n).mergeable
    gov.merge(n)


def test_mr_gate_is_the_pipelines_approval_stage(gov: Gov, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.helpers.cli import run_cli

    gov.opd_change("gerbang")
    n = gov.open("gerbang")
    blocked = run_cli(capsys, "mr", "gate", str(n), "--registry", str(gov.root))
    assert blocked.code == 1 and "persetujuan sah 0 dari 2" in blocked.out
    gov.approve(n, "rahmat")
    gov.approve(n, "siti")
    ok = run_cli(capsys, "mr", "gate", str(n), "--registry", str(gov.root))
    assert ok.code == 0, ok.out
    unlinked = run_cli(capsys, "mr", "gate", "--gitlab-iid", "77", "--registry", str(gov.root))
    assert unlinked.code == 2 and "77" in unlinked.err
