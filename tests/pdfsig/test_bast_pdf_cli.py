"""``repospbe handover bast-pdf``: the BAST Markdown rendered to a deterministic PDF."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from tests.helpers.cli import run_cli
from tests.helpers.git import copy_registry

KEY = "diskominfo/si-antrean"


@pytest.fixture
def reg(tmp_path: Path) -> Path:
    return copy_registry(tmp_path / "reg")


def test_bast_pdf_is_deterministic_and_names_the_signers(
    reg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for out in (first, second):
        res = run_cli(capsys, "--registry", str(reg), "handover", "bast-pdf", "--app", KEY, "-o", str(out))
        assert res.code == 0, res.err
    assert f"registry/apps/{KEY}/bast.pdf" in res.out
    data = first.read_bytes()
    assert data.startswith(b"%PDF-") and data == second.read_bytes()
    reader = PdfFileReader(io.BytesIO(data))
    assert len(reader.root["/Pages"]["/Kids"]) >= 1 and list(reader.embedded_signatures) == []
    assert b"198503122010011002" in data and b"197806142005011004" in data  # the signature page
    # the Markdown is the source: a changed BAST gives another PDF
    bast = reg / f"registry/apps/{KEY}/bast.md"
    bast.write_text(bast.read_text("utf-8") + "\nTambahan.\n", "utf-8")
    assert run_cli(capsys, "--registry", str(reg), "handover", "bast-pdf", "--app", KEY, "-o", str(second)).code == 0
    assert second.read_bytes() != data


@pytest.mark.parametrize(
    ("app", "words"),
    [
        ("../../etc", "invalid app"),
        ("dinkes/tidak-ada", "not in the registry"),
        ("diskominfo/e-office", "missing or empty"),
    ],
)
def test_bast_pdf_refusals(reg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], app: str, words: str) -> None:
    out = tmp_path / "x.pdf"
    res = run_cli(capsys, "--lang", "en", "--registry", str(reg), "handover", "bast-pdf", "--app", app, "-o", str(out))
    assert res.code == 2 and words in res.out + res.err and not out.exists()


def test_bast_pdf_needs_both_roles(reg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app_yaml = reg / f"registry/apps/{KEY}/app.yaml"
    text = app_yaml.read_text("utf-8")
    app_yaml.write_text(text[: text.index("penandatangan:")], "utf-8")
    out = tmp_path / "x.pdf"
    res = run_cli(capsys, "--lang", "en", "--registry", str(reg), "handover", "bast-pdf", "--app", KEY, "-o", str(out))
    assert res.code == 2 and "penyedia, ppk" in res.out + res.err
