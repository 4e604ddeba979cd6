"""A freshly scaffolded app at ``usulan`` goes green once its required documents are filled in:
documents the rules require only later (pengujian, manual, bast) do not block yet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.helpers.cli import run_cli

BASE = "registry/apps/diskominfo/si-cuti"
FILLER = " ".join(["Aplikasi ini melayani permohonan cuti pegawai secara daring dan tercatat."] * 8)


def _scaffold(capsys: pytest.CaptureFixture[str], root: Path, tmp_path: Path) -> None:
    res = run_cli(
        capsys, "new", "app", "--registry", str(root), "--sumber", str(tmp_path / "kode"),
        "--opd", "diskominfo", "--nama", "Si Cuti",
    )  # fmt: skip
    assert res.code == 0, res.err


def _fill(root: Path, kind: str) -> None:
    """Write every required section of ``kind`` with enough words, as a writer would."""
    rules = yaml.safe_load((root / "checks/documents.yaml").read_text("utf-8"))
    spec = rules["dokumen"][kind]
    parts = [f"# {spec['nama']}: Si Cuti", ""]
    for section in spec["bagian"]:
        parts += [f"## {section['judul']}", "", FILLER, ""]
    parts.append("Hak cipta © Pemerintah Kota Pontianak (Rencana Induk SPBE 6.2.5.2).")
    (root / BASE / f"{kind}.md").write_text("\n".join(parts) + "\n", "utf-8")


def _describe(root: Path) -> None:
    path = root / BASE / "app.yaml"
    text = re.sub(
        r'deskripsi: "\[ISI[^"]*"', 'deskripsi: "Layanan permohonan cuti pegawai secara daring."', path.read_text()
    )
    path.write_text(text, "utf-8")


def test_usulan_app_with_its_required_documents_filled_passes(
    treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _scaffold(capsys, treg, tmp_path)
    for kind in ("kebutuhan", "kak"):
        _fill(treg, kind)
    _describe(treg)
    res = run_cli(capsys, "check", "--registry", str(treg), str(treg / BASE))
    assert res.code == 0, res.out
    # the later documents are still reported, as information
    assert re.search(r"INFO\s+registry/apps/diskominfo/si-cuti/pengujian\.md:\d+:1 doc\.placeholder", res.out)


def test_required_documents_still_block_at_usulan(
    treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _scaffold(capsys, treg, tmp_path)
    _fill(treg, "kebutuhan")
    _describe(treg)
    res = run_cli(capsys, "check", "--registry", str(treg), str(treg / BASE))
    assert res.code == 1
    assert re.search(r"TINGGI\s+registry/apps/diskominfo/si-cuti/kak\.md:\d+:1 doc\.placeholder", res.out)


def test_later_documents_block_once_the_status_requires_them(
    treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _scaffold(capsys, treg, tmp_path)
    for kind in ("kebutuhan", "kak"):
        _fill(treg, kind)
    _describe(treg)
    record = treg / BASE / "app.yaml"
    record.write_text(record.read_text("utf-8").replace("status: usulan", "status: produksi"), "utf-8")
    res = run_cli(capsys, "check", "--registry", str(treg), str(treg / BASE))
    assert res.code == 1
    for kind in ("pengujian", "manual", "bast"):
        assert re.search(rf"TINGGI\s+{BASE}/{kind}\.md:\d+:1 doc\.placeholder", res.out), kind
