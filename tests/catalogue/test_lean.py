"""The catalogue's lean load (documents read when used) gives what ``load_registry`` gives."""

from __future__ import annotations

from pathlib import Path

from repospbe.catalogue.lean import Reread, load_lean
from repospbe.engine import run_checks
from repospbe.registry import load_registry
from tests.catalogue.sample import make_registry
from tests.helpers.git import copy_registry


def _same(root: Path) -> None:
    full, lean = load_registry(root), load_lean(root)
    assert list(lean.apps) == list(full.apps)
    assert {k: r.data for k, r in lean.apps.items()} == {k: r.data for k, r in full.apps.items()}
    assert {k: list(d) for k, d in lean.documents.items()} == {k: list(d) for k, d in full.documents.items()}
    assert all(isinstance(d, Reread) for docs in lean.documents.values() for d in docs.values())
    assert lean.documents == full.documents  # texts compared, read again from the files
    assert run_checks(lean) == run_checks(full)


def test_bundled_registry(tmp_path: Path) -> None:
    _same(copy_registry(tmp_path / "reg"))


def test_hostile_documents_and_records(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "reg")
    app = root / "registry/apps/dpmptsp/sipanda"
    (app / "kak.md").write_bytes(b"# KAK\n\n\xff\xfe bukan UTF-8\n")
    (app / "manual.md").write_bytes(b"# Manual\n\n" + b"kata " * 400_000)  # over the document size limit
    (root / "registry/apps/bkpsdm/simpeg/app.yaml").write_text("nama: [tidak ditutup\n", encoding="utf-8")
    _same(root)
    paths = {f.path for f in run_checks(load_lean(root))}
    assert {"registry/apps/dpmptsp/sipanda/kak.md", "registry/apps/dpmptsp/sipanda/manual.md"} <= paths
    assert "registry/apps/bkpsdm/simpeg/app.yaml" in paths
