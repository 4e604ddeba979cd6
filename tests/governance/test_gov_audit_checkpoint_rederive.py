"""A validly signed checkpoint is started from only after this clone has re-derived its claims.

The module's registry: merge 1, checkpoint #1 signed by rahmat at merge 1 (confirmed in this
clone by the run that wrote it), then merge 2, which registers ``outsider`` as a reviewer. Every
forged checkpoint below carries a REAL reviewer signature; each must fail closed (a breach, and
never a start), in the default (incremental) run as well as in ``--penuh``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from repospbe.governance import audit_memory as memory
from repospbe.governance import audit_since, sshsig
from repospbe.governance import checkpoint as cps
from repospbe.governance.audit import verify
from repospbe.governance.rules import load_rules, load_signers_from_worktree
from tests.governance.conftest import REVIEWERS, Gov, make_gov, reviewers_yaml
from tests.helpers.cli import run_cli
from tests.helpers.git import commit_all, git

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, keyring: dict[str, Path]) -> Path:
    gov = make_gov(tmp_path_factory.mktemp("cpr") / "reg", keyring)
    gov.opd_change("ubah-1", name="Dinas Komunikasi dan Informatika Satu")
    _merge(gov, "ubah-1")
    report = verify(gov.repo)
    assert not report.breaches
    audit_since.write(gov.repo, report, keyring["rahmat"])
    git(gov.root, "checkout", "-q", "-b", "reviewer-baru")
    gov.write("registry/reviewers.yaml", reviewers_yaml(keyring, (*REVIEWERS, "outsider")))
    gov.write("registry/allowed_signers", load_signers_from_worktree(gov.root)[0])
    commit_all(gov.root, "reviewer baru", author="agus@pontianakkota.go.id")
    git(gov.root, "checkout", "-q", "main")
    _merge(gov, "reviewer-baru", opener="agus")
    assert not verify(gov.repo).breaches
    return gov.root


def _merge(gov: Gov, branch: str, opener: str = "dev") -> None:
    n = gov.open(branch, key=opener)
    gov.approve(n, "rahmat")
    gov.approve(n, "siti")
    gov.merge(n)


@pytest.fixture
def gov(base: Path, tmp_path: Path, keyring: dict[str, Path]) -> Gov:
    shutil.copytree(base, tmp_path / "reg", symlinks=True)
    return Gov(tmp_path / "reg", keyring)


def _ids(report: object) -> list[str]:
    return [e.check_id or e.kind for e in report.breaches]  # type: ignore[attr-defined]


def _resign(gov: Gov, key: str, seq: int, **changes: object) -> cps.Checkpoint:
    """Checkpoint #1 edited with ``changes``, re-signed with ``key`` and appended as ``seq``."""
    first = cps.load_all(gov.repo)[0]
    raw = json.dumps({**first.data, "seq": seq, **changes}, sort_keys=True, separators=(",", ":")).encode()
    commit = str(changes.get("commit", first.commit))
    sig = sshsig.sign(gov.keys[key], load_rules(gov.repo, commit).ns("audit"), raw)
    name = f"titik-periksa/{seq:06d}"
    gov.repo.append(cps.CHECKPOINT_REF, {f"{name}.json": raw, f"{name}.sig": sig}, "titik periksa\n")
    return cps.load_all(gov.repo)[-1]


def _unconfirmed(report: object) -> list[str]:
    return [e.check_id for e in report.events if e.check_id.startswith("audit.checkpoint.unconfirmed")]  # type: ignore[attr-defined]


def test_the_writer_confirms_its_checkpoint_and_starts_from_it(gov: Gov) -> None:
    first = cps.load_all(gov.repo)[0]
    assert memory.key_of(first) in memory.load(gov.repo)
    report = verify(gov.repo, checkpoints=True)
    assert not report.breaches and report.start == first and len(report.verified_merges) == 1
    assert not _unconfirmed(report)


def test_a_forged_digest_with_a_real_signature_is_refused_by_the_default_run(
    gov: Gov, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = _resign(gov, "siti", 2, auditor="siti", digest="ab" * 32)  # right commit and count, wrong digest
    assert not cps.judge(gov.repo, forged, "main", gov.main(), cps.load_all(gov.repo)[0].data["genesis"])
    report = verify(gov.repo, checkpoints=True)
    assert report.start is not None and report.start.seq == 1  # re-derived from the one confirmed here
    assert _unconfirmed(report) == ["audit.checkpoint.unconfirmed-since"]
    assert _ids(report) == ["audit.checkpoint.digest"]
    assert memory.key_of(forged) not in memory.load(gov.repo)
    res = run_cli(capsys, "audit", "verify", "--registry", str(gov.root))
    assert res.code == 1
    assert "belum pernah diturunkan ulang di salinan ini" in res.out
    assert "diverifikasi sejak titik periksa #1" in res.out
    assert "titik periksa #2 (commit" in res.out and "tidak cocok dengan hasil verifikasi ulang" in res.out
    res = run_cli(capsys, "--lang", "en", "audit", "verify", "--registry", str(gov.root))
    assert res.code == 1 and "never been re-derived in this clone" in res.out
    assert "does not match verifying its history again" in res.out


def test_a_fresh_clone_trusts_no_checkpoint_until_it_has_re_derived_it(gov: Gov, tmp_path: Path) -> None:
    clone = tmp_path / "klon"
    git(tmp_path, "clone", "-q", "--mirror", str(gov.root), str(clone))  # every ref; no record travels with them
    copy = Gov(clone, gov.keys)
    assert memory.load(copy.repo) == frozenset()
    first = verify(copy.repo, checkpoints=True)
    assert first.start is None and not first.breaches and len(first.verified_merges) == 2
    assert _unconfirmed(first) == ["audit.checkpoint.unconfirmed-full"]
    second = verify(copy.repo, checkpoints=True)  # the first run re-derived #1: now it is started from
    assert second.start is not None and second.start.seq == 1 and len(second.verified_merges) == 1


def test_a_fresh_clone_refuses_a_forged_digest_after_verifying_everything(gov: Gov, tmp_path: Path) -> None:
    _resign(gov, "rahmat", 2, digest="cd" * 32)
    clone = tmp_path / "klon"
    git(tmp_path, "clone", "-q", "--mirror", str(gov.root), str(clone))
    copy = Gov(clone, gov.keys)
    report = verify(copy.repo, checkpoints=True)
    assert report.start is None and len(report.verified_merges) == 2
    assert _ids(report) == ["audit.checkpoint.digest"]
    assert memory.load(copy.repo) == frozenset()  # a run with a breach confirms nothing


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"peristiwa": 1}, "audit.checkpoint.digest"),  # fewer events claimed
        ({"peristiwa": 1, "digest": "ef" * 32}, "audit.checkpoint.digest"),  # and a digest to match the claim
        ({"rantai": {"refs/repospbe/mr/1": "MAIN"}}, "audit.checkpoint.rantai"),  # a chain tip not on the chain
    ],
)
def test_a_checkpoint_re_signed_after_edits_fails_closed(gov: Gov, changes: dict[str, object], reason: str) -> None:
    if "rantai" in changes:
        changes = {"rantai": {"refs/repospbe/mr/1": gov.main()}}
    forged = _resign(gov, "rahmat", 2, **changes)  # the same auditor's real key
    report = verify(gov.repo, checkpoints=True)
    assert report.start is not None and report.start.seq == 1 and _ids(report) == [reason]
    assert _ids(verify(gov.repo)) == [reason]  # --penuh agrees
    assert memory.key_of(forged) not in memory.load(gov.repo)


def test_a_signer_registered_only_after_the_checkpoints_commit_is_refused(gov: Gov) -> None:
    first = cps.load_all(gov.repo)[0]
    assert load_rules(gov.repo, gov.main()).reviewer("outsider") is not None  # a reviewer now, not at merge 1
    _resign(gov, "outsider", 2, auditor="outsider")
    report = verify(gov.repo, checkpoints=True)
    assert _ids(report) == ["audit.checkpoint.bukan-auditor"] and report.start is None
    assert len(report.verified_merges) == 2
    assert first.commit in report.verified_merges  # everything verified again


def test_a_checkpoint_on_a_rewritten_history_is_refused(gov: Gov) -> None:
    """main rewritten to a look-alike line: same commit count, the checkpoint's commit not on it."""
    first = cps.load_all(gov.repo)[0]
    parent = gov.repo.parents(first.commit)[0]
    git(gov.root, "checkout", "-q", "-B", "lain", parent)
    gov.write("registry/opd/dinkes.yaml", "kode: dinkes\nnama: Dinas Kesehatan Lain\njenis: dinas\n")
    git(gov.root, "commit", "-qam", "lain")
    lookalike = gov.repo.must_resolve("refs/heads/lain")
    git(gov.root, "checkout", "-q", "main")
    _resign(gov, "rahmat", 2, commit=lookalike)  # counts one commit after the genesis, like #1
    report = verify(gov.repo, checkpoints=True)
    assert _ids(report) == ["audit.checkpoint.bukan-di-main"] and report.start is None


def test_an_unreadable_record_only_costs_work(gov: Gov) -> None:
    path = memory.record_path(gov.repo)
    assert path is not None and path.is_file()
    path.write_text("{ bukan json", encoding="utf-8")
    report = verify(gov.repo, checkpoints=True)
    assert report.start is None and not report.breaches and len(report.verified_merges) == 2
    assert memory.key_of(cps.load_all(gov.repo)[0]) in memory.load(gov.repo)  # re-derived and rewritten


def test_an_honest_checkpoint_made_elsewhere_is_compared_then_started_from(gov: Gov) -> None:
    report = verify(gov.repo, checkpoints=True)
    second = audit_since.write(gov.repo, report, gov.keys["siti"])  # as another auditor's clone would
    first = cps.load_all(gov.repo)[0]
    path = memory.record_path(gov.repo)
    assert path is not None
    path.unlink()
    assert memory.remember(gov.repo, [memory.key_of(first)])  # this clone has confirmed #1 only
    again = verify(gov.repo, checkpoints=True)
    assert not again.breaches and again.start is not None and again.start.seq == 1
    assert _unconfirmed(again) == ["audit.checkpoint.unconfirmed-since"] and len(again.verified_merges) == 1
    assert memory.key_of(second) in memory.load(gov.repo)  # re-derived: confirmed here now
    last = verify(gov.repo, checkpoints=True)
    assert not last.breaches and last.start is not None and last.start.seq == 2 and not last.verified_merges
    assert not _unconfirmed(last)
