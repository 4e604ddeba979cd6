"""What a placeholder is: ``[ISI: ...]`` left in a record field blocks with file:line; the token
quoted in guidance prose is not a placeholder; content markers in a document still are."""

from __future__ import annotations

from pathlib import Path

from repospbe.documents.placeholder import placeholders
from repospbe.engine import check_registry
from tests.helpers.git import copy_registry

APP = "registry/apps/diskominfo/si-ppid/app.yaml"


def _app(root: Path) -> Path:
    apps = sorted((root / "registry/apps").glob("*/*/app.yaml"))
    assert apps
    return apps[0]


def test_placeholder_in_app_description_blocks_at_its_line(tmp_path: Path) -> None:
    root = copy_registry(tmp_path / "reg")
    record = _app(root)
    lines = record.read_text("utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("deskripsi:"))
    lines[at] = 'deskripsi: "[ISI: ringkasan satu paragraf tentang aplikasi]"'
    record.write_text("\n".join(lines) + "\n", "utf-8")
    rel = record.relative_to(root).as_posix()
    found = [f for f in check_registry(root) if f.check_id == "record.placeholder"]
    assert [(f.path, f.line, f.blocks()) for f in found] == [(rel, at + 1, True)]
    assert "deskripsi" in found[0].text("id") and "[ISI: ringkasan" in found[0].text("en")


def test_placeholder_in_opd_record_blocks(tmp_path: Path) -> None:
    root = copy_registry(tmp_path / "reg")
    opd = sorted((root / "registry/opd").glob("*.yaml"))[0]
    text = opd.read_text("utf-8")
    opd.write_text(text.rstrip("\n") + '\nalamat_kantor: "[ISI]"\n', "utf-8")
    rel = opd.relative_to(root).as_posix()
    found = [f for f in check_registry(root) if f.check_id == "record.placeholder"]
    assert [(f.path, f.line) for f in found] == [(rel, len(text.rstrip("\n").splitlines()) + 1)]


def test_bundled_records_have_no_placeholders(bundled_root: Path) -> None:
    assert not [f for f in check_registry(bundled_root) if f.check_id == "record.placeholder"]


def test_quoted_token_in_guidance_prose_is_not_a_placeholder() -> None:
    guidance = "> Panduan:"
    assert not list(placeholders("> Panduan: Ganti setiap baris panduan dan setiap tanda [ISI].\n", "ISI", guidance))
    assert not list(placeholders('Ganti setiap `[ISI]` dan "[ISI: ...]" sebelum diajukan.\n', "ISI", guidance))
    assert not list(placeholders("Tulis ‘[ISI]’ hanya di templat.\n", "ISI", guidance))


def test_content_markers_are_placeholders() -> None:
    text = "## Fungsi\n\n[ISI: fungsi utama]\n\nNama: [ ISI ] dan (`x`) [ISI]\n"
    assert [m.group(0) for m in placeholders(text, "ISI", "> Panduan:")] == ["[ISI: fungsi utama]", "[ ISI ]", "[ISI]"]


def test_quoting_on_one_side_only_is_still_a_placeholder() -> None:
    assert [m.group(0) for m in placeholders('deskripsi "[ISI: x] belum', "ISI")] == ["[ISI: x]"]


def test_hostile_many_open_markers_stay_linear() -> None:
    assert not list(placeholders("[ISI:" * 20000, "ISI", "> Panduan:"))


def test_document_guidance_line_quoting_the_token_is_not_flagged(tmp_path: Path) -> None:
    root = copy_registry(tmp_path / "reg")
    docs = sorted((root / "registry/apps").glob("*/*/kebutuhan.md"))
    assert docs
    doc = docs[0]
    rel = doc.relative_to(root).as_posix()
    before = {(f.check_id, f.line) for f in check_registry(root) if f.path == rel}
    lines = doc.read_text("utf-8").splitlines()
    lines.insert(1, "> Panduan: ganti setiap [ISI] dengan isi sebenarnya.")
    doc.write_text("\n".join(lines) + "\n", "utf-8")
    after = [f for f in check_registry(root) if f.path == rel and f.check_id == "doc.placeholder"]
    assert not after, (before, after)
