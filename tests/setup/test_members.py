"""``repospbe reviewer add`` / ``opd add-member``: one writer each, duplicates and bad keys refused."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from repospbe.engine import check_registry
from tests.helpers.cli import run_cli
from tests.helpers.tools import require_tool

NIP = "199001012015012001"


def _key(tmp_path: Path, name: str) -> Path:
    keygen = require_tool("ssh-keygen", "openssh-client")
    path = tmp_path / "kunci" / name
    path.parent.mkdir(exist_ok=True)
    subprocess.run([keygen, "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(path)], check=True, timeout=30)
    return path


@pytest.fixture
def fresh(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    dest = tmp_path / "reg"
    args = ["new", "registry", str(dest), "--pemda", "Pemerintah Kota Contoh", "--domain", "contohkota.go.id"]
    assert run_cli(capsys, *args, "--pusat-data", "203.0.113.0/24").code == 0
    return dest


def _reviewer(capsys: pytest.CaptureFixture[str], root: Path, key: Path, name: str, *extra: str):  # type: ignore[no-untyped-def]
    args = ["reviewer", "add", "--registry", str(root), "--nama", name, "--email", "a@contohkota.go.id"]
    return run_cli(capsys, *args, "--nip", NIP, "--kunci", str(key), *extra)


def test_reviewers_are_written_with_allowed_signers_and_verify_with_ssh_keygen(
    fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ani, budi = _key(tmp_path, "ani"), _key(tmp_path, "budi")
    res = _reviewer(capsys, fresh, Path(f"{ani}.pub"), "Ani Wijaya, S.Kom.")
    assert res.code == 0, res.err
    assert _reviewer(capsys, fresh, Path(f"{budi}.pub"), "Budi Santoso").code == 0
    data = yaml.safe_load((fresh / "registry/reviewers.yaml").read_text("utf-8"))
    assert [r["id"] for r in data["reviewers"]] == ["ani-wijaya", "budi-santoso"]
    assert data["reviewers"][0]["nama"] == "Ani Wijaya, S.Kom." and data["reviewers"][0]["peran"] == "diskominfo"
    signers = (fresh / "registry/allowed_signers").read_text("utf-8")
    assert run_cli(capsys, "reviewer", "signers", "--check", "--registry", str(fresh)).code == 0
    assert [f.check_id for f in check_registry(fresh) if f.blocks()] == []
    # the file ssh-keygen verifies with names ani-wijaya for ani's key
    msg = tmp_path / "pesan"
    msg.write_text("keputusan", encoding="utf-8")
    keygen = require_tool("ssh-keygen", "openssh-client")
    subprocess.run([keygen, "-Y", "sign", "-f", str(ani), "-n", "uji", str(msg)], check=True, capture_output=True)
    (tmp_path / "signers").write_text(signers, encoding="utf-8")
    verify = [keygen, "-Y", "verify", "-f", str(tmp_path / "signers"), "-I", "ani-wijaya", "-n", "uji"]
    verify += ["-s", f"{msg}.sig"]
    assert subprocess.run(verify, input=msg.read_bytes(), capture_output=True, check=False).returncode == 0


def test_duplicates_private_keys_and_junk_are_refused_and_nothing_changes(
    fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ani = _key(tmp_path, "ani")
    assert _reviewer(capsys, fresh, Path(f"{ani}.pub"), "Ani").code == 0
    before = [(fresh / f"registry/{n}").read_bytes() for n in ("reviewers.yaml", "allowed_signers")]
    other = _key(tmp_path, "lain")
    junk = tmp_path / "junk.pub"
    junk.write_text("ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQABAAABAQ== x\n", encoding="utf-8")  # blob says ssh-rsa
    two = tmp_path / "dua.pub"
    two.write_text(Path(f"{ani}.pub").read_text() + Path(f"{other}.pub").read_text(), encoding="utf-8")
    cases = [
        (Path(f"{ani}.pub"), "Ani Dua", "sudah terdaftar atas nama ani"),
        (Path(f"{other}.pub"), "Ani", "id ani sudah terdaftar"),
        (other, "Lain", "kunci PRIVAT"),
        (junk, "Lain", "bukan satu kunci publik"),
        (two, "Lain", "bukan satu kunci publik"),
        (tmp_path / "tidak-ada.pub", "Lain", "tidak terbaca"),
    ]
    for key, name, message in cases:
        res = _reviewer(capsys, fresh, key, name)
        assert res.code == 2 and message in res.err, (name, res.err)
    bad_nip = _reviewer(capsys, fresh, Path(f"{other}.pub"), "Lain", "--nip", "123")
    assert bad_nip.code == 2 and "NIP 123" in bad_nip.err
    assert [(fresh / f"registry/{n}").read_bytes() for n in ("reviewers.yaml", "allowed_signers")] == before


def test_maintainer_is_appended_inside_its_list_keeping_comments(
    fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opd = fresh / "registry/opd/diskominfo.yaml"
    old_key = Path(f"{_key(tmp_path, 'lama')}.pub").read_text().strip()
    opd.write_text(
        opd.read_text("utf-8")
        + "pengelola:\n  # pengelola pertama\n  - id: lama\n    nama: Lama\n    email: [l@contohkota.go.id]\n"
        + f"    kunci_publik: {old_key}\n\n"
        + "sumber_fakta: asumsi\n",
        encoding="utf-8",
    )
    key = Path(f"{_key(tmp_path, 'citra')}.pub")
    args = ["opd", "add-member", "--registry", str(fresh), "--opd", "diskominfo", "--nama", "Citra Lestari"]
    res = run_cli(capsys, *args, "--email", "c@contohkota.go.id", "--kunci", str(key))
    assert res.code == 0, res.err
    text = opd.read_text("utf-8")
    data = yaml.safe_load(text)
    assert [m["id"] for m in data["pengelola"]] == ["lama", "citra-lestari"]
    assert data["sumber_fakta"] == "asumsi" and "# pengelola pertama" in text
    assert [f.check_id for f in check_registry(fresh) if f.blocks()] == []
    again = run_cli(capsys, *args, "--email", "c@contohkota.go.id", "--kunci", str(key), "--id", "citra-2")
    assert again.code == 2 and "citra-lestari" in again.err


def test_unknown_opd_and_flow_list_are_refused(fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = Path(f"{_key(tmp_path, 'x')}.pub")
    base = ["opd", "add-member", "--registry", str(fresh), "--nama", "X", "--email", "x@contohkota.go.id"]
    res = run_cli(capsys, *base, "--opd", "dinkes", "--kunci", str(key))
    assert res.code == 2 and "dinkes" in res.err
    opd = fresh / "registry/opd/diskominfo.yaml"
    opd.write_text(opd.read_text("utf-8") + "pengelola: []\n", encoding="utf-8")
    res = run_cli(capsys, *base, "--opd", "diskominfo", "--kunci", str(key))
    assert res.code == 2 and "daftar blok" in res.err
