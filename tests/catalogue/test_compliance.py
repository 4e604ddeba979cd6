"""Findings of the registry checks become the cells of the compliance matrix."""
from __future__ import annotations

from pathlib import Path

import yaml

from repospbe.catalogue import compliance as comp
from repospbe.catalogue.collect import collect
from repospbe.findings import Finding, Severity
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
        docs_present={"kebutuhan"}, has_source=False, has_subdomain=True)
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
    assert {f.path for f in view.findings} == {APP, "registry/subdomains/sipanda.yaml",
                                               "registry/apps/dpmptsp/sipanda/kebutuhan.md"}
    assert {f.check_id for f in view.findings if f.path.endswith("kebutuhan.md")} == {"doc.section-short"}
    assert view.cells["rekaman"].status == "gagal"
    assert view.cells["kebutuhan"] == comp.Cell("gagal", 4)
    assert view.cells["subdomain"].status == "gagal"
    assert not view.compliant
    assert cat.apps["bkpsdm/simpeg"].compliant
    assert cat.compliant_share(cat.opds["dpmptsp"].apps) == 50.0
