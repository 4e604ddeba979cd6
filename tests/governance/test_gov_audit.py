"""audit verify: direct commits, force-pushes (rewrites), tampered merges, output formats."""

from __future__ import annotations

import json

import pytest

from repospbe.governance.audit import verify
from tests.governance.conftest import Gov
from tests.helpers.cli import run_cli
from tests.helpers.git import git


def _merged(gov: Gov, branch: str = "ubah", name: str = "Dinas Kominfo") -> str:
    gov.opd_change(branch, name=name)
    n = gov.open(branch)
    gov.approve(n, "rahmat")
    gov.approve(n, "siti")
    return gov.merge(n).commit


def test_direct_commit_to_main_is_caught_by_audit_verify(gov: Gov, capsys: pytest.CaptureFixture[str]) -> None:
    _merged(gov)
    assert not verify(gov.repo).breaches
    gov.write("registry/opd/dinkes.yaml", "kode: dinkes\nnama: Dinas Kesehatan\njenis: dinas\n")
    git(gov.root, "add", "-A")
    git(gov.root, "commit", "-qm", "langsung ke main")
    direct = gov.main()
    report = verify(gov.repo)
    assert [(e.kind, e.subject, e.detail) for e in report.breaches] == [
        ("perubahan-langsung", direct, "registry/opd/dinkes.yaml")
    ]
    res = run_cli(capsys, "audit", "verify", "--registry", str(gov.root), "--format", "json")
    assert res.code == 1
    data = json.loads(res.out)
    assert data["ok"] is False and data["pelanggaran"] == 1
    md = run_cli(capsys, "audit", "verify", "--registry", str(gov.root), "--format", "markdown")
    assert md.code == 1 and "❌" in md.out and "PELANGGARAN" in md.out


def test_force_push_rewriting_main_is_caught_by_audit_verify(gov: Gov) -> None:
    before = gov.main()
    merged = _merged(gov)
    # rewrite: main goes back before the merge and a look-alike commit is put on top
    gov.repo.run("update-ref", "refs/heads/main", before)
    git(gov.root, "reset", "-q", "--hard", before)
    gov.write("registry/opd/diskominfo.yaml", (gov.root / "registry/opd/diskominfo.yaml").read_text() + "\n")
    git(gov.root, "commit", "-qam", "Gabung MR !1 (palsu)")
    kinds = sorted((e.kind, e.subject) for e in verify(gov.repo).breaches)
    assert kinds == sorted([("riwayat", merged), ("perubahan-langsung", gov.main())])


def test_history_replaced_from_genesis_is_caught(gov: Gov) -> None:
    git(gov.root, "checkout", "-q", "--orphan", "baru")
    git(gov.root, "commit", "-qm", "riwayat baru")
    gov.repo.run("update-ref", "refs/heads/main", gov.repo.must_resolve("refs/heads/baru"))
    breaches = verify(gov.repo).breaches
    assert breaches[0].kind == "riwayat" and "genesis" in breaches[0].detail


def test_merge_commit_with_copied_trailers_but_other_content_is_caught(gov: Gov) -> None:
    merged = _merged(gov)
    parents = gov.repo.parents(merged)
    gov.write("registry/opd/dinkes.yaml", "kode: dinkes\nnama: Dinas Kesehatan\njenis: dinas\n")
    git(gov.root, "add", "-A")
    tree = git(gov.root, "write-tree").strip()
    fake = gov.repo.commit_tree(tree, parents, gov.repo.message(merged))
    gov.repo.run("update-ref", "refs/heads/main", fake)
    details = [(e.kind, e.detail) for e in verify(gov.repo).breaches]
    assert ("gabung", "MR !1: isi-gabungan") in details


def test_audit_since_ref_and_english(gov: Gov, capsys: pytest.CaptureFixture[str]) -> None:
    git(gov.root, "commit", "-q", "--allow-empty", "-m", "langsung")
    marker = gov.main()
    _merged(gov)
    assert verify(gov.repo).breaches
    assert not verify(gov.repo, since=marker).breaches
    res = run_cli(capsys, "audit", "verify", "--registry", str(gov.root), "--since", marker, "--lang", "en")
    assert res.code == 0 and "RESULT: no breaches" in res.out
