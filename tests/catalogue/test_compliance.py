"""Findings of the registry checks become the cells of the compliance matrix."""

from __future__ import annotations

from pathlib import Path

import yaml

from repospbe.catalogue import compliance as comp
from repospbe.catalogue.collect import collect
from repospbe.catalogue.generate import generate
from repospbe.findings import Finding, Severity
from tests.catalogue.conftest import TODAY
from tests.catalogue.sample import make_registry

APP = "registry/apps/dpmptsp/sipanda/app.yaml"


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


def test_not_measured_never_counts_as_failure() -> None:
    cells = {"pipeline": comp.pipeline_cell(None), "persetujuan": comp.approval_cell([])}
    assert {c.status for c in cells.values()} == {"belum"} and comp.compliant(cells)
    assert comp.approval_cell([("approve", True), ("reject", True)]).status == "gagal"
    assert comp.approval_cell([("reject", True), ("approve", False)]).status == "gagal"
    assert comp.approval_cell([("reject", True), ("approve", True)]).status == "ok"
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
    assert cat.apps["bkpsdm/simpeg"].compliant
    assert cat.compliant_share(cat.opds["dpmptsp"].apps) == 50.0


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
    assert "dikelola pusat" in simpeg.split("<td>Kode sumber</td>", 1)[1].split("</tr>", 1)[0]
    assert "Dasar: Surat Kementerian Contoh 800/1/2026 (contoh uji)" in simpeg
    assert cat.apps["bkpsdm/simpeg"].compliant
