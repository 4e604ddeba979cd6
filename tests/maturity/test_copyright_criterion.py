"""The maturity criterion ``lisensi_hak_cipta``: the Pemda holds the copyright of every app built for it.

Seed 6.2.5.2 asks for the Pemda's copyright on umum and khusus apps alike; only apps maintained by the
central or provincial government are not the Pemda's to own.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from repospbe.maturity.criteria import lisensi_hak_cipta
from repospbe.maturity.evidence import AppEvidence

PEMDA = "Pemerintah Kota Pontianak"


def evidence(record: dict[str, Any]) -> AppEvidence:
    return AppEvidence("opd/app", record, (), (), (), (), (), (), PEMDA, date(2026, 12, 1))


def test_an_umum_app_built_for_the_pemda_needs_the_pemdas_copyright() -> None:
    params = {"lisensi_terbuka": frozenset({"MIT"})}
    vendor = {"jenis": "umum", "lisensi": "MIT", "hak_cipta": "PT Vendor"}
    assert lisensi_hak_cipta(evidence(vendor), params) == (False, "copyright")
    assert lisensi_hak_cipta(evidence({**vendor, "hak_cipta": PEMDA}), params) == (True, "")


def test_a_central_app_is_not_the_pemdas_to_own() -> None:
    central = {"jenis": "umum", "lisensi": "MIT", "hak_cipta": "Kementerian", "pemeliharaan": {"jenis": "pusat"}}
    assert lisensi_hak_cipta(evidence(central), {"lisensi_terbuka": frozenset({"MIT"})}) == (True, "")
