"""Attack 8: a validly signed manifest whose ``restore_path`` leads outside ``--to``.

Each manifest is signed with the operator's real ``ssh-keygen`` key (``backup verify``
passes), then restored through the real CLI: the restore is refused with exit 2, nothing
appears outside ``--to`` and nothing is left half-written inside it."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from repospbe.backup.create import create_backup
from repospbe.backup.manifest import MANIFEST, NAMESPACE, read_manifest
from repospbe.backup.signing import sign_file
from tests.backup.conftest import Operator
from tests.helpers.cli import run_cli
from tests.helpers.git import git


def _resign(set_dir: Path, operator: Operator, **paths: str) -> None:
    """Rewrite the restore paths of the named repositories and sign the manifest again."""
    manifest, _ = read_manifest(set_dir)
    repos = tuple(dataclasses.replace(r, restore_path=paths.get(r.name, r.restore_path)) for r in manifest.repos)
    (set_dir / MANIFEST).write_bytes(dataclasses.replace(manifest, repos=repos).to_bytes())
    sign_file(set_dir / MANIFEST, operator.key, NAMESPACE)


def _listing(where: Path) -> list[str]:
    return sorted(str(p.relative_to(where)) for p in where.rglob("*"))


def _restore(capsys: pytest.CaptureFixture[str], out: Path, target: Path, operator: Operator) -> tuple[int, str]:
    verified = run_cli(capsys, "backup", "verify", str(out), "--allowed-signers", str(operator.signers))
    assert verified.code == 0, verified.out + verified.err  # the signature is genuine
    res = run_cli(
        capsys, "backup", "restore", str(out), "--to", str(target), "--allowed-signers", str(operator.signers)
    )
    return res.code, res.err


@pytest.mark.parametrize(
    ("restore_path", "key_text"),
    [
        ("../x", "memuat '..'"),
        ("../p-luar", "memuat '..'"),  # shares the target's prefix: a startswith check let it through
        ("./sub/../../p-luar", "memuat '..'"),
        ("ABSOLUTE", "jalur absolut"),
    ],
)
def test_signed_restore_path_outside_target_is_refused(
    restore_path: str,
    key_text: str,
    rich_registry: Path,
    operator: Operator,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, target, outside = tmp_path / "c", tmp_path / "p", tmp_path / "luar"
    set_dir = create_backup(rich_registry, out, operator.key)
    _resign(set_dir, operator, registry=str(outside) if restore_path == "ABSOLUTE" else restore_path)
    before = _listing(tmp_path)
    code, err = _restore(capsys, out, target, operator)
    assert code == 2, err
    assert key_text in err and restore_path.replace("ABSOLUTE", str(outside)) in err
    assert not target.exists()  # refused before anything was written
    assert _listing(tmp_path) == before  # nothing appeared anywhere: not ../x, not ../p-luar, not /…/luar


def _with_source(rich_registry: Path, tmp_path: Path) -> None:
    """An app whose source is the bare repository ``sumber/contoh.git`` beside the registry."""
    src = rich_registry / "sumber" / "contoh.git"
    src.parent.mkdir()
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(src))
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(src), str(work))
    (work / "app.py").write_text('"""Aplikasi contoh."""\n')
    git(work, "add", "-A")
    git(work, "commit", "-qm", "src")
    git(work, "push", "-q", "origin", "HEAD:main")
    app = rich_registry / "registry" / "apps" / "diskominfo" / "contoh-sumber" / "app.yaml"
    app.parent.mkdir(parents=True)
    app.write_text(
        "id: contoh-sumber\nnama: Contoh\nopd: diskominfo\njenis: khusus\nfungsi: [contoh]\n"
        "status: usulan\ndeskripsi: Contoh\nsumber: {repo: sumber/contoh.git}\n"
    )
    git(rich_registry, "add", str(app.relative_to(rich_registry)))
    git(rich_registry, "commit", "-qm", "contoh-sumber")


def test_signed_restore_path_through_a_restored_link_is_refused_and_rolled_back(
    rich_registry: Path,
    operator: Operator,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The registry's own work tree brings a link ``tautan -> ../luar``; a source repository
    restored to ``tautan/contoh.git`` would land in ``luar/`` beside the target."""
    _with_source(rich_registry, tmp_path)
    os.symlink("../luar", rich_registry / "tautan")
    git(rich_registry, "add", "tautan")
    git(rich_registry, "commit", "-qm", "tautan")
    set_dir = create_backup(rich_registry, tmp_path / "c", operator.key)
    assert read_manifest(set_dir)[0].repo("source/diskominfo/contoh-sumber") is not None
    _resign(set_dir, operator, **{"source/diskominfo/contoh-sumber": "tautan/contoh.git"})
    target = tmp_path / "p"
    target.mkdir()
    code, err = _restore(capsys, tmp_path / "c", target, operator)
    assert code == 2, err
    assert "tautan/contoh.git" in err and "tautan simbolik" in err
    assert not (tmp_path / "luar").exists() and not (tmp_path / "luar").is_symlink()
    assert list(target.iterdir()) == []  # the registry restored before the refusal is rolled back


def test_restore_path_refusal_speaks_english(
    rich_registry: Path, operator: Operator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_dir = create_backup(rich_registry, tmp_path / "c", operator.key)
    _resign(set_dir, operator, registry="../x")
    res = run_cli(
        capsys,
        "backup",
        "restore",
        str(tmp_path / "c"),
        "--to",
        str(tmp_path / "p"),
        "--lang",
        "en",
        "--allowed-signers",
        str(operator.signers),
    )
    assert res.code == 2 and "contains '..'" in res.err and not (tmp_path / "x").exists()


def test_two_repositories_in_one_place_are_refused_and_rolled_back(
    rich_registry: Path,
    operator: Operator,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A source restored onto ``registry/``, which the registry's work tree already filled."""
    _with_source(rich_registry, tmp_path)
    set_dir = create_backup(rich_registry, tmp_path / "c", operator.key)
    _resign(set_dir, operator, **{"source/diskominfo/contoh-sumber": "registry"})
    code, err = _restore(capsys, tmp_path / "c", tmp_path / "p", operator)
    assert code == 2 and "sudah terisi" in err, err
    assert not (tmp_path / "p").exists()


def test_legitimate_nested_source_still_restores(
    rich_registry: Path,
    operator: Operator,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _with_source(rich_registry, tmp_path)
    create_backup(rich_registry, tmp_path / "c", operator.key)
    code, err = _restore(capsys, tmp_path / "c", tmp_path / "a" / "p", operator)
    assert code == 0, err
    assert (tmp_path / "a" / "p" / "sumber" / "contoh.git" / "HEAD").is_file()
