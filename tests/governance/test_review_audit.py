"""Issue 18 (auditor): ``audit verify`` prints full versions with the release environment, a row
per approval, and merges with the apps they changed and their approvers (``query.audit_events``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from repospbe.governance import query
from repospbe.governance.deploy import apply, plan
from tests.governance.conftest import Gov
from tests.governance.test_gov_release_gates import APP, hook, merged, merged_template  # noqa: F401 - fixtures
from tests.helpers.cli import run_cli

pytestmark = pytest.mark.slow


def test_audit_shows_releases_approvals_and_merges_in_full(
    merged: Gov,  # noqa: F811
    hook: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    gov = merged
    p = plan(gov.repo, APP, "uji")
    apply(gov.repo, p, p.checksum, gov.keys["agus"])
    version = str(p.data["versi"])
    assert len(version) > 12  # long enough that a truncated column would cut it
    res = run_cli(capsys, "audit", "verify", "--registry", str(gov.root))
    assert res.code == 0, res.out
    [release] = [line for line in res.out.splitlines() if " rilis " in line]
    assert f"{APP}@{version} (uji)" in release
    assert f"{APP} versi {version} ke lingkungan uji oleh agus (commit {gov.main()[:12]})" in release
    approvals = [line for line in res.out.splitlines() if " persetujuan " in line]
    assert len(approvals) == 2 and all("MR !1:" in line and "menyetujui" in line for line in approvals)
    [merge] = [line for line in res.out.splitlines() if " gabung " in line]
    assert f"MR !1: {APP}; disetujui rahmat, siti" in merge
    en = run_cli(capsys, "audit", "verify", "--registry", str(gov.root), "--lang", "en").out
    assert f"{APP} version {version} to environment uji by agus" in en and "approved by rahmat, siti" in en
    events = query.audit_events(gov.root)
    assert sorted(e.kind for e in events) == ["gabung", "genesis", "persetujuan", "persetujuan", "rilis"]
    assert {e.check_id for e in events if e.kind != "genesis"} == {
        "audit.merge-ok",
        "audit.approval-ok",
        "audit.release-ok",
    }
