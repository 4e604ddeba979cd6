"""``new registry`` as a first-time user meets it: ranges that the address checks accept, a guides page
for the catalogue's "Panduan" link, and a summary that says there are no apps yet."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from repospbe.engine import check_registry
from tests.helpers.cli import run_cli


def _new(capsys: pytest.CaptureFixture[str], tmp_path: Path, ranges: str):  # type: ignore[no-untyped-def]
    dest = tmp_path / "baru"
    args = ["new", "registry", str(dest), "--pemda", "Pemerintah Kota Contoh", "--domain", "contohkota.go.id"]
    return dest, run_cli(capsys, *args, "--pusat-data", ranges)


@pytest.mark.parametrize("ranges", ["10.20.0.0/16", "192.168.1.0/24", "172.16.0.0/12", "127.0.0.0/8", "fd00::/8"])
def test_private_ranges_are_refused_with_the_reason(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, ranges: str
) -> None:
    dest, res = _new(capsys, tmp_path, ranges)
    assert res.code == 2 and "address-global" in res.err and "203.0.113.0/24" in res.err
    assert not dest.exists()


def test_documentation_range_is_an_example_and_its_addresses_pass(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    dest, res = _new(capsys, tmp_path, "203.0.113.0/24,2001:db8:77::/48")
    assert res.code == 0, res.err
    inst = yaml.safe_load((dest / "registry/instance.yaml").read_text("utf-8"))
    assert all(r["contoh"] is True for r in inst["pusat_data"])
    (dest / "registry/subdomains").mkdir()
    (dest / "registry/subdomains/diskominfo.yaml").write_text(
        "opd: diskominfo\nuntuk:\n  opd: diskominfo\ntujuan: Situs Diskominfo\n"
        "records:\n  - type: A\n    value: 203.0.113.10\n    contoh: true\n"
        'surat:\n  nomor: 1/2026\n  tanggal: "2026-11-02"\ntinjauan: "2027-11-02"\n',
        encoding="utf-8",
    )
    blocking = [f.check_id for f in check_registry(dest) if f.blocks()]
    assert blocking == [], blocking
    record = dest / "registry/subdomains/diskominfo.yaml"
    record.write_text(record.read_text("utf-8").replace("203.0.113.10", "198.51.100.7"), encoding="utf-8")
    assert [f.check_id for f in check_registry(dest) if f.blocks()] == ["subdomain.address-global"]


def test_guides_home_exists_so_the_catalogue_link_resolves(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    dest, res = _new(capsys, tmp_path, "203.0.113.0/24")
    assert res.code == 0, res.err
    index = (dest / "docs/index.md").read_text("utf-8")
    assert "Pemerintah Kota Contoh" in index and "{{" not in index


def test_empty_registry_summary_says_no_apps_not_a_percentage(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    dest, res = _new(capsys, tmp_path, "203.0.113.0/24")
    assert res.code == 0, res.err
    out = run_cli(capsys, "summary", "--registry", str(dest)).out
    assert "belum ada aplikasi terdaftar" in out and "0 dari 0" not in out and "%" not in out
    out_en = run_cli(capsys, "summary", "--registry", str(dest), "--lang", "en").out
    assert "no apps registered yet" in out_en


@pytest.mark.slow
def test_empty_registry_catalogue_builds_strict_and_says_no_apps(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The new registry's catalogue builds under strict MkDocs (the Panduan link resolves) and its
    home page says there are no apps yet instead of "0 dari 0 aplikasi (100%)"."""
    dest, res = _new(capsys, tmp_path, "203.0.113.0/24")
    assert res.code == 0, res.err
    out = tmp_path / "katalog"
    built = run_cli(capsys, "catalogue", "build", "--registry", str(dest), "--out", str(out))
    assert built.code == 0, built.err
    home = (out / "site/index.html").read_text("utf-8")
    assert "Belum ada aplikasi terdaftar" in home and "0 dari 0" not in home and "(100%)" not in home
