"""The catalogue's block of signed documents: who signed, as what, when; defects shown as not valid."""

from __future__ import annotations

from pathlib import Path

from repospbe.catalogue.pages_signed import signed_block
from repospbe.registry import load_registry
from tests.helpers.pdfsign import KEY, VENDOR_NIP, both
from tests.helpers.pki import NIP, TestPki

PDF = f"registry/apps/{KEY}/bast.pdf"


def block(base: Path, pdf: bytes | None) -> str:
    if pdf is not None:
        (base / PDF).write_bytes(pdf)
    try:
        return signed_block(load_registry(base), KEY)
    finally:
        (base / PDF).unlink(missing_ok=True)


def test_block_names_signers_roles_and_times(base: Path, pki: TestPki, unsigned: bytes) -> None:
    html = block(base, both(pki, unsigned))
    assert "Contoh Kepala Bidang Aplikasi dan Informatika" in html and f"NIP {VENDOR_NIP}" in html
    assert "Contoh Pejabat Pembuat Komitmen Diskominfo" in html and f"NIP {NIP}" in html
    assert "Wakil penyedia" in html and ">PPK<" in html and " UTC" in html
    assert html.count(">sah<") == 2 and "tidak sah" not in html


def test_defective_pdf_is_shown_not_valid(base: Path, pki: TestPki, unsigned: bytes) -> None:
    html = block(base, both(pki, unsigned, ppk="revoked"))
    assert "tidak sah: pdfsig.missing-role, pdfsig.revoked" in html and ">sah<" not in html


def test_markdown_only_app_has_no_block(base: Path) -> None:
    assert block(base, None) == ""
