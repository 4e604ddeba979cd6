"""Issue 16 obligation 6: a subdomain is requested by an official letter (subdomain.letter-*);
and the bundled example app passes every check of obligations 3-6."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from repospbe.engine import check_registry
from repospbe.subdomains.request import Answers, validate
from tests.helpers.cli import run_cli
from tests.helpers.git import REPO_ROOT
from tests.helpers.subdomains import Reg, build_registry, sub

LETTER = {"nomor": "800/12/DINKES/2026", "tanggal": "2026-11-02"}


@pytest.fixture
def reg(tmp_path: Path) -> Reg:
    return build_registry(tmp_path / "reg")


def letter_ids(reg: Reg, data: dict[str, object]) -> list[tuple[str, str, int]]:
    reg.subdomain("sipd", data)
    return [(f.check_id, f.severity.value, f.line) for f in reg.findings("subdomain.letter-")]


def test_letter_with_number_and_date_passes(reg: Reg) -> None:
    assert letter_ids(reg, sub(surat=LETTER)) == []


def test_missing_letter_blocks(reg: Reg) -> None:
    data = sub()
    del data["surat"]
    assert letter_ids(reg, data) == [("subdomain.letter-missing", "high", 1)]


@pytest.mark.parametrize("number", ["", "   ", "000/000/OPD/2026", "[ISI: nomor surat]"])
def test_blank_or_placeholder_number(reg: Reg, number: str) -> None:
    assert [r[0] for r in letter_ids(reg, sub(surat={**LETTER, "nomor": number}))] == ["subdomain.letter-number"]


@pytest.mark.parametrize("date", ["2026-02-30", "2026-13-01", "0000-00-00", "2026-1-5", "20260105"])
def test_impossible_date(reg: Reg, date: str) -> None:
    assert [r[0] for r in letter_ids(reg, sub(surat={**LETTER, "tanggal": date}))] == ["subdomain.letter-date"]


def test_example_letter_is_reported_as_info(reg: Reg) -> None:
    rows = letter_ids(reg, sub(surat={**LETTER, "contoh": True}))
    assert [r[:2] for r in rows] == [("subdomain.letter-example", "info")]
    text = (reg.root / "registry/subdomains/sipd.yaml").read_text(encoding="utf-8").splitlines()
    assert text[rows[0][2] - 1].strip() == "contoh: true"


def test_template_placeholder_is_refused() -> None:
    default = json.loads((REPO_ROOT / "templates/subdomain/cookiecutter.json").read_text(encoding="utf-8"))
    from repospbe.checks.subdomains.letter import PLACEHOLDERS

    assert default["surat_nomor_yaml"].strip('"') in PLACEHOLDERS


def test_a_request_without_a_real_letter_is_refused(reg: Reg) -> None:
    answers = Answers(
        name="sipd",
        opd="dinkes",
        app="sipd",
        purpose="Uji",
        records=({"type": "A", "value": "192.0.2.40", "contoh": True},),
        ttl=3600,
        letter_number="  ",
        letter_date="2026-11-02",
        review="2027-11-02",
    )
    outcome = validate(reg.root, answers)
    assert [f.check_id for f in outcome.blocking] == ["subdomain.letter-number"]


def test_the_cli_requires_the_letter(reg: Reg, capsys: pytest.CaptureFixture[str]) -> None:
    res = run_cli(
        capsys,
        "new",
        "subdomain",
        "--nama",
        "sipd",
        "--opd",
        "dinkes",
        "--app",
        "sipd",
        "--tujuan",
        "Uji",
        "--a",
        "192.0.2.40",
        "--contoh",
        "--registry",
        str(reg.root),
    )
    assert res.code == 2 and "--surat-nomor" in res.err
    assert not (reg.root / "registry/subdomains/sipd.yaml").exists()


PREFIXES = ("copyright.", "umum.", "address.", "subdomain.letter-")


def test_bundled_example_app_passes_every_new_check() -> None:
    findings = check_registry(REPO_ROOT)
    mine = [f for f in findings if f.check_id.startswith(PREFIXES) and "si-antrean" in f.path]
    assert [(f.check_id, f.path) for f in mine] == [
        ("subdomain.letter-example", "registry/subdomains/si-antrean.yaml")  # info: an example letter
    ]
    assert not any(f.blocks() for f in mine)


def test_bundled_registry_reports_the_real_gaps() -> None:
    counts: dict[str, int] = {}
    for f in check_registry(REPO_ROOT):
        if f.check_id.startswith(PREFIXES):
            counts[f.check_id] = counts.get(f.check_id, 0) + 1
    assert counts == {
        "copyright.holder-missing": 22,  # every Pemda app but si-antrean (lpse, sp4n-lapor: central)
        "copyright.licence-missing": 22,
        "address.https": 3,  # e-pemerintahan, si-ppid, dpmtk-apdroid are recorded as http://
        "address.opd-website-missing": 14,  # every OPD that is not a unit of another: the seed names no website
        "address.opd-email-missing": 14,
        "subdomain.letter-missing": 6,  # every bundled subdomain but the example
        "subdomain.letter-example": 1,
    }
