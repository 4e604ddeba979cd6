"""Backup create / verify / restore on real git repositories and real SSH signatures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from repospbe.backup.create import create_backup
from repospbe.backup.manifest import MANIFEST, read_manifest
from repospbe.backup.verify import verify_backups
from tests.backup.conftest import Operator, objects_of, refs_of
from tests.helpers.cli import run_cli
from tests.helpers.git import commit_file, git


def test_full_backup_verifies_and_restores_identically(
    rich_registry: Path, operator: Operator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cadangan"
    res = run_cli(
        capsys,
        "backup",
        "create",
        "--out",
        str(out),
        "--key",
        str(operator.key),
        "--registry",
        str(rich_registry),
        "--allowed-signers",
        str(operator.signers),
    )
    assert res.code == 0, res.err
    res = run_cli(capsys, "backup", "verify", str(out), "--allowed-signers", str(operator.signers))
    assert res.code == 0, res.out + res.err
    target = tmp_path / "pulih"
    res = run_cli(
        capsys, "backup", "restore", str(out), "--to", str(target), "--allowed-signers", str(operator.signers)
    )
    assert res.code == 0, res.err
    assert refs_of(target) == refs_of(rich_registry)
    assert "refs/notes/commits" in refs_of(target) and "refs/repospbe/mr/1/head" in refs_of(target)
    assert objects_of(target) == objects_of(rich_registry)
    assert (target / "registry" / "instance.yaml").read_bytes() == (
        rich_registry / "registry" / "instance.yaml"
    ).read_bytes()


def test_restored_registry_checks_the_same(
    rich_registry: Path, operator: Operator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, target = tmp_path / "c", tmp_path / "p"
    create_backup(rich_registry, out, operator.key)
    run_cli(capsys, "backup", "restore", str(out), "--to", str(target), "--allowed-signers", str(operator.signers))
    before = run_cli(capsys, "check", "--registry", str(rich_registry), "--format", "json")
    after = run_cli(capsys, "check", "--registry", str(target), "--format", "json")
    assert before.code == after.code
    strip = lambda text: [{k: v for k, v in f.items()} for f in json.loads(text)["findings"]]  # noqa: E731
    assert strip(before.out) == strip(after.out)


def test_incremental_chain_restores_latest_state(rich_registry: Path, operator: Operator, tmp_path: Path) -> None:
    out = tmp_path / "c"
    full = create_backup(rich_registry, out, operator.key)
    commit_file(rich_registry, "registry/README.md", "# Registri\n", "readme")
    git(rich_registry, "branch", "-D", "usulan/fitur")
    inc1 = create_backup(rich_registry, out, operator.key, since=full / MANIFEST)
    commit_file(rich_registry, "registry/README.md", "# Registri v2\n", "readme 2")
    git(rich_registry, "tag", "v2")
    inc2 = create_backup(rich_registry, out, operator.key, since=inc1)
    assert read_manifest(inc2)[0].kind == "incremental"
    assert read_manifest(inc2)[0].repo("registry").prerequisites  # type: ignore[union-attr]
    assert verify_backups(out, operator.signers) == []
    from repospbe.backup.restore import restore_backup

    target = restore_backup(out, tmp_path / "p", operator.signers)
    assert refs_of(target) == refs_of(rich_registry)
    assert objects_of(target) == objects_of(rich_registry)
    assert "usulan/fitur" not in refs_of(target)


def test_flipped_byte_in_bundle_is_named(
    rich_registry: Path, operator: Operator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "c"
    set_dir = create_backup(rich_registry, out, operator.key)
    bundle = set_dir / "registry.bundle"
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0x01
    bundle.write_bytes(bytes(data))
    res = run_cli(capsys, "backup", "verify", str(out), "--allowed-signers", str(operator.signers))
    assert res.code == 1
    assert "backup.bundle-corrupt" in res.out and "registry.bundle" in res.out


def test_missing_incremental_is_a_gap(rich_registry: Path, operator: Operator, tmp_path: Path) -> None:
    out = tmp_path / "c"
    full = create_backup(rich_registry, out, operator.key)
    commit_file(rich_registry, "registry/README.md", "a\n", "a")
    inc1 = create_backup(rich_registry, out, operator.key, since=full)
    commit_file(rich_registry, "registry/README.md", "b\n", "b")
    inc2 = create_backup(rich_registry, out, operator.key, since=inc1)
    import shutil

    shutil.rmtree(inc1)
    findings = verify_backups(out, operator.signers)
    assert [f.check_id for f in findings] == ["backup.chain-gap"]
    assert findings[0].path == inc2.name and inc1.name in findings[0].text()


def test_altered_manifest_fails_signature_and_restore_is_refused(
    rich_registry: Path, operator: Operator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "c"
    set_dir = create_backup(rich_registry, out, operator.key)
    manifest = set_dir / MANIFEST
    manifest.write_bytes(manifest.read_bytes().replace(b'"restore_path":"."', b'"restore_path":"../../x"'))
    assert [f.check_id for f in verify_backups(out, operator.signers)] == ["backup.signature"]
    res = run_cli(
        capsys, "backup", "restore", str(out), "--to", str(tmp_path / "p"), "--allowed-signers", str(operator.signers)
    )
    assert res.code == 1 and not (tmp_path / "x").exists()


def test_signature_by_unknown_key_fails(rich_registry: Path, operator: Operator, tmp_path: Path) -> None:
    out = tmp_path / "c"
    create_backup(rich_registry, out, operator.key)
    other = tmp_path / "other_signers"
    other.write_text("someone@else ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKd5XgWqIz5zTqjA6HU7ZpkJfl7C2vS3c2Gq1ZP1Vx7m\n")
    assert [f.check_id for f in verify_backups(out, other)] == ["backup.signature"]


def test_restore_into_non_empty_target_is_refused(
    rich_registry: Path, operator: Operator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "c"
    create_backup(rich_registry, out, operator.key)
    target = tmp_path / "p"
    target.mkdir()
    (target / "ada").write_text("x")
    res = run_cli(
        capsys, "backup", "restore", str(out), "--to", str(target), "--allowed-signers", str(operator.signers)
    )
    assert res.code == 2 and "tidak kosong" in res.err


def test_source_repository_referenced_by_an_app_is_backed_up(
    rich_registry: Path, operator: Operator, tmp_path: Path
) -> None:
    src = rich_registry / "sumber" / "contoh.git"
    src.parent.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    git(work, "init", "-q", "-b", "main")
    (work / "app.py").write_text('"""Aplikasi contoh."""\n')
    git(work, "add", "-A")
    git(work, "commit", "-qm", "src")
    git(tmp_path, "clone", "-q", "--bare", str(work), str(src))
    app = rich_registry / "registry" / "apps" / "diskominfo" / "contoh-sumber" / "app.yaml"
    app.parent.mkdir(parents=True)
    app.write_text(
        "id: contoh-sumber\nnama: Contoh\nopd: diskominfo\njenis: khusus\nfungsi: [contoh]\n"
        "status: usulan\ndeskripsi: Contoh\nsumber: {repo: sumber/contoh.git}\n"
    )
    set_dir = create_backup(rich_registry, tmp_path / "c", operator.key)
    entry = read_manifest(set_dir)[0].repo("source/diskominfo/contoh-sumber")
    assert entry is not None and entry.bundle and entry.refs
    from repospbe.backup.restore import restore_backup

    target = restore_backup(tmp_path / "c", tmp_path / "p", operator.signers)
    assert refs_of(target / "sumber" / "contoh.git") == refs_of(src)
