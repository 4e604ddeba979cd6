"""Attack 2 (issue 13): a merge request cannot forge its own green record.

A hostile app test wrote ``waivers.yaml`` (and an empty semgrep rule pack) into the
pipeline worktree after checkout, and the waivers were read from there after the tests
ran. Now every policy input is read from the git objects of the commit under review
before any scanner runs: the findings still block, the record names the commit, and the
reused worktree is verified clean (or made afresh) before the next run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from repospbe.findings import Severity
from repospbe.governance.runpipe import checkout, is_clean, run_on
from repospbe.scanners import SCANNERS, ScanContext, Scanner, ScanResult
from tests.governance.conftest import Gov, keyring, make_gov  # noqa: F401 - keyring is a fixture
from tests.helpers.git import REPO_ROOT, git, make_repo
from tests.pipeline.test_pipeline import APP_YAML, SOURCE

KEY = "diskominfo/pintu"
APP_DIR = f"registry/apps/{KEY}"
FORGED_WAIVERS = (
    "pengecualian:\n"
    "  - temuan: bandit.B602\n    alasan: Ditulis oleh uji aplikasi, bukan oleh peninjau.\n"
    "    disetujui_oleh: Kepala Bidang Aptika\n    berlaku_sampai: 2999-12-31\n"
)
NEVER = (
    "rules:\n  - id: never\n    pattern: never_matches_42()\n    message: x\n    languages: [python]\n"
    "    severity: INFO\n"
)


def _app_files(tmp_path: Path, gov: Gov) -> dict[str, str]:
    commit = make_repo(tmp_path / "vendor", SOURCE)
    bundle = gov.root / "registry" / "sources" / "diskominfo" / "pintu.bundle"
    bundle.parent.mkdir(parents=True, exist_ok=True)
    git(tmp_path / "vendor", "bundle", "create", str(bundle), "--all")
    docs = REPO_ROOT / "registry" / "apps" / "diskominfo" / "si-antrean"
    files = {f"{APP_DIR}/app.yaml": APP_YAML.format(app="pintu", commit=commit)}
    for doc in ("kebutuhan.md", "kak.md"):
        files[f"{APP_DIR}/{doc}"] = (docs / doc).read_text(encoding="utf-8")
    return files


def _hostile_app_tests(cache: Path) -> Scanner:
    """What a vendor's test could do without a sandbox: rewrite the pipeline worktree's policy."""

    def run(ctx: ScanContext) -> ScanResult:
        for work in (cache / "pipeline-wt").iterdir():
            if not (work / ".git").is_file():
                continue
            (work / APP_DIR / "waivers.yaml").write_text(FORGED_WAIVERS)
            for rules in (work / "checks" / "semgrep").rglob("*.yaml"):
                rules.write_text(NEVER)
        return ScanResult(status="passed", detail="0 gagal")

    return Scanner("app-tests", run, (), lambda ctx: "hostile")


@pytest.mark.slow
def test_waiver_written_into_the_worktree_does_not_change_the_verdict(
    tmp_path: Path, keyring: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: F811
    cache = tmp_path / "cache"
    monkeypatch.setenv("REPOSPBE_CACHE_DIR", str(cache))
    gov = make_gov(tmp_path / "reg", keyring)
    base = gov.main()
    files = _app_files(tmp_path, gov)
    source = gov.commit_on("pintu", files)
    monkeypatch.setitem(SCANNERS, "app-tests", _hostile_app_tests(cache))

    record, findings, _reports = run_on(gov.repo, source, base)
    work = next(p for p in (cache / "pipeline-wt").iterdir() if p.is_dir())
    assert (work / APP_DIR / "waivers.yaml").read_text() == FORGED_WAIVERS  # the attack did happen
    blocking = {(f.check_id, f.path) for f in findings if f.blocks(Severity.HIGH)}
    assert ("bandit.B602", f"{KEY}/app.py") in blocking
    assert not [f for f in findings if f.check_id.startswith("waiver.")]
    assert record.status == "failed" and record.registry_commit == source
    [app] = record.apps
    assert {c.name: c.status for c in app.checks}["bandit"] == "failed"
    assert {c.name: c.findings for c in app.checks}["waivers"] == 0

    # The same waiver, committed and so reviewed with the change, is honoured; the reused
    # worktree was cleaned of the forged files first.
    waived = gov.commit_on("pintu", {f"{APP_DIR}/waivers.yaml": FORGED_WAIVERS}, new=False)
    monkeypatch.setitem(SCANNERS, "app-tests", Scanner("app-tests", lambda ctx: ScanResult(status="skipped"), ()))
    record2, findings2, _ = run_on(gov.repo, waived, base)
    ids = {f.check_id for f in findings2}
    assert "bandit.B602" not in ids and "waiver.applied" in ids
    assert record2.registry_commit == waived and is_clean(work, waived)


def test_reused_worktree_is_verified_clean_or_made_afresh(tmp_path: Path, keyring: dict[str, Path]) -> None:  # noqa: F811
    gov = make_gov(tmp_path / "reg", keyring)
    head = gov.main()
    common = gov.root / ".git"
    work = tmp_path / "wt"
    checkout(gov.root, common, work, head)
    assert is_clean(work, head)
    (work / "registry" / "apps").mkdir(parents=True, exist_ok=True)
    (work / "registry" / "apps" / "planted.yaml").write_text("x: 1\n")  # untracked
    (work / ".repospbe-cache").mkdir()  # ignored by the registry's .gitignore, if any
    (work / ".repospbe-cache" / "x").write_text("x")
    assert not is_clean(work, head)
    checkout(gov.root, common, work, head)
    assert is_clean(work, head) and not (work / "registry" / "apps" / "planted.yaml").exists()
    assert not (work / ".repospbe-cache").exists()

    elsewhere = tmp_path / "elsewhere"  # a .git link pointing at another repository: not reused
    make_repo(elsewhere, {"registry/instance.yaml": "pemda: Palsu\n"})
    (work / ".git").write_text(f"gitdir: {elsewhere / '.git'}\n")
    checkout(gov.root, common, work, head)
    assert is_clean(work, head)
    assert (work / ".git").read_text().strip().startswith(f"gitdir: {common / 'worktrees'}")
    assert "Palsu" not in (work / "registry" / "instance.yaml").read_text()
    shutil.rmtree(work)
    os.makedirs(work)
    checkout(gov.root, common, work, head)  # a leftover plain directory is replaced too
    assert is_clean(work, head)
