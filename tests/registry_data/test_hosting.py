"""hosting.*: every address an app declares is in the Pusat Data, or the exception is complete (6.2.2, 6.2.4.1)."""

from __future__ import annotations

from pathlib import Path

from repospbe.engine import run_checks
from repospbe.findings import Finding
from repospbe.registry import load_registry
from tests.registry_data.conftest import MiniRegistry

WALIKOTA = "    nomor: 500/12/2026\n    tanggal: '2026-03-02'\n    disetujui_oleh: Walikota Pontianak\n"
KELAYAKAN = (
    "    kelayakan:\n      nomor: 005/DISKOMINFO/2026\n      tanggal: '2026-03-01'\n      kriteria:\n"
    "        sdm: dua pranata komputer bersertifikat\n        sarana: ruang server ber-UPS\n"
    "        keamanan: ISO 27001 pada unit\n        rekam_jejak: mengelola SIPANDA sejak 2019\n"
)


def hosting(mini: MiniRegistry) -> list[Finding]:
    return [f for f in run_checks(load_registry(mini.root)) if f.check_id.startswith(("hosting.", "schema"))]


def subdomain(root: Path, name: str, records: str) -> None:
    path = root / "registry" / "subdomains" / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"opd: diskominfo\nuntuk:\n  app: {name}\ntujuan: Uji hosting.\n"
        f"surat:\n  nomor: 1/2026\n  tanggal: '2026-01-05'\nrecords:\n{records}",
        encoding="utf-8",
    )


def test_every_declared_address_is_judged(mini: MiniRegistry) -> None:
    subdomain(mini.root, "dalam", "  - type: A\n    value: 192.0.2.5\n    contoh: true\n")
    subdomain(mini.root, "alias", "  - type: CNAME\n    value: app.penyedia-awan.example.com.\n")
    urls = [
        "https://dalam.contohkota.go.id/",  # A record in the Pusat Data: subdomain.address-* judges it
        "https://alias.contohkota.go.id/",  # CNAME out of the Pemda's domain
        "https://tanpa-rekaman.contohkota.go.id/",  # no subdomain record at all
        "https://aplikasi.vendor.example.com/",  # outside the Pemda's domain
        "http://203.0.113.9/",  # an IP outside the Pusat Data
        "http://192.0.2.77:8080/",  # an IP inside it
    ]
    mini.app("luas", extra="alamat:\n" + "".join(f"  - {u}\n" for u in urls) + "hosting:\n  lokasi: pusat_data\n")
    found = [(f.check_id, f.severity.value, f.line, dict(f.params)["host"]) for f in hosting(mini)]
    assert found == [
        ("hosting.address-outside", "high", 10, "app.penyedia-awan.example.com"),
        ("hosting.address-unverified", "medium", 11, "tanpa-rekaman.contohkota.go.id"),
        ("hosting.address-outside", "high", 12, "aplikasi.vendor.example.com"),
        ("hosting.address-outside", "high", 13, "203.0.113.9"),
    ]


def test_national_apps_are_not_judged(mini: MiniRegistry) -> None:
    mini.app("nasional", extra="alamat: [https://lapor.example.go.id/]\nhosting:\n  lokasi: nasional\n")
    assert hosting(mini) == []


def test_exception_needs_walikota_approval_and_feasibility_against_criteria_a_to_d(mini: MiniRegistry) -> None:
    outside = "alamat: [https://aplikasi.vendor.example.com/]\n"
    mini.app("tanpa", extra=outside + "hosting:\n  lokasi: pengecualian\n")
    mini.app("walikota", extra=outside + "hosting:\n  lokasi: pengecualian\n  pengecualian:\n" + WALIKOTA)
    partial = KELAYAKAN.replace("        rekam_jejak: mengelola SIPANDA sejak 2019\n", "")
    mini.app("sebagian", extra=outside + "hosting:\n  lokasi: pengecualian\n  pengecualian:\n" + WALIKOTA + partial)
    mini.app("lengkap", extra=outside + "hosting:\n  lokasi: pengecualian\n  pengecualian:\n" + WALIKOTA + KELAYAKAN)
    found = {(f.path.split("/")[3], f.check_id, str(dict(f.params).get("missing", ""))) for f in hosting(mini)}
    assert found == {
        ("tanpa", "hosting.exception-incomplete", "pengecualian"),
        ("tanpa", "hosting.address-outside", ""),
        ("walikota", "hosting.exception-incomplete", "pengecualian.kelayakan"),
        ("walikota", "hosting.address-outside", ""),
        ("sebagian", "schema.required", ""),  # the schema requires all four criteria too
        ("sebagian", "hosting.exception-incomplete", "pengecualian.kelayakan.kriteria.rekam_jejak (d)"),
        ("sebagian", "hosting.address-outside", ""),
    }


def test_hostile_addresses_do_not_crash(mini: MiniRegistry) -> None:
    """Malformed URLs are the schema's and the address checks' business; the hosting check neither crashes
    nor passes a well-formed Pemda name that has no record."""
    bad = ["http://[::1", "https://", "https://xn--80ak6aa92e.contohkota.go.id/", "https://X.ContohKota.go.id./"]
    mini.app("aneh", extra="alamat:\n" + "".join(f"  - '{u}'\n" for u in bad))
    found = [(f.check_id, f.line) for f in run_checks(load_registry(mini.root)) if not f.check_id.startswith("doc.")]
    assert ("hosting.address-unverified", 11) in found and ("hosting.address-unverified", 12) in found
    assert not any(i.startswith(("engine", "check.")) or "crash" in i for i, _ in found), found
