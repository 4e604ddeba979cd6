"""The whole embedded story on a real repo: open, reject, fix, approve twice, merge, audit."""

from __future__ import annotations

import pytest

from repospbe.errors import PolicyError
from repospbe.governance import evidence as evs
from repospbe.governance.audit import verify
from repospbe.governance.merge import parse_trailers
from tests.governance.conftest import Gov
from tests.helpers.git import git


def test_open_reject_fix_approve_merge_audit(gov: Gov) -> None:
    gov.opd_change("ubah-opd", name="Dinas Kominfo Baru")
    n = gov.open("ubah-opd")
    gov.reject(n, "rahmat", "Nama OPD tidak sesuai Perwa")
    a = gov.assess(n)
    assert [k for k, _ in a.problems] == ["mr.problem.rejected", "mr.problem.approvals"]
    gov.commit_on(
        "ubah-opd",
        {
            "registry/opd/diskominfo.yaml": (gov.root / "registry/opd/diskominfo.yaml")
            .read_text()
            .replace("nama: Dinas Komunikasi dan Informatika", "nama: Dinas Komunikasi, Informatika dan Statistik")
        },
        new=False,
    )
    assert gov.assess(n).decisions[0].problem == "usang"  # the rejection was for the old commit
    gov.approve(n, "rahmat", own_run=True)  # no runner record: each reviewer's machine re-runs the pipeline
    gov.approve(n, "siti", own_run=True)
    a = gov.assess(n)
    assert a.mergeable and sorted(d.reviewer for d in a.approvals) == ["rahmat", "siti"]
    # (two runs within the same second give the same record, then signed by both)
    assert {p for r in a.records if r.matches for p in r.signed_by} == {"rahmat", "siti"}
    old_main = gov.main()
    result = gov.merge(n)
    assert gov.main() == result.commit
    assert gov.repo.parents(result.commit) == [old_main, a.source]
    trailers = parse_trailers(gov.repo.message(result.commit))
    assert trailers["Repospbe-MR"] == [str(n)] and trailers["Repospbe-Sumber"] == [a.source]
    assert len(trailers["Repospbe-Disetujui"]) == 2
    assert result.worktree_updated
    assert "Statistik" in (gov.root / "registry/opd/diskominfo.yaml").read_text()
    report = verify(gov.repo)
    assert not report.breaches
    assert [e.kind for e in report.events] == ["genesis", "persetujuan", "persetujuan", "gabung"]
    with pytest.raises(PolicyError) as exc:
        gov.merge(n)
    assert exc.value.key == "mr.merge.blocked"


def test_moved_target_invalidates_approvals(gov: Gov) -> None:
    gov.opd_change("a")
    n = gov.open("a")
    gov.approve(n, "rahmat")
    gov.approve(n, "siti")
    gov.commit_on("b", {"registry/opd/dinkes.yaml": "kode: dinkes\nnama: Dinas Kesehatan\njenis: dinas\n"})
    m = gov.open("b")
    gov.approve(m, "rahmat")
    gov.approve(m, "agus")
    gov.merge(m)
    a = gov.assess(n)
    assert {d.problem for d in a.decisions} == {"usang"}
    assert not a.mergeable
    with pytest.raises(PolicyError):
        gov.merge(n)


def test_merge_refuses_conflict(gov: Gov) -> None:
    gov.opd_change("x", name="Nama X")
    gov.opd_change("y", name="Nama Y")
    nx, ny = gov.open("x"), gov.open("y")
    for n in (nx, ny):
        gov.approve(n, "rahmat")
        gov.approve(n, "siti")
    gov.merge(nx)
    a = gov.assess(ny)
    assert ("mr.problem.conflict", {}) in a.problems


def test_merge_result_mode_binds_records_to_the_merged_tree(gov: Gov) -> None:
    inst = (
        (gov.root / "registry/instance.yaml")
        .read_text()
        .replace("  jumlah: 2", "  jumlah: 2\n  uji_pada: hasil-gabung")
    )
    gov.write("registry/instance.yaml", inst)
    git(gov.root, "commit", "-qam", "uji pada hasil gabung")
    gov.repo.run("update-ref", "refs/repospbe/genesis", gov.main())
    gov.opd_change("a")
    n = gov.open("a")
    gov.approve(n, "rahmat")
    gov.approve(n, "siti")
    a = gov.assess(n)
    [rec] = [r for r in a.records if r.matches]
    parsed = evs.load(gov.repo, n).records[rec.digest].record()  # type: ignore[union-attr]
    assert parsed is not None and parsed.registry_tree == a.merged_tree and parsed.base_commit == a.target
    assert parsed.registry_commit != a.source
    result = gov.merge(n)
    assert gov.repo.tree_of(result.commit) == parsed.registry_tree
    assert not verify(gov.repo).breaches
