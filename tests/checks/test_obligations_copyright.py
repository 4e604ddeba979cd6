"""Issue 16 obligation 3: the Pemda's copyright and an accepted open licence (copyright.*), one licence list."""

from __future__ import annotations

from pathlib import Path

import pytest

from repospbe.errors import InputError
from repospbe.licences import accepted, is_open_source
from repospbe.maturity.rules import load_ladder
from repospbe.scanners import license as license_scanner
from tests.helpers.git import REPO_ROOT
from tests.helpers.subdomains import Reg, app_data, build_registry, write_yaml

PEMDA = "Pemerintah Kota Pontianak"
OK = {"hak_cipta": PEMDA, "lisensi": "MIT"}


@pytest.fixture
def reg(tmp_path: Path) -> Reg:
    return build_registry(tmp_path / "reg")


def app(reg: Reg, key: str, **extra: object) -> str:
    rel = f"registry/apps/{key}/app.yaml"
    write_yaml(reg.root / rel, app_data(key, dict(extra)))
    return rel


def ids(reg: Reg, rel: str) -> list[str]:
    return sorted(f.check_id for f in reg.findings("copyright.") if f.path.startswith(rel.rsplit("/", 1)[0]))


def test_pemda_copyright_and_open_licence_pass(reg: Reg) -> None:
    rel = app(reg, "dinkes/baru", **OK)
    assert ids(reg, rel) == []
    rel = app(
        reg, "dinkes/umum", jenis="umum", hak_cipta=f"  pemerintah   kota {PEMDA[15:]}", lisensi="GPL-3.0-only OR MIT"
    )
    assert ids(reg, rel) == []  # whitespace and case do not matter; one OR alternative is enough


@pytest.mark.parametrize("jenis", ["umum", "khusus"])
def test_missing_holder_and_licence_for_umum_and_khusus(reg: Reg, jenis: str) -> None:
    rel = app(reg, "dinkes/tanpa", jenis=jenis)
    found = [f for f in reg.findings("copyright.") if f.path == rel]
    assert sorted(f.check_id for f in found) == ["copyright.holder-missing", "copyright.licence-missing"]
    assert all(f.line == 7 and f.blocks() for f in found)  # at status:, blocking


@pytest.mark.parametrize(
    "holder",
    ["PT Vendor Jaya", f"{PEMDA} dan PT Vendor Jaya", "Pemerintah Kota Pontianak Barat", "Pemerintah Kota"],
)
def test_other_or_shared_holder_is_refused(reg: Reg, holder: str) -> None:
    rel = app(reg, "dinkes/vendor", hak_cipta=holder, lisensi="MIT")
    found = [f for f in reg.findings("copyright.") if f.path == rel]
    assert [(f.check_id, f.line) for f in found] == [("copyright.holder", 9)]
    assert dict(found[0].params)["holder"] == holder


@pytest.mark.parametrize("spdx", ["Proprietary", "MIT AND Proprietary", "LicenseRef-x", "BUSL-1.1", "SSPL-1.0"])
def test_closed_licence_is_refused_unless_excepted(reg: Reg, spdx: str) -> None:
    rel = app(reg, "dinkes/tertutup", hak_cipta=PEMDA, lisensi=spdx)
    assert ids(reg, rel) == ["copyright.licence"]
    exception = {"nomor": "1/2026", "tanggal": "2026-01-05", "disetujui_oleh": "Kepala Diskominfo", "alasan": "uji"}
    rel = app(reg, "dinkes/dikecualikan", hak_cipta=PEMDA, lisensi=spdx, pengecualian_lisensi=exception)
    assert ids(reg, rel) == []


def test_central_apps_and_proposals_are_exempt(reg: Reg) -> None:
    rel = app(reg, "dinkes/nasional", pemeliharaan={"jenis": "pusat", "dasar": "Surat LKPP"})
    assert ids(reg, rel) == []
    rel = app(reg, "dinkes/usulan", status="usulan")
    assert ids(reg, rel) == []
    rel = app(reg, "dinkes/vendorapp", pemeliharaan={"jenis": "vendor"})  # a vendor builds for the Pemda
    assert ids(reg, rel) == ["copyright.holder-missing", "copyright.licence-missing"]


def test_documents_state_the_pemda_copyright(reg: Reg) -> None:
    rel = app(reg, "dinkes/dok", **OK)
    d = reg.root / rel.rsplit("/", 1)[0]
    (d / "manual.md").write_text("# Manual\n\nIsi.\n\nHak cipta © Pemerintah Kota Pontianak.\n", encoding="utf-8")
    (d / "kak.md").write_text("# KAK\n\nHak cipta © PT Vendor Jaya.\nPemerintah Kota Pontianak\n", encoding="utf-8")
    found = [f for f in reg.findings("copyright.") if f.path.startswith(str(d.relative_to(reg.root)))]
    assert [(f.check_id, f.path, f.line, f.blocks()) for f in found] == [
        ("copyright.document", "registry/apps/dinkes/dok/kak.md", 1, True)
    ]


def test_one_licence_list_for_scanner_checks_and_maturity() -> None:
    shared = accepted()
    assert license_scanner.OSI_APPROVED == shared
    assert load_ladder(REPO_ROOT).params["lisensi_terbuka"] == shared
    assert {"MIT", "Apache-2.0", "GPL-3.0-only", "EUPL-1.2"} <= shared and "Proprietary" not in shared
    assert is_open_source("(MIT OR Proprietary)", shared) and not is_open_source("MIT AND Proprietary", shared)
    assert is_open_source("GPL-2.0+ WITH Classpath-exception-2.0", shared)
    assert not is_open_source("", shared) and not is_open_source(" OR ", shared)


def test_registry_licence_list_overrides_the_default(reg: Reg) -> None:
    (reg.root / "checks" / "lisensi.yaml").write_text("lisensi: [Apache-2.0]\n", encoding="utf-8")
    assert accepted(reg.root) == frozenset({"Apache-2.0"})
    rel = app(reg, "dinkes/mit", **OK)
    assert ids(reg, rel) == ["copyright.licence"]


@pytest.mark.parametrize("text", ["lisensi: []\n", "versi: 1\n", "lisensi: [MIT, 'bad id']\n", "lisensi: [MIT\n"])
def test_a_broken_licence_list_fails_closed(tmp_path: Path, text: str) -> None:
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "lisensi.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        accepted(tmp_path)
    assert err.value.key == "licence.list-invalid"
