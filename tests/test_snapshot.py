"""``registry_at``: the registry at a ref comes from git objects only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from repospbe.errors import InputError
from repospbe.git.snapshot import registry_at
from tests.helpers.git import commit_all, git


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "reg"
    (root / "registry" / "opd").mkdir(parents=True)
    (root / "registry" / "opd" / "a.yaml").write_text("kode: a\nversi: $Format:%H$\n")
    (root / "registry" / "opd" / "b.yaml").write_text("kode: b\n")
    (root / "checks").mkdir()
    (root / "checks" / "aturan.yaml").write_text("aturan: ketat\n")
    git(root.parent, "init", "-q", "-b", "main", str(root))
    return root


def test_in_tree_attributes_neither_hide_nor_rewrite(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / ".gitattributes").write_text(
        "registry/opd/b.yaml export-ignore\nregistry/opd/a.yaml export-subst\nchecks/** export-ignore\n"
    )
    (root / "registry" / ".gitattributes").write_text("* export-ignore\n")
    commit_all(root, "c")
    with registry_at(root, "HEAD") as snap:
        files = sorted(p.relative_to(snap).as_posix() for p in snap.rglob("*") if p.is_file())
        assert (snap / "registry" / "opd" / "a.yaml").read_text() == "kode: a\nversi: $Format:%H$\n"
    assert files == ["checks/aturan.yaml", "registry/.gitattributes", "registry/opd/a.yaml", "registry/opd/b.yaml"]


def test_links_inside_are_kept_and_links_outside_refused(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    os.symlink("a.yaml", root / "registry" / "opd" / "c.yaml")
    commit_all(root, "c")
    with registry_at(root, "HEAD") as snap:
        assert os.readlink(snap / "registry" / "opd" / "c.yaml") == "a.yaml"
    os.symlink("../../../luar", root / "registry" / "opd" / "d.yaml")
    os.symlink("/etc/passwd", root / "registry" / "opd" / "e.yaml")
    commit_all(root, "c")
    with pytest.raises(InputError) as err:
        with registry_at(root, "HEAD"):
            pass
    assert err.value.key == "snapshot.bad-ref"


def test_a_chain_of_links_cannot_lead_outside(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    os.symlink(".", root / "registry" / "k")  # harmless alone
    os.symlink("k/../..", root / "registry" / "l")  # lexically the snapshot root, really its parent
    commit_all(root, "c")
    with pytest.raises(InputError):
        with registry_at(root, "HEAD"):
            pass


def test_option_like_ref_is_refused(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    commit_all(root, "c")
    with pytest.raises(InputError):
        with registry_at(root, "--output=/tmp/x"):
            pass
