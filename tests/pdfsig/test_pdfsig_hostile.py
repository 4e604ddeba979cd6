"""Hostile signed PDFs: each is a finding, never a crash and never a pass."""

from __future__ import annotations

import os
import re
from pathlib import Path

from repospbe.engine import run_checks
from repospbe.registry import load_registry
from tests.helpers.pdfsign import KEY, both
from tests.helpers.pki import TestPki

APP = f"registry/apps/{KEY}"


def found(base: Path, name: str, write: object) -> list[tuple[str, str]]:
    target = base / APP / name
    try:
        if isinstance(write, bytes):
            target.write_bytes(write)
        elif callable(write):
            write(target)
        reg = load_registry(base)
        return sorted((f.check_id, f.path) for f in run_checks(reg, only=("pdfsig",)) + reg.load_findings)
    finally:
        if target.is_symlink() or target.exists():
            target.unlink()


def test_corrupt_signature_container(base: Path, pki: TestPki, unsigned: bytes) -> None:
    pdf = both(pki, unsigned)
    spans = [m.span(1) for m in re.finditer(rb"/Contents <([0-9a-fA-F]+)>", pdf)]
    start, end = spans[-1]
    broken = pdf[:start] + b"0" * (end - start) + pdf[end:]
    # pyHanko cannot even list the signatures of this file: the whole PDF is refused
    assert found(base, "bast.pdf", broken) == [("pdfsig.unreadable", f"{APP}/bast.pdf")]


def test_oversized_pdf_is_not_read(base: Path) -> None:
    def sparse(target: Path) -> None:
        with target.open("wb") as fh:
            fh.write(b"%PDF-1.7\n")
            fh.truncate(21 * 1024 * 1024)

    assert found(base, "bast.pdf", sparse) == [("pdfsig.unreadable", f"{APP}/bast.pdf")]


def test_symlinked_pdf_is_a_layout_finding_not_followed(base: Path, tmp_path: Path) -> None:
    outside = tmp_path / "luar.pdf"
    outside.write_bytes(b"%PDF-1.7\n")
    rows = found(base, "bast.pdf", lambda target: os.symlink(outside, target))
    assert rows and all(not cid.startswith("pdfsig.") for cid, _ in rows)


def test_pdf_named_after_no_document_kind(base: Path, pki: TestPki, unsigned: bytes) -> None:
    assert found(base, "lampiran.pdf", both(pki, unsigned)) == [("pdfsig.unknown-kind", f"{APP}/lampiran.pdf")]


def test_truncated_signed_pdf(base: Path, pki: TestPki, unsigned: bytes) -> None:
    pdf = both(pki, unsigned)
    rows = found(base, "bast.pdf", pdf[: len(pdf) // 2])
    assert rows == [("pdfsig.unreadable", f"{APP}/bast.pdf")]
