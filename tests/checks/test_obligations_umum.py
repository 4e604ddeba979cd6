"""Issue 16 obligation 4: a khusus app duplicating an aplikasi umum function is justified and approved (umum.*)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.helpers.subdomains import Reg, app_data, build_registry, write_yaml

APPROVAL = {"nomor": "500/12/DISKOMINFO/2026", "tanggal": "2026-02-10", "disetujui_oleh": "Kepala Diskominfo"}
REASON = "Pencatatan pegawai lapangan yang tidak dilayani SIMPEG."


@pytest.fixture
def reg(tmp_path: Path) -> Reg:
    return build_registry(tmp_path / "reg")


def found(reg: Reg, key: str, **extra: object) -> list[tuple[str, int]]:
    rel = f"registry/apps/{key}/app.yaml"
    write_yaml(reg.root / rel, app_data(key, dict(extra)))
    return [(f.check_id, f.line) for f in reg.findings("umum.") if f.path == rel]


def test_khusus_app_with_own_functions_needs_nothing(reg: Reg) -> None:
    assert found(reg, "dinkes/antrean", fungsi=["antrean-pelayanan"]) == []


def test_umum_app_serving_the_function_needs_nothing(reg: Reg) -> None:
    assert found(reg, "dinkes/kepeg", jenis="umum", fungsi=["manajemen-kepegawaian"]) == []


def test_duplicate_without_justification(reg: Reg) -> None:
    rows = found(reg, "dinkes/pegawai", fungsi=["layanan", "manajemen-kepegawaian"])
    assert rows == [("umum.duplicate-unjustified", 6)]  # at the fungsi list
    f = next(f for f in reg.findings("umum.") if f.check_id == "umum.duplicate-unjustified")
    assert dict(f.params)["functions"] == "manajemen-kepegawaian" and f.blocks()


def test_justification_without_diskominfo_approval(reg: Reg) -> None:
    assert found(reg, "dinkes/pegawai", fungsi=["manajemen-kepegawaian"], justifikasi_duplikasi=REASON) == [
        ("umum.duplicate-unapproved", 9)
    ]


def test_justified_and_approved_duplicate_passes(reg: Reg) -> None:
    extra = {"justifikasi_duplikasi": REASON, "persetujuan_duplikasi": APPROVAL}
    assert found(reg, "dinkes/pegawai", fungsi=["manajemen-kepegawaian", "pengaduan-publik"], **extra) == []
    assert [f for f in reg.findings("schema") if "pegawai" in f.path] == []  # the record fields are in the schema


@pytest.mark.parametrize(
    ("approval", "missing"),
    [
        ({**APPROVAL, "tanggal": "2026-02-30"}, "tanggal"),
        ({**APPROVAL, "disetujui_oleh": "   "}, "disetujui_oleh"),
        ({"nomor": "1"}, "tanggal, disetujui_oleh"),
        ("disetujui lisan", "nomor, tanggal, disetujui_oleh"),
    ],
)
def test_incomplete_or_fake_approval(reg: Reg, approval: object, missing: str) -> None:
    extra = {"justifikasi_duplikasi": REASON, "persetujuan_duplikasi": approval}
    assert [r[0] for r in found(reg, "dinkes/pegawai", fungsi=["manajemen-kepegawaian"], **extra)] == [
        "umum.duplicate-unapproved"
    ]
    f = next(f for f in reg.findings("umum.") if f.check_id == "umum.duplicate-unapproved")
    assert dict(f.params)["fields"] == missing


def test_blank_justification_is_none_and_retired_apps_are_skipped(reg: Reg) -> None:
    assert [r[0] for r in found(reg, "dinkes/a", fungsi=["perencanaan"], justifikasi_duplikasi="  ")] == [
        "umum.duplicate-unjustified"
    ]
    assert found(reg, "dinkes/b", fungsi=["perencanaan"], status="dihentikan") == []


def test_functions_come_from_instance_yaml(reg: Reg) -> None:
    inst = reg.root / "registry" / "instance.yaml"
    data = yaml.safe_load(inst.read_text(encoding="utf-8"))
    write_yaml(inst, {**data, "aplikasi_umum_fungsi": [*data["aplikasi_umum_fungsi"], "antrean-pelayanan"]})
    assert [r[0] for r in found(reg, "dinkes/antrean", fungsi=["antrean-pelayanan"])] == ["umum.duplicate-unjustified"]
