"""Issue 18's catalogue points below the browser: ordering, decision status, words for machine
values, vulnerable dependencies from a pipeline record (hostile details too), footer, 0 % bars."""

from __future__ import annotations

import re
from pathlib import Path

from repospbe.catalogue.chart import compliance_svg, compliance_svg_narrow
from repospbe.catalogue.collate import collation_key
from repospbe.catalogue.collect import collect
from repospbe.catalogue.config import DEFAULTS, catalogue_config
from repospbe.catalogue.generate import generate
from repospbe.catalogue.vulnerable import of_run, parse_detail
from repospbe.catalogue.words import decision_states, maintenance, status_word
from repospbe.governance.types import Decision
from repospbe.pipeline.record import AppRun, CheckStatus
from tests.catalogue.conftest import TODAY
from tests.catalogue.rich_sample import add_governance, advisory_database
from tests.catalogue.sample import HOSTILE_NAME, make_registry


def test_collation_ignores_case_and_accents_and_stays_total() -> None:
    names = ["Fasilitas", "Énergi", "arsip", "Badan", "Dinas", "energi", "ZZ"]
    assert sorted(names, key=collation_key) == ["arsip", "Badan", "Dinas", "energi", "Énergi", "Fasilitas", "ZZ"]
    assert sorted(names) != sorted(names, key=collation_key)  # code-point order differs


def test_a_later_decision_of_the_same_reviewer_supersedes_the_earlier_one() -> None:
    decisions = [
        # as governance.query gives them: each with its effective status (governance.standing)
        Decision("7", "budi", "tolak", "kurang uji", "2026-11-01T10:00:00+07:00", True, status="digantikan"),
        Decision("7", "budi", "setuju", "", "2026-11-03T09:00:00+07:00", True, counted=True, status="berlaku"),
        Decision("8", "budi", "setuju", "", "2026-11-01T09:00:00+07:00", True, counted=True, status="berlaku"),
        Decision(
            "7", "sari", "setuju", "", "2026-11-02T09:00:00+07:00", False, problem="tanda-tangan", status="tidak-sah"
        ),
    ]
    states = [state for state, _ in decision_states(decisions)]
    assert states == ["digantikan", "berlaku", "berlaku", "tidak-berlaku"]
    assert decision_states(decisions)[3][1] == "tidak berlaku: tanda tangan tidak sah"


def test_machine_values_are_words() -> None:
    assert [status_word(s) for s in ("passed", "failed", "skipped", "aneh")] == ["lulus", "gagal", "dilewati", "aneh"]
    text = maintenance({"jenis": "swakelola"})
    assert text == "Swakelola oleh Pemda" and "jenis" not in text
    assert maintenance({"jenis": "vendor", "penyedia": "CV A", "nomor_kontrak": "12/2026"}) == (
        "Oleh vendor (penyedia: CV A; kontrak 12/2026)"
    )


def test_vulnerable_dependencies_are_read_from_the_record_and_hostile_details_are_inert(tmp_path: Path) -> None:
    detail = "9 komponen diperiksa terhadap basis data X; rentan: a 1.0 (GHSA-1), b ^2 (OSV-2?) +3 lagi"
    items, more = parse_detail(detail)
    assert [(v.package, v.version, v.advisory, v.certain) for v in items] == [
        ("a", "1.0", "GHSA-1", True),
        ("b", "^2", "OSV-2", False),
    ]
    assert more == 3
    assert parse_detail("3 komponen diperiksa terhadap basis data X") == ([], 0)
    assert parse_detail("rentan: <script> (x) ; rentan: (((") == ([], 0)
    root = make_registry(tmp_path / "reg", with_guides=False)
    cat = collect(root)
    add_governance(cat)
    hostile = f"2 komponen diperiksa terhadap basis data X; rentan: <img/src=x> 1 (GHSA-1), {HOSTILE_NAME} (<b>)"
    cat.apps["dpmptsp/pegawai-izin"].app_run = AppRun(
        "dpmptsp/pegawai-izin", checks=(CheckStatus("advisories", "passed", 1, 0, hostile),)
    )
    cat.apps["bkpsdm/simpeg"].app_run = AppRun(  # the runner had no database: not a clean result
        "bkpsdm/simpeg", checks=(CheckStatus("advisories", "passed", 1, 0, "basis data kerentanan belum diimpor"),)
    )
    pages = generate(cat, "", TODAY)
    simpeg = pages.fragments["aplikasi/bkpsdm/simpeg.md"]["rincian"]
    assert "Belum diperiksa: pemeriksaan <code>advisories</code> pada rekaman pipeline terakhir: basis data" in simpeg
    assert "Tidak ada dependensi yang diketahui rentan" not in simpeg
    assert "SIMPEG</a>: pemeriksaan" in pages.pages["kerentanan.md"]
    table = pages.fragments["kerentanan.md"]["tabel"]
    assert table.count("<tr>") == 4  # header, sipanda's lodash and left-pad, the one well-formed hostile entry
    assert "<img" not in table and "<b>" not in table and "&lt;img/src=x&gt;" in table
    page = pages.fragments["aplikasi/dpmptsp/pegawai-izin.md"]["rincian"]
    assert "<img/src" not in page and "&lt;img/src=x&gt;" in page
    compared = CheckStatus("advisories", "passed", 0, 0, "12 komponen diperiksa terhadap basis data X")
    cat.apps["bkpsdm/simpeg"].app_run = AppRun("bkpsdm/simpeg", checks=(compared,))
    clean = generate(cat, "", TODAY).fragments["aplikasi/bkpsdm/simpeg.md"]["rincian"]
    assert "Tidak ada dependensi yang diketahui rentan pada pemeriksaan terakhir." in clean


def test_fixed_version_comes_from_the_local_advisory_database(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    detail = "1 komponen diperiksa terhadap basis data X; rentan: lodash 4.17.20 (GHSA-35jh-r3h4-6jhm)"
    run = AppRun("a/b", checks=(CheckStatus("advisories", "passed", 1, 0, detail),))
    monkeypatch.setenv("REPOSPBE_ADVISORIES_DIR", str(tmp_path / "kosong"))
    assert of_run(run).items[0].fixed == ""
    monkeypatch.setenv("REPOSPBE_ADVISORIES_DIR", str(advisory_database(tmp_path / "osv")))
    item = of_run(run).items[0]
    assert (item.fixed, item.severity, item.ecosystem) == ("4.17.21", "HIGH", "npm")


def test_footer_replaces_the_english_generator_line() -> None:
    config = catalogue_config(dict(DEFAULTS), [], "Kota Contoh", "Dibangun 1 Desember 2026 dari commit registri abc")
    assert config["copyright"].startswith("Dibangun 1 Desember 2026") and config["extra"]["generator"] is False


def test_zero_percent_bars_have_width() -> None:
    for svg in (compliance_svg([("A", 0.0, 3)], "t"), compliance_svg_narrow([("A", 0.0, 3)], "t")):
        widths = [float(w) for w in re.findall(r'class="batang"[^>]* width="([0-9.]+)"', svg)]
        assert widths and all(w >= 3 for w in widths)
