"""repospbe new subdomain: answers checked with the registry's rules, then rendered."""

from __future__ import annotations

import pytest

from repospbe.engine import run_checks
from repospbe.registry import load_registry
from repospbe.yamlio import load_file
from tests.helpers.cli import run_cli
from tests.helpers.subdomains import Reg

BASE = (
    "new",
    "subdomain",
    "--opd",
    "dinkes",
    "--tujuan",
    'Sistem Informasi: "PD" #1',
    "--surat-nomor",
    "800/12/DINKES/2026",
    "--surat-tanggal",
    "2026-11-02",
)


def new(capsys: pytest.CaptureFixture[str], reg: Reg, *args: str):  # type: ignore[no-untyped-def]
    return run_cli(capsys, *BASE, *args, "--registry", str(reg.root))


def test_creates_a_file_that_passes_every_check(reg: Reg, capsys: pytest.CaptureFixture[str]) -> None:
    res = new(
        capsys,
        reg,
        "--nama",
        "sipd",
        "--app",
        "sipd",
        "--a",
        "192.0.2.40",
        "--a",
        "192.0.2.41",
        "--aaaa",
        "2001:db8:6105::40",
        "--contoh",
        "--tinjauan",
        "2027-11-02",
    )
    assert res.code == 0, res.err
    assert "registry/subdomains/sipd.yaml" in res.out and "repospbe dns apply --checksum" in res.out
    assert "subdomain.address-example" in res.err  # info, shown so nobody takes it for production
    path = reg.root / "registry/subdomains/sipd.yaml"
    data = load_file(path, "sipd.yaml").data
    assert data == {
        "opd": "dinkes",
        "untuk": {"app": "sipd"},
        "tujuan": 'Sistem Informasi: "PD" #1',
        "ttl": 3600,
        "records": [
            {"type": "A", "values": ["192.0.2.40", "192.0.2.41"], "contoh": True},
            {"type": "AAAA", "value": "2001:db8:6105::40", "contoh": True},
        ],
        "surat": {"nomor": "800/12/DINKES/2026", "tanggal": "2026-11-02"},
        "tinjauan": "2027-11-02",
    }
    assert path.read_text().startswith("# yaml-language-server: $schema=../../checks/schemas/subdomain.schema.json")
    blocking = [f for f in run_checks(load_registry(reg.root)) if f.blocks() and "subdomains" in f.path]
    assert blocking == []


def test_site_of_the_opd_itself(reg: Reg, capsys: pytest.CaptureFixture[str]) -> None:
    res = new(capsys, reg, "--nama", "dinkes", "--cname", "www.pontianakkota.go.id", "--lang", "en")
    assert res.code == 0, res.err
    assert load_file(reg.root / "registry/subdomains/dinkes.yaml", "x").data["untuk"] == {"opd": "dinkes"}


@pytest.mark.parametrize(
    ("args", "rule"),
    [
        (("--nama", "apotek", "--app", "sipd", "--a", "192.0.2.5", "--contoh"), "subdomain.naming"),
        (("--nama", "admin", "--a", "192.0.2.5", "--contoh"), "subdomain.reserved"),
        (("--nama", "Sipd", "--app", "sipd", "--a", "192.0.2.5", "--contoh"), "subdomain.label-case"),
        (("--nama", "sipd", "--app", "sipd", "--a", "8.8.8.8"), "subdomain.address-pusat-data"),
        (("--nama", "sipd", "--app", "sipd", "--a", "10.0.0.8"), "subdomain.address-global"),
        (("--nama", "sipd", "--app", "sipd", "--cname", "sipd.pontianakkota.go.id"), "subdomain.cname-self"),
        (("--nama", "lama", "--app", "lama", "--a", "192.0.2.5", "--contoh"), "subdomain.dangling"),
        (("--nama", "sipd", "--app", "tidak-ada", "--a", "192.0.2.5", "--contoh"), "subdomain.app-missing"),
    ],
)
def test_refused_before_rendering(
    reg: Reg, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], rule: str
) -> None:
    res = new(capsys, reg, *args)
    assert res.code == 1
    assert rule in res.err and "Tidak ada berkas yang ditulis" in res.err
    assert not (reg.root / "registry/subdomains").exists()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--nama", "../../etc/x", "--a", "192.0.2.5"), "tidak dapat dipakai sebagai nama berkas"),
        (("--nama", "sipd", "--app", "sipd"), "sekurangnya satu record"),
        (("--nama", "sipd", "--app", "sipd", "--a", "192.0.2.5", "--tinjauan", "besok"), "tidak sah"),
    ],
)
def test_bad_answers(reg: Reg, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], fragment: str) -> None:
    res = new(capsys, reg, *args)
    assert res.code == 2 and fragment in res.err
    assert not (reg.root / "registry/subdomains").exists()


def test_existing_name_is_refused(reg: Reg, capsys: pytest.CaptureFixture[str]) -> None:
    args = ("--nama", "sipd", "--app", "sipd", "--a", "192.0.2.5", "--contoh")
    assert new(capsys, reg, *args).code == 0
    again = new(capsys, reg, *args)
    assert again.code == 2 and "sudah ada" in again.err


def test_template_with_hooks_is_refused(reg: Reg, capsys: pytest.CaptureFixture[str]) -> None:
    (reg.root / "templates/subdomain/hooks").mkdir()
    (reg.root / "templates/subdomain/hooks/pre_gen_project.py").write_text("raise SystemExit(1)\n")
    res = new(capsys, reg, "--nama", "sipd", "--app", "sipd", "--a", "192.0.2.5", "--contoh")
    assert res.code == 2 and "tidak aman" in res.err
