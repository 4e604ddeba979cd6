"""After a restore, `audit verify` gives the same verdict as on the original (signed merge history)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from repospbe.backup.create import create_backup
from repospbe.backup.restore import restore_backup
from tests.backup.conftest import Operator, objects_of, refs_of
from tests.governance.conftest import keyring, make_gov  # noqa: F401 - session fixture reused
from tests.helpers.cli import run_cli


@pytest.mark.slow
def test_restore_keeps_a_verifiable_audit(
    tmp_path: Path,
    keyring: dict[str, Path],  # noqa: F811
    operator: Operator,
    capsys: pytest.CaptureFixture[str],
) -> None:
    gov = make_gov(tmp_path / "reg", keyring)
    gov.opd_change("ubah")
    n = gov.open("ubah")
    gov.approve(n, "rahmat")
    gov.approve(n, "siti")
    gov.merge(n)
    create_backup(gov.root, tmp_path / "c", operator.key)
    target = restore_backup(tmp_path / "c", tmp_path / "p", operator.signers)
    assert refs_of(target) == refs_of(gov.root) and objects_of(target) == objects_of(gov.root)
    before = run_cli(capsys, "audit", "verify", "--registry", str(gov.root), "--format", "json")
    after = run_cli(capsys, "audit", "verify", "--registry", str(target), "--format", "json")
    assert before.code == after.code == 0
    assert json.loads(before.out) == json.loads(after.out)
