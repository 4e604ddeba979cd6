"""repospbe summary: per OPD its apps, documents and blocking findings, with totals."""

from __future__ import annotations

import json

import pytest

from repospbe.summary.collect import summarize
from tests.helpers.cli import run_cli
from tests.registry_data.conftest import ALL_DOCS, REPO_ROOT, MiniRegistry


def test_library_returns_values() -> None:
    s = summarize(REPO_ROOT)
    # si-antrean is an example (contoh: true): listed, never counted; no app has a pipeline record and approval
    assert (len(s.opds), s.apps_total, s.apps_examples, s.apps_compliant, s.rules_ok) == (19, 24, 1, 0, True)
    diskominfo = next(o for o in s.opds if o.kode == "diskominfo")
    antrean = next(a for a in diskominfo.apps if a.key == "diskominfo/si-antrean")
    assert antrean.example and antrean.present == ALL_DOCS and antrean.missing == () and antrean.blocking == 0
    assert not antrean.recorded and not antrean.compliant  # no pipeline record, no approval: never a pass
    lpse = next(a for o in s.opds for a in o.apps if a.key == "bpbj/lpse")
    assert (lpse.required, lpse.missing, lpse.blocking, lpse.compliant) == (
        ("manual",),
        ("manual",),
        2,
        False,
    )  # + source.exemption-without-basis


def test_text_summary(capsys: pytest.CaptureFixture[str]) -> None:
    res = run_cli(capsys, "summary", "--registry", str(REPO_ROOT))
    assert res.code == 0
    lines = res.out.splitlines()
    assert lines[0] == "Ringkasan kepatuhan Repositori Aplikasi SPBE — Pemerintah Kota Pontianak (pontianakkota.go.id)"
    assert "Dinas Komunikasi dan Informatika (diskominfo) — 0 dari 9 aplikasi patuh" in lines
    antrean = next(x for x in lines if " si-antrean " in x)
    assert antrean.split()[:9] == [
        "CONTOH",
        "si-antrean",
        "khusus",
        "produksi",
        "dokumen",
        "5/5",
        "0",
        "temuan",
        "memblokir",
    ]
    assert antrean.endswith("belum ada catatan pipeline lulus dan persetujuan")
    lpse = next(x for x in lines if " lpse " in x)
    assert lpse.split()[-2:] == ["kurang:", "manual"] and "dokumen 0/1" in lpse
    assert lines[-2] == "Jumlah: 0 dari 24 aplikasi patuh, 19 OPD, 217 temuan memblokir (6 di luar aplikasi dan OPD)."
    assert lines[-1] == "1 rekaman CONTOH (contoh: true) tidak dihitung dalam angka di atas."


def test_english_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    res = run_cli(capsys, "summary", "--registry", str(REPO_ROOT), "--format", "markdown", "--lang", "en")
    assert res.code == 0
    assert (
        "| Dinas Komunikasi dan Informatika | `si-antrean` **EXAMPLE** | khusus | produksi | 5/5 | — | 0 | – |"
        in res.out
    )
    assert "| Bagian Pengadaan Barang/Jasa | `lpse` | umum | produksi | 0/1 | manual | 2 | ✗ |" in res.out
    assert "**Total: 0 of 24 apps compliant, 19 OPDs, 217 blocking findings (6 outside apps and OPDs).**" in res.out
    assert res.out.rstrip().endswith("1 EXAMPLE records (contoh: true) are not counted in the figures above.")


def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    res = run_cli(capsys, "summary", "--registry", str(REPO_ROOT), "-f", "json")
    data = json.loads(res.out)
    assert data["jumlah"] == {
        "opd": 19,
        "aplikasi": 24,
        "aplikasi_patuh": 0,
        "aplikasi_contoh": 1,
        "temuan": 230,  # + 13 info: 7 example addresses, 1 example letter, 1 naming exception, 4 example records
        # 24 apps without handed-over source (6.2.5.2); issue 16 obligations 3, 5, 6: 22 without
        # hak_cipta, 22 without lisensi, 3 http addresses, 13 OPDs without a website, 14 without
        # e-mail, 1 website on an unregistered subdomain
        "temuan_memblokir": 217,
        "temuan_memblokir_lain": 6,  # 6 subdomains without a request letter (subdomain.letter-missing)
    }
    bkd = next(o for o in data["opd"] if o["kode"] == "bkd")
    assert [a["app"] for a in bkd["aplikasi"]] == ["bkd/sima", "bkd/simakda", "bkd/simbada"]
    assert bkd["aplikasi"][0]["dokumen_kurang"] == list(ALL_DOCS)


def test_invalid_rules_make_nothing_compliant(mini: MiniRegistry, capsys: pytest.CaptureFixture[str]) -> None:
    mini.app("lengkap", docs=ALL_DOCS)
    first = summarize(mini.root).opds[0].apps[0]
    assert (first.blocking, first.recorded, first.compliant) == (0, False, False)  # no record is never a pass
    (mini.root / "checks/documents.yaml").write_text("versi: 2\n", encoding="utf-8")
    s = summarize(mini.root)
    assert (s.apps_compliant, s.rules_ok, s.other_blocking) == (0, False, 4)  # versi + 3 required keys
    res = run_cli(capsys, "summary", "--registry", str(mini.root))
    assert "Aturan dokumen tidak sah" in res.out


def test_broken_app_record_counts_and_unknown_format(mini: MiniRegistry, capsys: pytest.CaptureFixture[str]) -> None:
    d = mini.app("rusak", docs=ALL_DOCS)
    (d / "app.yaml").write_text("id: [rusak\n", encoding="utf-8")
    s = summarize(mini.root)
    app = s.opds[0].apps[0]
    assert (app.key, app.jenis, app.compliant, app.blocking) == ("diskominfo/rusak", "?", False, 1)
    res = run_cli(capsys, "summary", "--registry", str(mini.root), "--format", "xml")
    assert res.code == 2 and "xml" in res.err
