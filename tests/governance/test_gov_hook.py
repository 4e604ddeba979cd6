"""The pre-receive hook on a real bare repository, exercised with real ``git push``."""

from __future__ import annotations

from pathlib import Path

from repospbe.governance.gitrepo import ZERO
from repospbe.governance.hook import check_updates
from tests.governance.conftest import Gov, push
from tests.helpers.git import git


def remote_main(bare: Path) -> str:
    return git(bare, "rev-parse", "refs/heads/main").strip()


def test_hook_refuses_a_direct_commit_pushed_to_main(gov: Gov, server: Path) -> None:
    before = remote_main(server)
    gov.write("registry/opd/dinkes.yaml", "kode: dinkes\nnama: Dinas Kesehatan\njenis: dinas\n")
    git(gov.root, "add", "-A")
    git(gov.root, "commit", "-qm", "langsung")
    proc = push(gov, "main")
    assert proc.returncode != 0
    assert "push langsung ke main ditolak" in proc.stderr
    assert remote_main(server) == before


def test_hook_accepts_a_verified_merge_pushed_with_its_evidence(gov: Gov, server: Path) -> None:
    gov.opd_change("ubah")
    n = gov.open("ubah")
    gov.approve(n, "rahmat")
    gov.approve(n, "siti")
    merged = gov.merge(n).commit
    assert push(gov, "main").returncode != 0  # without its evidence the merge cannot be verified
    proc = push(gov, "main", "refs/repospbe/*:refs/repospbe/*")
    assert proc.returncode == 0, proc.stderr
    assert remote_main(server) == merged


def test_hook_refuses_force_push_and_deletion_of_main(gov: Gov, server: Path) -> None:
    before = remote_main(server)
    gov.write("x.txt", "x\n")
    git(gov.root, "checkout", "-q", "--orphan", "lain")
    git(gov.root, "commit", "-qm", "riwayat lain")
    proc = push(gov, "+lain:main")
    assert proc.returncode != 0 and remote_main(server) == before
    proc = push(gov, ":main")
    assert proc.returncode != 0 and remote_main(server) == before


def test_hook_refuses_rewriting_evidence_and_genesis(gov: Gov, server: Path) -> None:
    genesis = git(server, "rev-parse", "refs/repospbe/genesis").strip()
    git(gov.root, "commit", "-q", "--allow-empty", "-m", "x")
    proc = push(gov, "+HEAD:refs/repospbe/genesis")
    assert proc.returncode != 0 and "genesis" in proc.stderr
    assert git(server, "rev-parse", "refs/repospbe/genesis").strip() == genesis


def test_hook_logic_names_each_refusal(gov: Gov) -> None:
    tip = gov.main()
    git(gov.root, "checkout", "-q", "--orphan", "lain")
    git(gov.root, "commit", "-qm", "lain")
    other = git(gov.root, "rev-parse", "HEAD").strip()
    git(gov.root, "checkout", "-q", "main")
    git(gov.root, "commit", "-q", "--allow-empty", "-m", "langsung")
    direct = gov.main()
    got = check_updates(
        gov.repo,
        [(tip, other, "refs/heads/main"), (tip, ZERO, "refs/repospbe/rilis"), (ZERO, other, "refs/heads/fitur")],
    )
    assert [(r, k) for r, k, _ in got] == [("refs/heads/main", "hook.force"), ("refs/repospbe/rilis", "hook.delete")]
    got = check_updates(gov.repo, [(tip, direct, "refs/heads/main")])
    assert got == [("refs/heads/main", "hook.direct", f"{direct[:12]} langsung")]
