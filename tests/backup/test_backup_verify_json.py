"""``backup verify --format json`` carries each set's signature judgement: which signature counted,
why a present one did not, and the words of the text output, in the run's language."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from repospbe.backup.create import create_backup
from tests.backup.certbackup import resign, signer, trust_for
from tests.backup.conftest import Operator
from tests.helpers.cli import run_cli
from tests.helpers.pki import NIP, TestPki

pytestmark = pytest.mark.slow


def _both(reg: Path, out: Path, pki: TestPki, trust_dir: Path, operator: Operator) -> Path:
    """A set signed with the operator's SSH key and the valid operator certificate."""
    return create_backup(
        reg,
        out,
        operator.key,
        allowed_signers=operator.signers,
        cert=signer(pki, "valid"),
        trust=trust_for(trust_dir, out),
    )


def _verify(capsys: pytest.CaptureFixture[str], out: Path, *args: str) -> tuple[int, dict[str, Any]]:
    res = run_cli(capsys, "backup", "verify", str(out), "--format", "json", *args)
    return res.code, json.loads(res.out)


def test_both_signatures_counted_in_both_languages(
    rich_registry: Path,
    operator: Operator,
    pki: TestPki,
    trust_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "cadangan"
    set_dir = _both(rich_registry, out, pki, trust_dir, operator)
    trust = ("--allowed-signers", str(operator.signers), "--trust-backup", str(trust_dir))
    code, body = _verify(capsys, out, *trust, "--wajib-tanda-tangan", "keduanya")
    assert code == 0 and body["findings"] == []
    assert body["policy"]["accepted"] == ["ssh", "sertifikat"] and body["policy"]["required"] == "keduanya"
    assert (
        body["policy"]["text"][1]
        == "Wajib: tanda tangan SSH dan tanda tangan sertifikat, keduanya sah, pada setiap set."
    )
    (one,) = body["sets"]
    assert one["set"] == set_dir.name and one["accepted"] is True and one["counted"] == "keduanya"
    assert one["counted_text"] == "keduanya dihitung: tanda tangan SSH dan tanda tangan sertifikat sah"
    assert one["ssh"] == {
        "status": "sah",
        "principal": "operator@pemda",
        "reason": None,
        "text": "SSH sah (operator@pemda)",
    }
    cert = one["certificate"]
    assert cert["status"] == "sah" and cert["number"] == f"NIP:{NIP}" and cert["reason"] is None
    assert cert["signer"] == "Pejabat Uji valid" and cert["signing_time"].startswith("20")
    assert one["text"].startswith(f"{set_dir.name}: SSH sah (operator@pemda); sertifikat sah (Pejabat Uji valid")
    # the same set in English: the same keys and values, the words in English
    code, en = _verify(capsys, out, *trust, "--lang", "en")
    (one_en,) = en["sets"]
    assert code == 0 and one_en["counted"] == "keduanya" and one_en["ssh"]["status"] == "sah"
    assert one_en["counted_text"] == "both counted: the SSH and the certificate signature are valid"
    assert one_en["text"].startswith(f"{set_dir.name}: SSH valid (operator@pemda); certificate valid (Pejabat Uji")
    assert en["policy"]["text"][
        1
    ] == "Required: each set carries at least one valid signature of an accepted kind, " + (
        "and every signature of an accepted kind present must be valid."
    )


def test_which_counted_and_why_a_present_one_did_not(
    rich_registry: Path,
    operator: Operator,
    pki: TestPki,
    trust_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "cadangan"
    set_dir = _both(rich_registry, out, pki, trust_dir, operator)
    # only the SSH kind accepted: the certificate is present but not checked, the SSH signature counted
    code, body = _verify(capsys, out, "--allowed-signers", str(operator.signers))
    (one,) = body["sets"]
    assert code == 0 and one["counted"] == "ssh" and one["counted_text"] == "tanda tangan SSH yang dihitung"
    assert one["certificate"]["status"] == "tidak-diperiksa" and one["certificate"]["reason"] == "tidak-diperiksa"
    assert one["certificate"]["text"] == "sertifikat ada, tidak diperiksa (tidak ada direktori kepercayaan cadangan)"
    # the certificate re-signed by someone who is no operator: present, invalid, and why in words
    resign(set_dir, pki, "bukan-operator")
    code, body = _verify(capsys, out, "--trust-backup", str(trust_dir), "--lang", "en")
    (one,) = body["sets"]
    assert code == 1 and [f["check_id"] for f in body["findings"]] == ["backup.cert-operator"]
    assert one["accepted"] is False and one["counted"] == "tidak-ada"
    assert one["counted_text"] == "no valid signature counted"
    assert one["ssh"]["status"] == "tidak-diperiksa" and one["ssh"]["reason"] == "tidak-diperiksa"
    cert = one["certificate"]
    assert cert["status"] == "tidak-sah" and cert["reason"] == "operator" and cert["number"] == "NIP:198501012010011001"
    assert cert["text"].startswith("certificate NOT valid: ") and "NIP:198501012010011001" in cert["text"]
    # a damaged SSH signature: present, invalid; the certificate (still the non-operator's) not accepted here
    (set_dir / "manifest.json.sig").write_text("-----BEGIN SSH SIGNATURE-----\nrusak\n-----END SSH SIGNATURE-----\n")
    code, body = _verify(capsys, out, "--allowed-signers", str(operator.signers))
    (one,) = body["sets"]
    assert code == 1 and one["counted"] == "tidak-ada"
    assert one["ssh"] == {"status": "tidak-sah", "principal": None, "reason": "tidak-sah", "text": "SSH TIDAK sah"}
