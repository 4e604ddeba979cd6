"""Issue 18 (reviewer): each decision's effective status is computed once
(``repospbe.governance.standing.effective_status``) and read by ``mr show``, ``mr merge``,
the query API (catalogue, evidence pack); merged MRs have their own wording; refusals are words."""

from __future__ import annotations

import json

import pytest

from repospbe.errors import PolicyError
from repospbe.governance import query
from repospbe.governance.standing import IN_FORCE, STALE, SUPERSEDED
from tests.governance.conftest import Gov
from tests.governance.test_gov_deploy import APP, APP_YAML, MANUAL
from tests.helpers.cli import run_cli

APP_KEY = "diskominfo/si-uji"


def _reject_then_approve(gov: Gov) -> int:
    gov.commit_on("app", {APP: APP_YAML, APP.replace("app.yaml", "manual.md"): MANUAL})
    n = gov.open("app", title="Aplikasi si-uji")
    gov.runner_pipeline(n)
    gov.reject(n, "rahmat", "Lengkapi KAK")
    gov.approve(n, "rahmat")
    gov.approve(n, "siti")
    return n


def _decision_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if ": setuju" in line or ": tolak" in line]


def test_a_later_approval_supersedes_the_same_reviewers_rejection(gov: Gov, capsys: pytest.CaptureFixture[str]) -> None:
    n = _reject_then_approve(gov)
    a = gov.assess(n)
    assert [(d.reviewer, d.decision, s.status) for d, s in zip(a.decisions, a.standings, strict=True)] == [
        ("rahmat", "tolak", SUPERSEDED),
        ("rahmat", "setuju", IN_FORCE),
        ("siti", "setuju", IN_FORCE),
    ]
    assert a.standings[0].superseded_by == a.decisions[1].name and a.mergeable
    res = run_cli(capsys, "mr", "show", str(n), "--registry", str(gov.root))
    rejection, approval, _ = _decision_lines(res.out)
    assert "[berlaku]" not in rejection and "digantikan oleh keputusan rahmat yang lebih baru" in rejection
    assert approval.endswith("[berlaku]")
    data = json.loads(run_cli(capsys, "mr", "show", str(n), "--format", "json", "--registry", str(gov.root)).out)
    assert [(k["status_efektif"], k["berlaku"]) for k in data["keputusan"]] == [
        (SUPERSEDED, False),
        (IN_FORCE, True),
        (IN_FORCE, True),
    ]


def test_query_marks_the_superseded_rejection_not_counted(gov: Gov) -> None:
    n = _reject_then_approve(gov)
    gov.merge(n)
    decisions = query.decisions(gov.root, APP_KEY)
    assert [(d.reviewer, d.decision, d.status, d.counted, d.verified) for d in decisions] == [
        ("rahmat", "tolak", SUPERSEDED, False, True),
        ("rahmat", "setuju", IN_FORCE, True, True),
        ("siti", "setuju", IN_FORCE, True, True),
    ]


def test_a_decision_on_an_old_head_is_stale_everywhere(gov: Gov, capsys: pytest.CaptureFixture[str]) -> None:
    gov.commit_on("app", {APP: APP_YAML, APP.replace("app.yaml", "manual.md"): MANUAL})
    n = gov.open("app", title="Aplikasi si-uji")
    gov.approve(n, "rahmat")
    gov.commit_on("app", {APP: APP_YAML.replace("rilis.", "rilis baru.")}, new=False)
    [d] = query.decisions(gov.root, APP_KEY)
    assert (d.status, d.problem, d.counted) == (STALE, "usang", False)
    res = run_cli(capsys, "mr", "show", str(n), "--registry", str(gov.root))
    [line] = _decision_lines(res.out)
    assert "[usang: dibuat untuk commit sumber/target lain" in line


def test_a_merged_mr_says_merged_not_blocked(gov: Gov, capsys: pytest.CaptureFixture[str]) -> None:
    n = _reject_then_approve(gov)
    result = gov.merge(n)
    for lang, word in (("id", "SUDAH DIGABUNG"), ("en", "MERGED")):
        res = run_cli(capsys, "mr", "show", str(n), "--registry", str(gov.root), "--lang", lang)
        assert res.code == 0
        assert f"{word} " in res.out and result.commit in res.out and "rahmat, siti" in res.out
        assert "BELUM SIAP" not in res.out and "NOT READY" not in res.out
        assert _decision_lines(res.out)[1].endswith("[berlaku]" if lang == "id" else "[counts]")
    with pytest.raises(PolicyError) as exc:
        gov.reject(n, "agus", "terlambat")
    assert exc.value.key == "mr.decide.closed"


def test_a_merge_refusal_names_each_problem_in_words_with_a_hint(gov: Gov, capsys: pytest.CaptureFixture[str]) -> None:
    gov.opd_change("ubah")
    n = gov.open("ubah")
    gov.runner_pipeline(n)
    gov.reject(n, "rahmat", "Lengkapi KAK")
    res = run_cli(capsys, "mr", "merge", str(n), "--registry", str(gov.root))
    assert res.code == 1
    assert "belum boleh digabung:\n" in res.err and ": approvals" not in res.err and "rejected;" not in res.err
    assert "  - ditolak oleh rahmat: Lengkapi KAK" in res.err
    assert "  - persetujuan sah 0 dari 2 yang diperlukan" in res.err
    assert res.err.count("    saran: ") == 2 and "repospbe mr approve" in res.err
    res = run_cli(capsys, "mr", "merge", str(n), "--registry", str(gov.root), "--lang", "en")
    assert "  - 0 valid approvals of 2 required" in res.err and "    hint: " in res.err
    res = run_cli(capsys, "mr", "gate", str(n), "--registry", str(gov.root))
    assert res.code == 1 and "    saran: Perbaiki sesuai alasan penolakan" in res.out


def test_a_forged_later_approval_never_supersedes_a_rejection(gov: Gov, capsys: pytest.CaptureFixture[str]) -> None:
    """Hostile: someone with git access appends an approval in rahmat's name signed with another key."""
    gov.opd_change("ubah")
    n = gov.open("ubah")
    gov.runner_pipeline(n)
    gov.reject(n, "rahmat", "Lengkapi KAK")
    gov.forge_decision(n, "rahmat", key="outsider")
    a = gov.assess(n)
    assert [(d.decision, s.status, s.problem) for d, s in zip(a.decisions, a.standings, strict=True)] == [
        ("tolak", IN_FORCE, ""),
        ("setuju", "tidak-sah", "tanda-tangan"),
    ]
    assert [d.reviewer for d in a.rejections] == ["rahmat"] and not a.approvals
    res = run_cli(capsys, "mr", "show", str(n), "--registry", str(gov.root), "--lang", "en")
    rejection, forged = _decision_lines(res.out)
    assert rejection.endswith("[counts]")
    assert "[invalid: signature invalid or signer is not a reviewer]" in forged
