"""Findings of the registry checks become the cells of the compliance matrix."""

from __future__ import annotations

from pathlib import Path

import yaml

from repospbe.catalogue import compliance as comp
from repospbe.catalogue.collect import AppView, collect
from repospbe.catalogue.generate import generate
from repospbe.findings import Finding, Severity
from repospbe.governance.types import Decision
from repospbe.states import Status
from tests.catalogue.conftest import TODAY
from tests.catalogue.sample import make_registry

APP = "registry/apps/dpmptsp/sipanda/app.yaml"


def _d(decision: str, counted: bool, mr: str = "1", reviewer: str = "ani") -> Decision:
    return Decision(mr, reviewer, decision, "", "2026-12-01T00:00:00Z", True, counted=counted)


def finding(check_id: str, path: str, breadcrumb: str = "", sev: Severity = Severity.HIGH, **params: str) -> Finding:
    return Finding.make(check_id, sev, f"{check_id}.msg", path=path, breadcrumb=breadcrumb, **params)


def test_requirement_of_each_kind_of_finding() -> None:
    assert comp.requirement_of(finding("doc.section-missing", "registry/apps/dpmptsp/sipanda/kak.md")) == "kak"
    assert comp.requirement_of(finding("doc.missing", APP, "dokumen > pengujian", doc="Hasil Pengujian")) == "pengujian"
    assert comp.requirement_of(finding("doc.declared-missing", APP, file="registry/apps/x/y/manual.md")) == "manual"
    assert comp.requirement_of(finding("schema.enum", APP, "sumber > commit")) == "sumber"
    assert comp.requirement_of(finding("subdomain.reserved", "registry/subdomains/www.yaml")) == "subdomain"
    assert comp.requirement_of(finding("schema.required", APP, "status")) == "rekaman"


def test_cells_missing_document_fails_absent_unrequired_is_not_applicable() -> None:
    cells = comp.registry_cells(
        [finding("doc.missing", APP, "dokumen > kak"), finding("doc.short", APP, "dokumen > manual", Severity.INFO)],
        docs_present={"kebutuhan"},
        has_source=False,
        has_subdomain=True,
    )
    assert cells["kak"] == comp.Cell("gagal", 1)
    assert cells["kebutuhan"].status == "ok"
    assert cells["manual"].status == "ok"  # an info finding never blocks, but the document is in play
    assert cells["bast"].status == "na"
    assert cells["sumber"].status == "na" and cells["subdomain"].status == "ok"
    assert not comp.compliant(cells)


def test_no_record_is_never_a_pass() -> None:
    """Obligation 9: an app with no pipeline record or no approval is not "Patuh"."""
    cells = {"pipeline": comp.pipeline_cell(None), "persetujuan": comp.approval_cell([])}
    assert {c.status for c in cells.values()} == {"belum"} and not comp.compliant(cells)
    ok = {"pipeline": comp.pipeline_cell(Status.PASSED), "persetujuan": comp.approval_cell([_d("setuju", True)])}
    assert comp.compliant(ok)
    assert not comp.compliant({**ok, "pipeline": comp.pipeline_cell(None)})
    assert not comp.compliant({**ok, "persetujuan": comp.approval_cell([])})
    assert comp.compliant({**ok, "kak": comp.Cell("na"), "dokumentasi": comp.Cell("belum")})
    # judged by effective status, on the latest merge request only
    assert comp.approval_cell([_d("setuju", True), _d("tolak", True, reviewer="budi")]).status == "gagal"
    assert comp.approval_cell([_d("tolak", True), _d("setuju", False)]).status == "gagal"
    assert comp.approval_cell([_d("tolak", False), _d("setuju", True)]).status == "ok"  # rejection superseded
    assert comp.approval_cell([_d("tolak", True, mr="1"), _d("setuju", True, mr="2")]).status == "ok"
    assert comp.approval_cell([_d("setuju", False)]).status == "gagal"  # stale approval: not approved
    assert comp.pipeline_cell("failed").status == "gagal"


def test_real_check_findings_are_grouped_per_app(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "reg", with_guides=False)
    app = root / APP
    data = yaml.safe_load(app.read_text(encoding="utf-8"))
    data["status"] = "rusak"
    app.write_text(yaml.safe_dump(data), encoding="utf-8")
    sub = root / "registry" / "subdomains" / "sipanda.yaml"
    sub.write_text(sub.read_text(encoding="utf-8") + "warna: merah\n", encoding="utf-8")
    cat = collect(root)
    view = cat.apps["dpmptsp/sipanda"]
    assert {f.path for f in view.findings} == {
        APP,
        "registry/subdomains/sipanda.yaml",
        "registry/apps/dpmptsp/sipanda/kebutuhan.md",
    }
    assert {f.check_id for f in view.findings if f.path.endswith("kebutuhan.md")} == {"doc.section-short"}
    assert view.cells["rekaman"].status == "gagal"
    assert view.cells["kebutuhan"] == comp.Cell("gagal", 4)
    assert view.cells["subdomain"].status == "gagal"
    assert not view.compliant
    simpeg, izin = cat.apps["bkpsdm/simpeg"], cat.apps["dpmptsp/pegawai-izin"]
    assert simpeg.cells["pipeline"].status == "belum" and not simpeg.compliant  # no record: not a pass
    assert not any(c.status == "gagal" for c in izin.cells.values())
    assert cat.compliant_share(cat.opds["dpmptsp"].apps) == 0.0
    _recorded(izin)
    assert izin.compliant and cat.compliant_share(cat.opds["dpmptsp"].apps) == 50.0


def _recorded(view: AppView) -> None:
    """As if a green pipeline record and a verified approval existed (the cells collect() derives from them)."""
    view.cells["pipeline"] = comp.pipeline_cell(Status.PASSED)
    view.cells["persetujuan"] = comp.approval_cell([_d("setuju", True)])


def test_source_not_handed_over_and_central_exemption_on_the_app_page(tmp_path: Path) -> None:
    """6.2.5.2: an app without handed-over source says so (never "tidak berlaku"); an exempt
    central app shows the cited basis."""
    root = make_registry(tmp_path / "reg", with_guides=False)
    rec = root / "registry" / "apps" / "dpmptsp" / "pegawai-izin" / "app.yaml"
    data = yaml.safe_load(rec.read_text(encoding="utf-8"))
    del data["sumber"]
    rec.write_text(yaml.safe_dump(data), encoding="utf-8")
    cat = collect(root)
    izin = cat.apps["dpmptsp/pegawai-izin"]
    assert [f.check_id for f in izin.findings] == ["source.not-handed-over"]
    assert izin.cells["sumber"] == comp.Cell("gagal", 1) and not izin.compliant
    pages = generate(cat, "", TODAY).fragments
    html = pages["aplikasi/dpmptsp/pegawai-izin.md"]["rincian"]
    kode_sumber = html.split("<td>Kode sumber</td>", 1)[1].split("</tr>", 1)[0]
    assert "belum diserahkan" in kode_sumber and "tidak berlaku" not in kode_sumber
    assert "<strong>Kode sumber belum diserahkan</strong> (<code>source.not-handed-over</code>)" in html
    assert "repospbe handover ingest" in html
    simpeg = pages["aplikasi/bkpsdm/simpeg.md"]["rincian"]
    assert "dikelola pemerintah pusat" in simpeg.split("<td>Kode sumber</td>", 1)[1].split("</tr>", 1)[0]
    assert "dasar: Surat Kementerian Contoh 800/1/2026 (contoh uji)" in simpeg
    assert "Dikelola Pemerintah Pusat (penyedia: Kementerian Contoh;" in simpeg and "jenis: pusat" not in simpeg
    assert not any(c.status == "gagal" for c in cat.apps["bkpsdm/simpeg"].cells.values())


def test_each_obligation_has_a_column_found_by_check_id_prefix() -> None:
    """Checks of issue 16 land in their column by prefix, whoever writes them."""
    columns = {key for key, _ in comp.REQUIREMENTS}
    expected = {
        "source.not-handed-over": "sumber",
        "copyright.missing": "hakcipta",
        "license.not-open": "hakcipta",
        "umum.duplicate-unjustified": "umum",
        "address.not-https": "alamat",
        "subdomain.letter-missing": "surat",
        "subdomain.address-pusat-data": "hosting",
        "hosting.exception-incomplete": "hosting",
        "doc-coverage.undocumented": "dokumentasi",
        "deploy.no-pipeline": "rilis",
    }
    for check_id, column in expected.items():
        assert column in columns
        assert comp.requirement_of(finding(check_id, APP, "lisensi")) == column, check_id
    assert comp.requirement_of(finding("subdomain.reserved", "registry/subdomains/x.yaml")) == "subdomain"
    cells = comp.registry_cells([finding("hosting.address-outside", APP)], set(), True, False)
    assert cells["hosting"] == comp.Cell("gagal", 1) and cells["surat"].status == "na"
    assert comp.registry_cells([], set(), True, False, national=True, has_address=True)["hosting"].status == "na"
    assert comp.registry_cells([], set(), True, False, has_address=True)["hosting"].status == "ok"
    assert comp.registry_cells([], set(), True, False)["hosting"].status == "na"  # no address: nothing hosted


def test_scanner_columns_never_pass_an_unchecked_app() -> None:
    na = comp.Cell("na")
    assert comp.scanner_cell(na, None, applies=True).status == "belum"
    assert comp.scanner_cell(na, Status.SKIPPED, applies=True).status == "belum"
    assert comp.scanner_cell(na, None, applies=False).status == "na"
    assert comp.scanner_cell(na, Status.ERROR, applies=True) == comp.Cell("gagal", 1)
    assert comp.scanner_cell(comp.Cell("gagal", 2), Status.PASSED, applies=True) == comp.Cell("gagal", 2)
    assert comp.scanner_cell(na, Status.PASSED, applies=True).status == "ok"


def test_examples_are_badged_and_left_out_of_every_share(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "reg", with_guides=False)
    rec = root / "registry" / "apps" / "dpmptsp" / "sipanda" / "app.yaml"
    rec.write_text("contoh: true\n" + rec.read_text(encoding="utf-8"), encoding="utf-8")
    cat = collect(root)
    assert cat.apps["dpmptsp/sipanda"].example and not cat.apps["dpmptsp/pegawai-izin"].example
    assert [f.check_id for f in cat.apps["dpmptsp/sipanda"].findings if f.check_id.startswith("data.")] == [
        "data.example-record"
    ]
    assert cat.counted() == ["bkpsdm/simpeg", "dpmptsp/pegawai-izin"]
    _recorded(cat.apps["dpmptsp/pegawai-izin"])
    _recorded(cat.apps["dpmptsp/sipanda"])  # an example never counts, even when it would fail or pass
    assert cat.compliant_share(cat.opds["dpmptsp"].apps) == 100.0
    pages = generate(cat, "", TODAY)
    matrix = pages.fragments["kepatuhan.md"]["tabel"].split("</table>")[0]  # the table, not the phone cards
    sipanda_row = next(r for r in matrix.split("<tr") if "SIPANDA" in r)
    assert '<span class="contoh"' in sipanda_row and ">CONTOH</span>" in sipanda_row
    assert all('class="contoh"' not in r for r in matrix.split("<tr") if "SIMPEG" in r)
    assert "1 dari 2 aplikasi (50%) patuh; 1 rekaman" in pages.pages["kepatuhan.md"]
