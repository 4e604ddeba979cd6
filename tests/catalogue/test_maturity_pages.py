"""Maturity in the catalogue: the ladder page (per OPD, distribution chart, movers) and each app's level."""

from __future__ import annotations

from pathlib import Path

import pytest

from repospbe.catalogue import build_catalogue
from tests.catalogue.conftest import TODAY, Built
from tests.catalogue.sample import make_registry
from tests.helpers.git import commit_all


def test_maturity_page_and_app_sections(built: Built) -> None:
    page = built.html("kematangan.html")
    assert "Tangga per OPD" in page and "grafik/kematangan.svg" in page
    assert "Belum ada periode pembanding" in page
    svg = (built.site / "grafik" / "kematangan.svg").read_text()
    assert svg.startswith("<svg") and "Rintisan" in svg
    simpeg = built.html("aplikasi/bkpsdm/simpeg.html")
    assert "Tingkat kematangan SPBE" in simpeg and "Tingkat kapabilitas proses" in simpeg
    izin = built.html("aplikasi/dpmptsp/pegawai-izin.html")
    assert "Terkelola" in izin and "Penghambat tingkat berikutnya" in izin


@pytest.mark.slow
def test_movers_since_a_previous_commit(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "reg")
    (root / "registry/apps/dpmptsp/pegawai-izin/kak.md").unlink()  # the KAK is withdrawn: a step down
    commit_all(root, "tarik KAK")
    result = build_catalogue(root, tmp_path / "out", today=TODAY, since="HEAD~1")
    page = (result.site / "kematangan.html").read_text(encoding="utf-8")
    assert "dpmptsp/pegawai-izin" in page and "-1" in page
    assert "Belum ada periode pembanding" not in page
