"""Issue 20 part B: signed PDF documents, validated by ``repospbe check`` (pdfsig.*).

A real test PKI (tests/helpers/pki.py) and real pyHanko signatures over the BAST rendered
from the bundled example app's Markdown; each defect is refused with its own check id.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from repospbe.engine import run_checks
from repospbe.findings import Finding
from repospbe.pdfsig.documents import judge_app
from repospbe.registry import load_registry
from tests.helpers.git import copy_registry
from tests.helpers.pdfsign import KEY, VENDOR_NIP, append_update, both, sign
from tests.helpers.pki import NIP, TestPki

PDF = f"registry/apps/{KEY}/bast.pdf"


def findings(base: Path, pdf: bytes) -> list[Finding]:
    (base / PDF).write_bytes(pdf)
    try:
        return [f for f in run_checks(load_registry(base), only=("pdfsig", "documents")) if f.path == PDF]
    finally:
        (base / PDF).unlink()


def ids(found: list[Finding]) -> list[tuple[str, str]]:
    return sorted((f.check_id, str(dict(f.params).get("field", dict(f.params).get("role", "")))) for f in found)


def test_bast_signed_by_vendor_and_ppk_validates(base: Path, pki: TestPki, unsigned: bytes) -> None:
    pdf = both(pki, unsigned)
    assert findings(base, pdf) == []
    (base / PDF).write_bytes(pdf)
    try:
        [doc] = judge_app(load_registry(base), KEY)
    finally:
        (base / PDF).unlink()
    assert doc.kind == "bast" and doc.judgement.ok
    assert [(s.role, s.ident) for s in doc.judgement.signers] == [
        ("penyedia", f"NIP {VENDOR_NIP}"),
        ("ppk", f"NIP {NIP}"),
    ]
    assert all(s.signed_at is not None for s in doc.judgement.signers)


def test_altered_after_signing(base: Path, pki: TestPki, unsigned: bytes) -> None:
    pdf = both(pki, unsigned)
    altered = pdf.replace(b"/Producer (repospbe)", b"/Producer (repospbf)", 1)
    assert altered != pdf
    found = ids(findings(base, altered))
    assert ("pdfsig.altered", "Penyedia") in found and ("pdfsig.altered", "PPK") in found


def test_untrusted_root(base: Path, pki: TestPki, unsigned: bytes) -> None:
    assert ids(findings(base, both(pki, unsigned, ppk="untrusted"))) == [
        ("pdfsig.missing-role", "ppk"),
        ("pdfsig.untrusted", "PPK"),
    ]


def test_unsigned_update_after_the_last_signature(base: Path, pki: TestPki, unsigned: bytes) -> None:
    # the update changes the document catalogue both signatures covered: neither counts any more
    assert ids(findings(base, append_update(both(pki, unsigned)))) == [
        ("pdfsig.missing-role", "penyedia"),
        ("pdfsig.missing-role", "ppk"),
        ("pdfsig.partial-coverage", "PPK"),
        ("pdfsig.partial-coverage", "Penyedia"),
    ]


def test_revoked_signer(base: Path, pki: TestPki, unsigned: bytes) -> None:
    found = findings(base, both(pki, unsigned, ppk="revoked"))
    assert ids(found) == [("pdfsig.missing-role", "ppk"), ("pdfsig.revoked", "PPK")]
    assert all(f.blocks() for f in found)


@pytest.mark.parametrize(
    ("case", "check_id"),
    [("expired", "pdfsig.expired"), ("unknown", "pdfsig.revocation-unknown"), ("no-sign", "pdfsig.key-usage")],
)
def test_other_certificate_defects(base: Path, pki: TestPki, unsigned: bytes, case: str, check_id: str) -> None:
    assert ids(findings(base, both(pki, unsigned, ppk=case))) == sorted(
        [(check_id, "PPK"), ("pdfsig.missing-role", "ppk")]
    )


def test_signer_not_named_for_the_document(base: Path, pki: TestPki, unsigned: bytes) -> None:
    found = findings(base, both(pki, unsigned, vendor="stranger"))
    assert ids(found) == [("pdfsig.missing-role", "penyedia"), ("pdfsig.wrong-signer", "Penyedia")]
    [wrong] = [f for f in found if f.check_id == "pdfsig.wrong-signer"]
    assert dict(wrong.params)["ident"] == "NIP 199001012015011001"


def test_signer_without_the_needed_role(base: Path, pki: TestPki, unsigned: bytes) -> None:
    only_ppk = sign(pki, unsigned, "valid", "PPK")
    assert ids(findings(base, only_ppk)) == [("pdfsig.missing-role", "penyedia")]


def test_unsigned_and_unreadable_pdfs(base: Path, unsigned: bytes) -> None:
    assert ids(findings(base, unsigned)) == [("pdfsig.unsigned", "")]
    assert ids(findings(base, b"%PDF-1.7\nbukan pdf")) == [("pdfsig.unreadable", "")]
    assert ids(findings(base, b"<html>")) == [("pdfsig.unreadable", "")]


def test_no_trust_anchor_configured(tmp_path: Path, pki: TestPki, unsigned: bytes) -> None:
    root = copy_registry(tmp_path / "reg")
    found = ids(findings(root, both(pki, unsigned)))
    assert ("pdfsig.untrusted", "Penyedia") in found and ("pdfsig.untrusted", "PPK") in found


def test_pdf_replaces_the_markdown(base: Path, pki: TestPki, unsigned: bytes) -> None:
    md = base / f"registry/apps/{KEY}/bast.md"
    text = md.read_text("utf-8")
    md.unlink()
    try:
        (base / PDF).write_bytes(both(pki, unsigned))
        found = [f.check_id for f in run_checks(load_registry(base), only=("pdfsig", "documents")) if KEY in f.path]
        assert found == []  # no doc.declared-missing: the signed PDF is the document
        (base / PDF).unlink()
    finally:
        md.write_text(text, "utf-8")


def test_markdown_missing_without_pdf_is_still_missing(base: Path) -> None:
    md = base / f"registry/apps/{KEY}/bast.md"
    text = md.read_text("utf-8")
    md.unlink()
    try:
        found = [f.check_id for f in run_checks(load_registry(base), only=("documents",)) if KEY in f.path]
        assert found == ["doc.declared-missing"]
    finally:
        md.write_text(text, "utf-8")
