"""The ``transaksi`` level's electronic-certificate criterion counts verified signed PDFs only."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from repospbe.maturity.evidence import gather
from repospbe.maturity.technical import TECH_REQUIREMENTS
from repospbe.registry import load_registry
from tests.helpers.pdfsign import KEY, both
from tests.helpers.pki import TestPki

PDF = f"registry/apps/{KEY}/bast.pdf"


def certificates(base: Path, pdf: bytes | None) -> tuple[str, ...]:
    if pdf is not None:
        (base / PDF).write_bytes(pdf)
    try:
        return gather(load_registry(base), KEY, [], [], date(2026, 12, 3), with_git=False).certificates
    finally:
        (base / PDF).unlink(missing_ok=True)


def test_verified_bast_meets_the_criterion(base: Path, pki: TestPki, unsigned: bytes) -> None:
    assert certificates(base, both(pki, unsigned)) == (PDF,)


def test_defective_or_absent_pdf_does_not(base: Path, pki: TestPki, unsigned: bytes) -> None:
    assert certificates(base, both(pki, unsigned, ppk="revoked")) == ()
    assert certificates(base, unsigned) == ()
    assert certificates(base, None) == ()
    ev = gather(load_registry(base), KEY, [], [], date(2026, 12, 3), with_git=False)
    assert TECH_REQUIREMENTS["sertifikat-elektronik"](ev, 3) is False
