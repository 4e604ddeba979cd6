"""``AuditRepo`` answers exactly what ``Repo`` (one git process per question) answers.

Asked on a real registry with a merged request, a chain holding a file named like a ``git log``
header, a non-ASCII path, a commit with an ``encoding`` header and a tag: every question the audit
asks, both ways.
"""

from __future__ import annotations

from pathlib import Path

from repospbe.governance.appendonly import chains, walk
from repospbe.governance.audit_repo import AuditRepo
from repospbe.governance.gitrepo import Repo
from tests.governance.conftest import Gov
from tests.helpers.git import git, make_repo, rev_parse


def _merged(gov: Gov) -> str:
    gov.opd_change("ubah", name="Dinas Kominfo")
    n = gov.open("ubah")
    gov.approve(n, "rahmat")
    gov.approve(n, "siti")
    return gov.merge(n).commit


def test_every_answer_equals_gits_own(gov: Gov) -> None:
    merged = _merged(gov)
    odd = {"\x01" + "0" * 40 + " x": b"a", ":100644 A": b"b", "caf\xe9.txt": b"c", "d/e f.json": b"d"}
    gov.repo.append("refs/repospbe/mr/1", odd, "aneh\n")
    gov.write("registry/opd/dinkes.yaml", "kode: dinkes\nnama: Dinas Kesehatan\njenis: dinas\n")
    git(gov.root, "add", "-A")
    git(gov.root, "-c", "i18n.commitEncoding=ISO-8859-1", "commit", "-qm", "langsung")
    git(gov.root, "tag", "-a", "-m", "t", "v1", merged)
    plain, fast = Repo(gov.root), AuditRepo(gov.repo)
    tips = chains(plain)
    fast.preload_refs("refs/repospbe/")
    fast.preload_chains(list(tips.values()))
    for ref, tip in tips.items():
        assert walk(plain, tip) == walk(fast, tip), ref
        assert fast.resolve(ref) == plain.resolve(ref) == tip
        for commit in plain.first_parent_chain(tip, None):
            assert fast.is_ancestor(commit, tip) and plain.is_ancestor(commit, tip)
            assert fast.blob_ids(commit) == plain.blob_ids(commit)
            assert fast.list_files(commit, "") == plain.list_files(commit, "")
    main = plain.first_parent_chain(gov.main(), None)
    assert fast.resolve("v1") == plain.resolve("v1") == merged
    for commit in main:
        for question in ("parents", "message", "tree_of"):
            assert getattr(fast, question)(commit) == getattr(plain, question)(commit), (question, commit)
        for prefix in ("", "registry/runners/", "registry/opd/", "registry/trust/", "tidak-ada/"):
            assert fast.list_files(commit, prefix) == plain.list_files(commit, prefix)
        for rel in ("registry/instance.yaml", "registry", "tidak-ada", "registry/opd/dinkes.yaml"):
            assert fast.blob(commit, rel) == plain.blob(commit, rel)
        for other in main:
            assert fast.emails(other, commit) == plain.emails(other, commit), (other, commit)
            assert fast.is_ancestor(other, commit) == plain.is_ancestor(other, commit)
    parents = plain.parents(merged)
    assert fast.emails(parents[0], parents[1]) == plain.emails(parents[0], parents[1]) == {"dev@opd.example"}
    assert fast.changed(parents[0], merged) == plain.changed(parents[0], merged)
    fast.close()


def test_no_evidence_chain_reads_no_history(tmp_path: Path) -> None:
    """Without a chain there is nothing to walk: ``git log`` given no tip would read HEAD's whole history
    (a registry's import commit: every file of it), which the catalogue audits on every build."""
    make_repo(tmp_path / "reg", {f"registry/apps/opd/a{i}/app.yaml": f"id: a{i}\n" for i in range(50)})
    fast = AuditRepo(Repo(tmp_path / "reg"))
    history = fast.preload_chains([])
    assert history.added == [] and history.changes == [] and fast._chain == {}
    assert fast.preload_chains([], exclude=(rev_parse(tmp_path / "reg"),)).added == []
