"""A realistic registry with deliberate defects: the fast check (documents read once as bytes,
scanned as bytes, two processes) reports exactly what the straightforward path reports (each
document read as text with ``yamlio.read_text``, scanned with ``scan.scan_document``, the
copyright line found by its plain definition), and hostile documents (a symbolic link, a FIFO,
a 50 MB file, invalid UTF-8, NUL bytes) are refused with the same findings as before, no hang."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from repospbe.checks.copyright import _norm
from repospbe.documents.rules import DocRules, load_rules, rules_location
from repospbe.documents.scan import scan_document
from repospbe.engine import check_registry
from repospbe.findings import Finding
from repospbe.registry import load_registry
from repospbe.registry.model import MAX_DOCUMENT_BYTES, Document
from repospbe.yamlio import read_text, read_utf8

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
APPS = 14


@pytest.fixture(scope="module")
def realistic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("real") / "reg"
    from benchmarks.gen_realistic import generate_realistic

    sys.path.insert(0, str(BENCH))  # it imports its sibling gen_registry by name
    try:
        generate_realistic(APPS, root)
    finally:
        sys.path.remove(str(BENCH))
    return root


def _apps(root: Path) -> list[Path]:
    return sorted((root / "registry" / "apps").glob("*/*"))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _break(root: Path) -> None:
    apps = _apps(root)
    _edit(apps[0] / "kak.md", "## Ruang Lingkup", "## Lingkup Lain")  # section missing
    _edit(apps[1] / "kebutuhan.md", "## Manfaat", "## Manfaat\n\n[ISI: manfaat]\n\n## Catatan")  # placeholder
    _edit(apps[2] / "manual.md", "\n\n", "\n\nLorem ipsum dolor sit amet.\n\n")  # lorem
    text = (apps[3] / "kak.md").read_text(encoding="utf-8")
    (apps[3] / "kak.md").write_text(text.replace("hak cipta", "lisensi").replace("Hak cipta", "Lisensi"), "utf-8")
    (apps[4] / "app.yaml").write_text("id: [tidak ditutup\n", encoding="utf-8")  # broken YAML
    _edit(apps[5] / "app.yaml", "status: produksi", "status: entah")  # schema error
    _edit(apps[6] / "app.yaml", "hak_cipta: Pemerintah Kota Pontianak", "hak_cipta: CV Lain")  # copyright wrong
    (apps[7] / "bast.md").write_bytes(b"# BAST\n\x00\x00 Hak cipta Pemerintah Kota Pontianak\n")  # NUL bytes
    (apps[8] / "pengujian.md").write_bytes((apps[8] / "pengujian.md").read_bytes() + b"\n\xff\xfe rusak\n")
    kak = apps[9] / "kak.md"
    kak.unlink()
    os.symlink(apps[10] / "kak.md", kak)  # a link, even to a real document
    manual = apps[11] / "manual.md"
    manual.unlink()
    os.mkfifo(manual)  # read, it would block forever
    with (apps[12] / "bast.md").open("r+b") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB (sparse)
    _edit(apps[13] / "kebutuhan.md", "## Fungsi", "## Fungsi\n\nSingkat.\n\n## Fungsi Lama")  # section short


def _reference_documents(root: Path) -> tuple[list[Finding], dict[str, str]]:
    """The straightforward reads: every document of the listing read as text, as before."""
    problems: list[Finding] = []
    texts: dict[str, str] = {}
    for rel, kind in load_registry(root).files.items():
        if kind == "document":
            text, found = read_text(root / rel, rel, MAX_DOCUMENT_BYTES)
            problems += found
            if text is not None:
                texts[rel] = text
    return problems, texts


def test_documents_are_read_and_refused_as_before(realistic: Path, tmp_path: Path) -> None:
    root = tmp_path / "reg"
    shutil.copytree(realistic, root, symlinks=True)
    _break(root)
    problems, texts = _reference_documents(root)
    reg = load_registry(root)
    docs = {doc.path: doc for by_kind in reg.documents.values() for doc in by_kind.values()}
    assert {rel: doc.text for rel, doc in docs.items()} == texts
    assert all(doc.raw == texts[rel].encode("utf-8") for rel, doc in docs.items())
    on_documents = [f for f in reg.load_findings if f.path.endswith(".md")]
    walk_found = {(f.check_id, f.path) for f in on_documents}
    assert walk_found >= {
        ("layout.symlink", "registry/apps/" + "/".join(_apps(root)[9].parts[-2:]) + "/kak.md"),
        ("layout.special-file", "registry/apps/" + "/".join(_apps(root)[11].parts[-2:]) + "/manual.md"),
    }
    read_found = [f for f in on_documents if f.check_id in ("file.encoding", "file.too-large")]
    assert sorted(read_found, key=str) == sorted(problems, key=str)
    assert {f.check_id for f in read_found} == {"file.encoding", "file.too-large"}


def test_hostile_files_read_directly(tmp_path: Path) -> None:
    """Each refusal of ``read_utf8`` is the one ``read_text`` gives, the bytes the text's UTF-8."""
    cases = {
        "fifo.md": None,
        "besar.md": b"",
        "rusak.md": b"# A\nbaik\n\xe2\x28\xa1 rusak\n",
        "surrogat.md": b"# A\n\xed\xa0\x80\n",
        "nul.md": b"# A\n\x00\x00\n",
        "baik.md": "# Judul \u2013 caf\u00e9\r\nHak cipta\n".encode(),
    }
    for name, data in cases.items():
        if data is None:
            os.mkfifo(tmp_path / name)
        else:
            (tmp_path / name).write_bytes(data)
    with (tmp_path / "besar.md").open("r+b") as fh:
        fh.truncate(50 * 1024 * 1024)
    os.symlink(tmp_path / "baik.md", tmp_path / "tautan.md")
    for name in [*cases, "tautan.md"]:
        raw, raw_found = read_utf8(tmp_path / name, name, MAX_DOCUMENT_BYTES)
        text, text_found = read_text(tmp_path / name, name, MAX_DOCUMENT_BYTES)
        assert raw_found == text_found, name
        assert (raw is None) == (text is None), name
        if text is not None:
            assert raw == text.encode("utf-8")
    ids = {name: [f.check_id for f in read_utf8(tmp_path / name, name, MAX_DOCUMENT_BYTES)[1]] for name in cases}
    assert ids["fifo.md"] == ["layout.special-file"] and ids["besar.md"] == ["file.too-large"]
    assert ids["rusak.md"] == ids["surrogat.md"] == ["file.encoding"] and ids["nul.md"] == ids["baik.md"] == []
    assert read_utf8(tmp_path / "tautan.md", "tautan.md", MAX_DOCUMENT_BYTES)[1][0].check_id == "file.unreadable"


def _reference_content_findings(root: Path) -> set[tuple[str, str, int]]:
    """doc.* content findings and copyright.document, computed the straightforward way."""
    reg = load_registry(root)
    rules = load_rules(root, rules_location(reg))
    assert isinstance(rules, DocRules)
    want = _norm(reg.pemda)
    out: set[tuple[str, str, int]] = set()
    for key, by_kind in reg.documents.items():
        record = reg.apps.get(key)
        for name, doc in by_kind.items():
            spec = rules.kinds.get(name)
            if spec is not None:
                out |= {(i.check_id, doc.path, i.line) for i in scan_document(doc.text, spec, rules)}
            states = any("hak cipta" in _norm(ln) and want in _norm(ln) for ln in doc.text.splitlines())
            if record is not None and isinstance(record.data, dict) and not states:
                out.add(("copyright.document", doc.path, 1))
    return out


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_findings_are_the_straightforward_ones(
    realistic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    root = tmp_path / "reg"
    shutil.copytree(realistic, root, symlinks=True)
    monkeypatch.setenv("REPOSPBE_JOBS", "1")
    assert check_registry(root) == []  # the generated registry is clean
    _break(root)
    monkeypatch.setenv("REPOSPBE_JOBS", jobs)
    findings = check_registry(root)
    content = {"doc.section-missing", "doc.section-empty", "doc.section-short", "doc.placeholder", "doc.lorem"}
    got = {(f.check_id, f.path, f.line) for f in findings if f.check_id in content | {"copyright.document"}}
    assert got == _reference_content_findings(root)
    ids = {f.check_id for f in findings}
    assert {"yaml.syntax", "schema.enum", "copyright.holder", "file.encoding", "file.too-large"} <= ids
    assert {"layout.symlink", "layout.special-file", "doc.placeholder", "doc.lorem", "copyright.document"} <= ids
    assert {"doc.section-missing", "doc.section-short"} <= ids


def test_a_document_holds_one_copy_of_its_content() -> None:
    """Read as bytes for the checks; decoded on demand (the catalogue), then only the text is kept."""
    content = "# Judul \u2013 caf\u00e9\nHak cipta\n"
    doc = Document("registry/apps/a/b/kak.md", "kak", raw=content.encode("utf-8"))
    assert doc.raw == content.encode("utf-8")
    assert doc.text == content
    assert doc._raw is None and doc.raw == content.encode("utf-8")
