"""Issue 13, governance attacks: refs/replace (4), erased signed decisions (5), injected trailers (7).

Each test reproduces the attack end to end on a real registry repository with real keys
(and, for the hook, a real ``git push`` to a bare server with the real pre-receive hook),
and asserts that it fails and is reported.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from repospbe.errors import PolicyError
from repospbe.governance import evidence as evs
from repospbe.governance import sshsig
from repospbe.governance.audit import verify
from repospbe.governance.merge import merge_message, parse_trailers
from tests.governance.conftest import Gov, push, reviewers_yaml, signers_for
from tests.helpers.cli import run_cli
from tests.helpers.git import git

REVIEWERS_FILE = "registry/reviewers.yaml"


def _remote(server: Path, ref: str) -> str:
    return git(server, "rev-parse", ref).strip()


def _rewrite_evidence(gov: Gov, number: int, drop: tuple[str, ...] = (), change: dict[str, bytes] | None = None) -> str:
    """A fast-forward of the evidence ref whose tree drops or changes files (anyone with git access can)."""
    ref = evs.mr_ref(number)
    tip = gov.repo.must_resolve(ref)
    with tempfile.TemporaryDirectory() as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
        gov.repo.run("read-tree", tip, env=env)
        for rel in drop:
            gov.repo.run("update-index", "--force-remove", rel, env=env)
        lines = "".join(f"100644 {gov.repo.write_blob(data)}\t{rel}\n" for rel, data in (change or {}).items())
        if lines:
            gov.repo.run("update-index", "--index-info", input_bytes=lines.encode(), env=env)
        tree = gov.repo.run("write-tree", env=env).strip()
    commit = gov.repo.commit_tree(tree, [tip], "rapikan bukti\n")
    gov.repo.run("update-ref", ref, commit, tip)
    return commit


def _merge_by_hand(gov: Gov, number: int, message: str | None = None) -> str:
    """The attacker writes main directly: a merge commit with the trailers `mr merge` would write."""
    a = gov.assess(number)
    ev = evs.load(gov.repo, number)
    assert ev is not None and a.merged_tree is not None
    commit = gov.repo.commit_tree(a.merged_tree, [a.target, a.source], message or merge_message(a, ev.commit))
    gov.repo.run("update-ref", "refs/heads/main", commit, a.target)
    return commit


# -- attack 4: a replacement object for reviewers.yaml -------------------------------------------


def _replace_attack(gov: Gov, tmp_path: Path) -> tuple[int, str, Path, str]:
    """Forged reviewers.yaml (the outsider's key for rahmat and siti), decisions signed with it, a
    hand-made merge, and ``git replace`` of the real blob. Returns (MR, merge, forged file, blob)."""
    forged_keys = {**gov.keys, "rahmat": gov.keys["outsider"], "siti": gov.keys["outsider"]}
    forged = tmp_path / "reviewers-palsu.yaml"
    forged.write_text(reviewers_yaml(forged_keys), encoding="utf-8")
    original = gov.repo.run("rev-parse", f"refs/heads/main:{REVIEWERS_FILE}").strip()
    gov.opd_change("ubah")
    n = gov.open("ubah")
    gov.runner_pipeline(n)
    gov.forge_decision(n, "rahmat", key="outsider")
    gov.forge_decision(n, "siti", key="outsider")
    a = gov.assess(n)
    assert [d.problem for d in a.decisions] == ["tanda-tangan", "tanda-tangan"]
    # the attack is real: under the forged reviewers both decisions verify
    ev = evs.load(gov.repo, n)
    assert ev is not None
    for (_, signed), who in zip(ev.decisions, ("rahmat", "siti")):
        assert sshsig.verify(signers_for(forged_keys), who, a.rules.ns("keputusan"), signed.raw, signed.sig)
    lines = [
        ("Repospbe-MR", str(n)),
        ("Repospbe-Bukti", ev.commit),
        ("Repospbe-Sumber", a.source),
        ("Repospbe-Target", a.target),
        ("Repospbe-Patch-Id", a.patch_id or "-"),
        ("Repospbe-Pipeline", [r.digest for r in a.records if r.runner][-1]),
    ]
    lines += [("Repospbe-Disetujui", f"{d.reviewer} {d.sig_digest}") for d in a.decisions]
    merged = _merge_by_hand(gov, n, f"Gabung MR !{n}: Ubah data OPD\n\n" + "".join(f"{k}: {v}\n" for k, v in lines))
    blob = git(gov.root, "hash-object", "-w", str(forged)).strip()
    git(gov.root, "replace", original, blob)
    assert sshsig.public_key_of(gov.keys["outsider"]) in git(gov.root, "show", f"main:{REVIEWERS_FILE}")
    return n, merged, forged, original


def test_pushed_replace_ref_for_reviewers_yaml_is_refused_by_the_hook(gov: Gov, server: Path, tmp_path: Path) -> None:
    n, merged, forged, original = _replace_attack(gov, tmp_path)
    before = _remote(server, "refs/heads/main")
    proc = push(gov, "main", "refs/repospbe/*:refs/repospbe/*", "refs/replace/*:refs/replace/*")
    assert proc.returncode != 0
    assert f"DITOLAK refs/replace/{original}: refs/replace/* ditolak" in proc.stderr
    proc = push(gov, "refs/replace/*:refs/replace/*")
    assert proc.returncode != 0 and f"DITOLAK refs/replace/{original}" in proc.stderr
    assert git(server, "for-each-ref", "refs/replace/") == "" and _remote(server, "refs/heads/main") == before
    # any other unknown namespace is refused too
    proc = push(gov, "main:refs/notes/lain")
    assert proc.returncode != 0 and "ruang nama yang dikenal" in proc.stderr
    # a replace ref planted on the server some other way changes nothing the hook reads
    planted = git(server, "hash-object", "-w", str(forged)).strip()
    git(server, "replace", original, planted)
    proc = push(gov, "main", "refs/repospbe/*:refs/repospbe/*")
    assert proc.returncode != 0
    assert (
        f"DITOLAK refs/heads/main: merge tanpa bukti yang terverifikasi ditolak {merged[:12]} kebijakan: "
        "persetujuan sah 0 dari 2 yang diperlukan (approvals)" in proc.stderr
    )
    assert _remote(server, "refs/heads/main") == before


def test_audit_on_a_mirror_with_a_replace_ref_ignores_it_and_reports_it(
    gov: Gov, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    n, merged, forged, original = _replace_attack(gov, tmp_path)
    mirror = tmp_path / "cermin"
    git(tmp_path, "clone", "-q", str(gov.root), str(mirror))
    git(mirror, "fetch", "-q", "origin", "+refs/repospbe/*:refs/repospbe/*")
    blob = git(mirror, "hash-object", "-w", str(forged)).strip()
    git(mirror, "replace", original, blob)  # the mirror's replace ref, created locally
    assert sshsig.public_key_of(gov.keys["outsider"]) in git(mirror, "show", f"main:{REVIEWERS_FILE}")
    res = run_cli(capsys, "audit", "verify", "--registry", str(mirror), "--format", "json")
    assert res.code == 1
    bad = [
        (e["kind"], e["subject"], e["check_id"] or e["detail"]) for e in json.loads(res.out)["peristiwa"] if not e["ok"]
    ]
    assert bad == [
        ("gabung", merged, f"MR !{n}: kebijakan: persetujuan sah 0 dari 2 yang diperlukan (approvals)"),
        ("ref-pengganti", f"refs/replace/{original}", "audit.replace-ref"),
    ]
    text = run_cli(capsys, "audit", "verify", "--registry", str(mirror), "--lang", "en")
    assert f"replacement ref refs/replace/{original} (-> {blob[:12]}) is present" in text.out


# -- attack 5: a signed rejection erased from the evidence ------------------------------------------


def test_hook_refuses_evidence_commits_that_delete_or_modify_a_decision(gov: Gov, server: Path) -> None:
    gov.opd_change("ubah")
    n = gov.open("ubah")
    name = gov.reject(n, "siti", "data belum lengkap")
    ref = evs.mr_ref(n)
    assert push(gov, f"{ref}:{ref}").returncode == 0  # appending a decision is accepted
    before = _remote(server, ref)
    erased = _rewrite_evidence(gov, n, drop=(f"{name}.json", f"{name}.sig"))
    proc = push(gov, f"{ref}:{ref}")
    assert proc.returncode != 0
    assert (
        f"DITOLAK {ref}: bukti hanya boleh ditambah; commit ini menghapus, mengubah atau menggabungkan bukti "
        f"{erased[:12]} dihapus {name}.json" in proc.stderr
    )
    assert _remote(server, ref) == before
    gov.repo.run("update-ref", ref, before)
    edited = _rewrite_evidence(gov, n, change={f"{name}.json": b'{"keputusan":"setuju"}'})
    proc = push(gov, f"{ref}:{ref}")
    assert proc.returncode != 0 and f"{edited[:12]} diubah {name}.json" in proc.stderr
    assert _remote(server, ref) == before


def test_audit_reports_an_erased_rejection_and_it_still_counts(gov: Gov, capsys: pytest.CaptureFixture[str]) -> None:
    gov.opd_change("ubah")
    n = gov.open("ubah")
    gov.runner_pipeline(n)
    name = gov.reject(n, "siti", "data belum lengkap")
    erased = _rewrite_evidence(gov, n, drop=(f"{name}.json", f"{name}.sig"))  # no hook: written directly
    gov.approve(n, "rahmat")
    gov.approve(n, "agus")
    a = gov.assess(n)
    assert ("mr.problem.rejected", {"reviewer": "siti", "reason": "data belum lengkap"}) in a.problems
    with pytest.raises(PolicyError) as exc:
        gov.merge(n)
    assert exc.value.key == "mr.merge.blocked"
    merged = _merge_by_hand(gov, n)
    report = verify(gov.repo)
    ref = evs.mr_ref(n)
    assert [(e.kind, e.subject, e.check_id or e.detail) for e in report.breaches] == [
        ("gabung", merged, f"MR !{n}: kebijakan: ditolak oleh siti: data belum lengkap (rejected)"),
        ("bukti-diubah", ref, "audit.evidence-deleted"),
        ("bukti-diubah", ref, "audit.evidence-deleted"),
    ]
    assert [dict(e.params)["file"] for e in report.breaches[1:]] == [f"{name}.json", f"{name}.sig"]
    res = run_cli(capsys, "audit", "verify", "--registry", str(gov.root), "--lang", "en")
    assert (
        res.code == 1 and f"commit {erased[:12]} deletes evidence file {name}.json (evidence is append-only)" in res.out
    )


def test_audit_reports_a_modified_decision(gov: Gov) -> None:
    gov.opd_change("ubah")
    n = gov.open("ubah")
    name = gov.reject(n, "siti", "data belum lengkap")
    edited = _rewrite_evidence(gov, n, change={f"{name}.json": b'{"keputusan":"setuju"}'})
    breaches = verify(gov.repo).breaches
    assert [(e.check_id, dict(e.params)) for e in breaches] == [
        ("audit.evidence-modified", {"commit": edited[:12], "file": f"{name}.json"})
    ]
    assert breaches[0].detail == f"commit {edited[:12]} mengubah berkas bukti {name}.json (bukti hanya boleh ditambah)"
    assert ("mr.problem.rejected", {"reviewer": "siti", "reason": "data belum lengkap"}) in gov.assess(n).problems


# -- attack 7: trailers injected through a title -----------------------------------------------------


@pytest.mark.parametrize(
    "title", ["Ubah\n\nRepospbe-MR: 1", "Ubah\rnama", "Ubah\tnama", "Ubah\x1b[2J", "Ubah\u2028nama"]
)
def test_mr_open_refuses_a_title_with_a_newline_or_control_character(
    gov: Gov, capsys: pytest.CaptureFixture[str], title: str
) -> None:
    gov.opd_change("ubah")
    res = run_cli(
        capsys,
        "mr",
        "open",
        "--source",
        "ubah",
        "--title",
        title,
        "--kunci",
        str(gov.keys["dev"]),
        "--registry",
        str(gov.root),
    )
    assert res.code == 2
    assert "Judul merge request harus satu baris dan tidak boleh memuat karakter kendali" in res.err
    assert evs.numbers(gov.repo) == []


def _two_approved(gov: Gov) -> int:
    gov.opd_change("satu")
    one = gov.open("satu")
    gov.approve(one, "rahmat")
    gov.approve(one, "siti")
    gov.merge(one)
    dinkes = (gov.root / "registry/opd/dinkes.yaml").read_text(encoding="utf-8")
    gov.commit_on("dua", {"registry/opd/dinkes.yaml": dinkes.replace("Dinas Kesehatan Kota", "Dinas Kesehatan")})
    two = gov.open("dua")
    gov.approve(two, "rahmat")
    gov.approve(two, "siti")
    return two


def test_trailer_lines_injected_outside_the_final_block_do_not_change_the_audit(gov: Gov) -> None:
    two = _two_approved(gov)
    a = gov.assess(two)
    ev = evs.load(gov.repo, two)
    assert ev is not None
    proper = merge_message(a, ev.commit)
    subject, block = proper.split("\n\n", 1)
    # what an injectable title made: the injected paragraph sits between subject and trailers
    injected = f"{subject}\n\nRepospbe-MR: 1\nRepospbe-Bukti: {'0' * 40}\n\n{block}"
    merged = _merge_by_hand(gov, two, injected)
    report = verify(gov.repo)
    assert report.breaches == []
    assert report.verified_merges[merged] == two
    # an opening signed with such a title (an older client, or written by hand) still merges as one subject line
    a.opening["judul"] = "Ubah\n\nRepospbe-MR: 1\r\n"
    forged = merge_message(a, ev.commit)
    assert forged.split("\n\n")[0] == f"Gabung MR !{two}: Ubah  Repospbe-MR: 1  "
    assert parse_trailers(forged)["Repospbe-MR"] == [str(two)]


def test_a_duplicated_evidence_trailer_is_a_violation(gov: Gov, server: Path) -> None:
    two = _two_approved(gov)
    a = gov.assess(two)
    ev = evs.load(gov.repo, two)
    assert ev is not None
    merged = _merge_by_hand(gov, two, merge_message(a, ev.commit) + "Repospbe-MR: 1\n")
    breaches = verify(gov.repo).breaches
    assert [(e.kind, e.subject, e.check_id, dict(e.params)) for e in breaches] == [
        ("gabung", merged, "audit.trailer-duplicate", {"mr": str(two)})
    ]
    proc = push(gov, "main", "refs/repospbe/*:refs/repospbe/*")
    assert proc.returncode != 0 and f"{merged[:12]} trailer-ganda" in proc.stderr


def test_a_path_made_to_look_like_log_markers_does_not_hide_a_deletion(gov: Gov) -> None:
    gov.opd_change("ubah")
    n = gov.open("ubah")
    name = gov.reject(n, "siti", "data belum lengkap")
    decoy = f"\x01{'0' * 40} {'1' * 40}"  # a file name shaped like the header of another commit
    erased = _rewrite_evidence(gov, n, drop=(f"{name}.json",), change={decoy: b"x", ":100644 A": b"y"})
    assert [(e.check_id, dict(e.params)) for e in verify(gov.repo).breaches] == [
        ("audit.evidence-deleted", {"commit": erased[:12], "file": f"{name}.json"})
    ]


def test_a_merge_in_an_evidence_chain_is_reported(gov: Gov) -> None:
    gov.opd_change("ubah")
    n = gov.open("ubah")
    ref = evs.mr_ref(n)
    opening = gov.repo.must_resolve(ref)
    gov.reject(n, "siti", "data belum lengkap")
    tip = gov.repo.must_resolve(ref)
    joined = gov.repo.commit_tree(gov.repo.tree_of(tip), [tip, opening], "gabung bukti\n")
    gov.repo.run("update-ref", ref, joined, tip)
    assert [(e.check_id, dict(e.params)) for e in verify(gov.repo).breaches] == [
        ("audit.evidence-merge", {"commit": joined[:12], "file": "-"})
    ]
