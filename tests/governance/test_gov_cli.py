"""The reviewer experience through the CLI: open, list, show, reject, approve, merge; rules; signers."""

from __future__ import annotations

import json

import pytest

from repospbe.governance import query
from repospbe.governance.rules import load_rules
from tests.governance.conftest import Gov, reviewers_yaml
from tests.helpers.cli import run_cli
from tests.helpers.git import git


@pytest.mark.slow
def test_reviewer_story_through_the_cli(gov: Gov, capsys: pytest.CaptureFixture[str]) -> None:
    gov.opd_change("ubah")
    reg = ["--registry", str(gov.root)]
    res = run_cli(
        capsys, "mr", "open", "--source", "ubah", "--title", "Ubah nama OPD", "--kunci", str(gov.keys["dev"]), *reg
    )
    assert res.code == 0 and "Merge request !1 dibuka" in res.out
    res = run_cli(capsys, "mr", "pipeline", "1", *reg)
    assert res.code == 0 and "passed" in res.out
    res = run_cli(capsys, "mr", "reject", "1", "--kunci", str(gov.keys["rahmat"]), *reg)
    assert res.code == 2 and "alasan" in res.err
    res = run_cli(capsys, "mr", "reject", "1", "--kunci", str(gov.keys["rahmat"]), "--alasan", "Lengkapi KAK", *reg)
    assert res.code == 0 and "'tolak'" in res.out
    res = run_cli(capsys, "mr", "merge", "1", *reg)
    assert res.code == 1 and "belum boleh digabung" in res.err
    res = run_cli(capsys, "mr", "show", "1", *reg)
    assert res.code == 0
    assert "ditolak oleh rahmat: Lengkapi KAK" in res.out and "registry/opd/diskominfo.yaml" in res.out
    assert "temuan menurut tingkat" in res.out
    for who in ("rahmat", "siti"):
        res = run_cli(capsys, "mr", "approve", "1", "--kunci", str(gov.keys[who]), *reg)
        assert res.code == 0, res.err
    res = run_cli(capsys, "mr", "list", *reg)
    assert res.code == 0 and "!1" in res.out and "siap" in res.out and "2/2" in res.out
    data = json.loads(run_cli(capsys, "mr", "show", "1", "--format", "json", *reg).out)
    assert data["siap"] is True and sorted(data["persetujuan"]) == ["rahmat", "siti"]
    res = run_cli(capsys, "mr", "merge", "1", "--lang", "en", *reg)
    assert res.code == 0 and "merged into main" in res.out
    decisions = query.decisions(gov.root, "x/y")
    assert decisions == []
    merges = [e for e in query.audit_events(gov.root) if e.kind == "gabung"]
    assert [(e.check_id, dict(e.params)) for e in merges] == [
        ("audit.merge-ok", {"mr": "1", "apps": "-", "approvers": "rahmat, siti"})
    ]


def test_unsatisfiable_rules_fail_closed(gov: Gov, keyring: dict) -> None:
    gov.write("registry/reviewers.yaml", reviewers_yaml(keyring, ("rahmat",)))
    git(gov.root, "commit", "-qam", "satu reviewer saja")
    rules = load_rules(gov.repo, gov.main())
    assert rules.problems == ("persetujuan.tidak-terpenuhi",)
    gov.opd_change("ubah")
    n = gov.open("ubah")
    assert ("mr.problem.rules", {"detail": "persetujuan.tidak-terpenuhi"}) in gov.assess(n).problems


def test_reviewer_signers_file_is_generated_and_checked(gov: Gov, capsys: pytest.CaptureFixture[str]) -> None:
    reg = ["--registry", str(gov.root)]
    assert run_cli(capsys, "reviewer", "signers", "--periksa", *reg).code == 0
    (gov.root / "registry/allowed_signers").write_text("orang-lain ssh-ed25519 AAAA\n")
    res = run_cli(capsys, "reviewer", "signers", "--periksa", *reg)
    assert res.code == 1 and "allowed_signers" in res.err
    assert run_cli(capsys, "reviewer", "signers", *reg).code == 0
    assert run_cli(capsys, "reviewer", "signers", "--periksa", *reg).code == 0


def test_bundled_reviewers_hold_real_ed25519_keys_and_matching_signers(bundled_root) -> None:  # type: ignore[no-untyped-def]
    from repospbe.governance.rules import load_signers_from_worktree
    from repospbe.governance.sshsig import fingerprint

    text, count = load_signers_from_worktree(bundled_root)
    assert count >= 3
    assert (bundled_root / "registry/allowed_signers").read_text() == text
    keys = [line.split()[1:] for line in text.splitlines() if not line.startswith("#")]
    assert all(k[0] == "ssh-ed25519" and fingerprint(" ".join(k)).startswith("SHA256:") for k in keys)


def test_signers_check_flags_a_drifted_allowed_signers_file(registry_copy, keyring: dict) -> None:  # type: ignore[no-untyped-def]
    from repospbe.engine import check_registry

    assert [f.check_id for f in check_registry(registry_copy) if f.check_id == "signers.stale"] == []
    from repospbe.governance.sshsig import public_key_of

    (registry_copy / "registry/allowed_signers").write_text(f"penyusup {public_key_of(keyring['outsider'])}\n")
    selection = frozenset({"registry/allowed_signers"})  # only the signers file changed
    found = [(f.check_id, f.path) for f in check_registry(registry_copy, selection) if f.check_id == "signers.stale"]
    assert found == [("signers.stale", "registry/allowed_signers")]
