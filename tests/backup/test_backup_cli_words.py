"""``backup create`` speaks in words and refuses an operator key its verification would reject."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.backup.conftest import Operator
from tests.helpers.cli import run_cli


def _create(capsys: pytest.CaptureFixture[str], reg: Path, out: Path, key: Path, *extra: str) -> tuple[int, str]:
    res = run_cli(capsys, "backup", "create", "--out", str(out), "--key", str(key), "--registry", str(reg), *extra)
    return res.code, res.out + res.err


def test_create_refuses_a_key_verification_would_reject(
    rich_registry: Path, operator: Operator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cadangan"
    code, text = _create(capsys, rich_registry, out, operator.key)
    assert code == 2 and "--allowed-signers" in text and "REPOSPBE_BACKUP_SIGNERS" in text
    reviewers = rich_registry / "registry" / "allowed_signers"
    code, text = _create(capsys, rich_registry, out, operator.key, "--allowed-signers", str(reviewers))
    assert code == 2 and "tidak diterima" in text and "operator-cadangan" in text
    assert not out.exists() or not any(out.iterdir())
    other = tmp_path / "lain"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(other)], check=True)
    code, _ = _create(capsys, rich_registry, out, other, "--allowed-signers", str(operator.signers))
    assert code == 2 and (not out.exists() or not any(out.iterdir()))


def test_namespace_restricted_operator_entry_is_accepted(
    rich_registry: Path, operator: Operator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    signers = tmp_path / "backup_signers"
    pub = operator.key.with_suffix(".pub").read_text()
    signers.write_text(f'operator-cadangan namespaces="repospbe-backup" {pub}')
    out = tmp_path / "cadangan"
    code, text = _create(capsys, rich_registry, out, operator.key, "--allowed-signers", str(signers))
    assert code == 0, text
    assert "ditandatangani oleh operator-cadangan" in text
    res = run_cli(capsys, "backup", "verify", str(out), "--allowed-signers", str(signers))
    assert res.code == 0, res.out + res.err


def test_created_sets_are_described_in_words(
    rich_registry: Path,
    operator: Operator,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "cadangan"
    monkeypatch.setenv("REPOSPBE_BACKUP_SIGNERS", str(operator.signers))
    code, text = _create(capsys, rich_registry, out, operator.key)
    assert code == 0, text
    assert "Cadangan penuh dibuat" in text and "1 bundel, " in text and "full" not in text.split(str(out))[0]
    assert "bita" in text or "KB" in text
    full = next(out.glob("*-full"))
    code, text = _create(capsys, rich_registry, out, operator.key, "--since", str(full / "manifest.json"))
    assert code == 0, text
    assert "Cadangan inkremental dibuat" in text and "tidak ada bundel baru" in text and "bundle," not in text
    code, text = _create(
        capsys, rich_registry, out, operator.key, "--since", str(full / "manifest.json"), "--lang", "en"
    )
    assert code == 0 and "Incremental backup created" in text and "no new bundles" in text
    res = run_cli(capsys, "backup", "verify", str(out))
    assert res.code == 0, res.out + res.err
    res = run_cli(capsys, "backup", "prune", str(out), "--lang", "en")
    assert "keep" in res.out and "simpan" not in res.out
