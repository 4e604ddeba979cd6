"""Each level boundary of the ladder, and 'a higher level includes every lower one'."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from repospbe.findings import Finding, Severity
from repospbe.governance.types import AuditEvent, Release
from repospbe.maturity.evidence import AppEvidence
from repospbe.maturity.ladder import place
from repospbe.maturity.rules import Ladder, load_ladder
from repospbe.pipeline.record import AppRun, CheckStatus, PipelineRecord
from tests.helpers.git import REPO_ROOT

TODAY = date(2026, 11, 27)
PEMDA = "Pemerintah Kota Pontianak"


@pytest.fixture(scope="module")
def ladder() -> Ladder:
    return load_ladder(REPO_ROOT)


def _record(status: str = "passed", blocking: int = 0, when: str = "2026-10-01T00:00:00+00:00") -> PipelineRecord:
    app = AppRun("diskominfo/contoh", checks=(CheckStatus("semgrep", status, blocking, blocking),))
    return PipelineRecord("a" * 40, "b" * 40, status, when, when, apps=(app,))


def _best() -> AppEvidence:
    """Evidence that satisfies every criterion of every level."""
    record = {
        "id": "contoh",
        "opd": "diskominfo",
        "jenis": "khusus",
        "status": "produksi",
        "lisensi": "Apache-2.0",
        "hak_cipta": PEMDA,
        "templat": {"nama": "aplikasi-khusus", "versi": "1.0.0"},
        "integrasi": {"portal": "jepin"},
        "alamat": ["https://contoh.example"],
        "kapabilitas_teknis": {
            "tingkat": "optimalisasi",
            "bukti": ["https://contoh.example/bukti"],
            "sertifikat_elektronik": "BSrE",
        },
    }
    release = Release("diskominfo/contoh", "1.0.0", "c" * 40, "2026-10-02T00:00:00+00:00", "reviewer", True)
    signed = ("registry/apps/diskominfo/contoh/bast.pdf",)  # a verified signed PDF (repospbe.pdfsig)
    return AppEvidence(
        "diskominfo/contoh", record, (), (_record(), _record()), (release,), (), (), (), PEMDA, TODAY, signed
    )


def _finding(check_id: str, sev: Severity = Severity.HIGH) -> Finding:
    return Finding.make(check_id, sev, "raw.text", path="registry/apps/diskominfo/contoh/app.yaml", text="x")


def test_all_evidence_reaches_optimum(ladder: Ladder) -> None:
    lvl = place(_best(), ladder)
    assert lvl.level == "optimum" and lvl.blocking == ()
    assert lvl.tech_accepted == "optimalisasi"


@pytest.mark.parametrize(
    ("change", "expected", "blocking"),
    [
        (lambda ev: replace(ev, record={}), "", "terdaftar"),
        (lambda ev: replace(ev, findings=(_finding("schema.required"),)), "", "terdaftar"),
        (lambda ev: replace(ev, findings=(_finding("doc.missing", Severity.MEDIUM),)), "rintisan", "dokumen-lengkap"),
        (lambda ev: replace(ev, releases=()), "terkelola", "pipeline-hijau-rilis"),
        (lambda ev: replace(ev, pipelines=(_record("failed", 1),)), "terkelola", "pipeline-hijau-rilis"),
        (lambda ev: replace(ev, record={**ev.record, "templat": None}), "terkelola", "templat-terkini"),
        (lambda ev: replace(ev, findings=(_finding("template.behind", Severity.LOW),)), "terkelola", "templat-terkini"),
        (lambda ev: replace(ev, record={**ev.record, "lisensi": "Proprietary"}), "terkelola", "lisensi-hak-cipta"),
        (lambda ev: replace(ev, record={**ev.record, "hak_cipta": "PT Vendor"}), "terkelola", "lisensi-hak-cipta"),
        (lambda ev: replace(ev, record={**ev.record, "integrasi": {}}), "terstandardisasi", "terintegrasi"),
        (lambda ev: replace(ev, pipelines=(_record(),)), "terstandardisasi", "riwayat-pipeline"),
        (lambda ev: replace(ev, findings=(_finding("ref.subdomain-missing", Severity.HIGH),)), "", "terdaftar"),
        (
            lambda ev: replace(ev, pipelines=(_record(), _record("passed", 0), _record("failed", 2))),
            "terkelola",
            "pipeline-hijau-rilis",
        ),
        (
            lambda ev: replace(ev, waivers=({"id": "B602", "kedaluwarsa": "2026-01-01"},)),
            "terintegrasi-terukur",
            "pengecualian-berlaku",
        ),
        (
            lambda ev: replace(ev, releases=(replace(ev.releases[0], time="2025-01-01T00:00:00+00:00"),)),
            "terintegrasi-terukur",
            "rilis-terkini",
        ),
        (
            lambda ev: replace(ev, audit_problems=(AuditEvent("t", "merge", "main", "x", False),)),
            "terintegrasi-terukur",
            "audit-bersih",
        ),
    ],
)
def test_each_boundary(ladder: Ladder, change, expected: str, blocking: str) -> None:  # type: ignore[no-untyped-def]
    lvl = place(change(_best()), ladder)
    assert lvl.level == expected
    assert blocking in {r.criterion for r in lvl.blocking}


def test_a_higher_level_includes_every_lower_one(ladder: Ladder) -> None:
    ev = replace(_best(), findings=(_finding("doc.section-missing", Severity.MEDIUM),))
    lvl = place(ev, ladder)
    passed_higher = {r.criterion for r in lvl.results if r.ok and r.level in ("terintegrasi-terukur",)}
    assert passed_higher == {"terintegrasi", "riwayat-pipeline"}  # met, but not counted
    assert lvl.level == "rintisan"


def test_transaction_level_needs_an_electronic_certificate(ladder: Ladder) -> None:
    ev = _best()
    ev = replace(ev, record={**ev.record, "kapabilitas_teknis": {"tingkat": "transaksi", "bukti": ["x"]}})
    assert place(ev, ladder).tech_accepted == "transaksi"
    # a free-text claim of a certificate is no verified signature
    ev = replace(
        ev,
        certificates=(),
        record={**ev.record, "kapabilitas_teknis": {**_best().record["kapabilitas_teknis"], "tingkat": "transaksi"}},
    )
    lvl = place(ev, ladder)
    assert lvl.tech_declared == "transaksi" and lvl.tech_accepted == "interaksi"
    assert lvl.tech_missing == ("sertifikat-elektronik",)


def test_rules_naming_an_unknown_criterion_are_refused(tmp_path: Path) -> None:
    import shutil

    from repospbe.errors import InputError

    shutil.copytree(REPO_ROOT / "checks", tmp_path / "checks")
    rules = tmp_path / "checks" / "maturity.yaml"
    rules.write_text(rules.read_text().replace("[terdaftar]", "[terdaftar, selalu-lulus]"))
    with pytest.raises(InputError) as exc:
        load_ladder(tmp_path)
    assert "selalu-lulus" in exc.value.render("id")
