"""Ingest end to end: source repo, bundle, manifest, BAST, registry branch, completeness."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest

from repospbe.errors import InputError
from repospbe.handover.extract import ExtractRefused
from repospbe.handover.ingest import ingest
from repospbe.handover.request import Request
from repospbe.i18n import size_text
from tests.handover.archives import SAMPLE, make_zip, sample_dir, sample_tar, sample_zip
from tests.handover.conftest import APP
from tests.helpers.cli import run_cli
from tests.helpers.git import git

APP_REL = f"registry/apps/{APP}"
BRANCH = "serah-terima/si-loket-uji-1.0.0"


def req(archive: Path, version: str = "1.0.0") -> Request:
    return Request(archive, APP, "PT Vendor Contoh", "027/KTR/2026", version)


def show(root: Path, ref: str, rel: str) -> str:
    return git(root, "show", f"{ref}:{rel}")


def test_zip_ingest_commits_source_and_prepares_registry_branch(reg: Path, tmp_path: Path) -> None:
    archive = sample_zip(tmp_path / "kiriman.zip")
    status_before = git(reg, "status", "--porcelain")
    res = ingest(reg, req(archive))
    # the user's checkout is untouched; everything is on the branch
    assert git(reg, "status", "--porcelain") == status_before
    assert git(reg, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
    assert res.registry_branch == BRANCH
    changed = git(reg, "diff", "--name-only", "main", BRANCH).split()
    assert changed == sorted(
        [
            f"{APP_REL}/app.yaml",
            f"{APP_REL}/bast.md",
            f"{APP_REL}/serah-terima/bast-1.0.0.md",
            f"{APP_REL}/serah-terima/manifest-1.0.0.json",
            "registry/sources/diskominfo/si-loket-uji.bundle",
        ]
    )
    manifest = json.loads(show(reg, BRANCH, f"{APP_REL}/serah-terima/manifest-1.0.0.json"))
    assert manifest["arsip"]["sha256"] == hashlib.sha256(archive.read_bytes()).hexdigest()
    assert manifest["total"] == {"berkas": len(SAMPLE), "bita": sum(len(v) for v in SAMPLE.values())}
    listed = {f["path"]: f for f in manifest["berkas"]}
    for rel, data in SAMPLE.items():
        assert listed[rel]["sha256"] == hashlib.sha256(data).hexdigest()
        assert listed[rel]["ukuran"] == len(data)
    assert listed["bin/run.sh"]["mode"] == "100755"
    # app.yaml pins the bundle and the exact commit; the bundle really holds that commit
    record = show(reg, BRANCH, f"{APP_REL}/app.yaml")
    assert f"commit: {res.source_commit}" in record and "# Aplikasi uji serah terima" in record
    clone = tmp_path / "klon"
    subprocess.run(
        ["git", "clone", "-q", "--bare", str(reg / ".sumber/diskominfo/si-loket-uji.git"), str(clone)], check=True
    )
    bundle = tmp_path / "b.bundle"
    bundle.write_bytes(
        subprocess.run(
            ["git", "show", f"{BRANCH}:registry/sources/diskominfo/si-loket-uji.bundle"],
            cwd=reg,
            capture_output=True,
            check=True,
        ).stdout
    )
    heads = subprocess.run(
        ["git", "bundle", "list-heads", str(bundle)], capture_output=True, text=True, check=True
    ).stdout
    assert f"{res.source_commit} refs/heads/serah-terima/1.0.0" in heads
    blob = git(clone, "show", f"{res.source_commit}:index.php")
    assert blob.encode() == SAMPLE["index.php"]


def test_bast_lists_documents_and_source(reg: Path, tmp_path: Path) -> None:
    res = ingest(reg, req(sample_zip(tmp_path / "kiriman.zip")))
    bast = show(reg, BRANCH, f"{APP_REL}/bast.md")
    assert bast == show(reg, BRANCH, res.bast_rel)
    for heading in ("## Pihak", "## Daftar Serah Terima", "## Pernyataan"):
        assert heading in bast
    assert "| Dokumen kebutuhan perangkat lunak | `kebutuhan.md` | belum selesai |" in bast
    assert "| Manual penggunaan aplikasi | `manual.md` | belum ada |" in bast
    assert res.archive_sha256 in bast and res.source_commit in bast and "027/KTR/2026" in bast
    assert "Pemerintah Kota Pontianak" in bast  # from instance.yaml
    assert "[ISI" in bast  # officials still sign: the BAST is reported unfinished


def test_completeness_report(reg: Path, tmp_path: Path) -> None:
    res = ingest(reg, req(sample_zip(tmp_path / "kiriman.zip")))
    got = sorted((f.check_id, f.path, dict(f.params).get("document", "")) for f in res.missing)
    assert got == sorted(
        [
            ("handover.document-unfinished", f"{APP_REL}/kebutuhan.md", "kebutuhan"),
            ("handover.document-missing", f"{APP_REL}/kak.md", "kak"),
            ("handover.document-missing", f"{APP_REL}/pengujian.md", "pengujian"),
            ("handover.document-missing", f"{APP_REL}/manual.md", "manual"),
            ("handover.document-unfinished", f"{APP_REL}/bast.md", "bast"),
            ("handover.no-test-command", f"{APP_REL}/app.yaml", ""),
        ]
    )
    hint = next(f for f in res.missing if f.check_id == "handover.no-test-command")
    assert dict(hint.params)["found"] == "composer.json"


def test_license_missing_and_wrong_holder(reg: Path, tmp_path: Path) -> None:
    no_license = make_zip(tmp_path / "a.zip", [("index.php", b"<?php", None)])
    ids = {f.check_id for f in ingest(reg, req(no_license)).missing}
    assert "handover.no-license" in ids
    other = make_zip(tmp_path / "b.zip", [("LICENSE", b"MIT\nCopyright PT Vendor\n", None), ("a.php", b"<?php", None)])
    found = [f for f in ingest(reg, req(other, "1.1.0")).missing if f.check_id == "handover.license-holder"]
    assert len(found) == 1 and dict(found[0].params)["file"] == "LICENSE"


@pytest.mark.parametrize("mode,kind", [("w:gz", "tar.gz"), ("w:xz", "tar.xz"), ("w", "tar")])
def test_every_format_gives_the_same_tree(reg: Path, tmp_path: Path, mode: str, kind: str) -> None:
    zres = ingest(reg, req(sample_zip(tmp_path / "k.zip")))
    tres = ingest(reg, req(sample_tar(tmp_path / "k.tar", mode), "2.0.0"))
    dres = ingest(reg, req(sample_dir(tmp_path / "dir"), "3.0.0"))
    repo = reg / ".sumber/diskominfo/si-loket-uji.git"
    trees = {
        git(repo, "rev-parse", f"{c}^{{tree}}").strip()
        for c in (zres.source_commit, tres.source_commit, dres.source_commit)
    }
    assert len(trees) == 1
    assert (tres.kind, dres.kind) == (kind, "direktori")
    # handovers form one history: 2.0.0's parent is 1.0.0
    assert git(repo, "rev-parse", f"{tres.source_commit}^").strip() == zres.source_commit


def test_directory_delivery_drops_git_internals_and_runs_nothing(reg: Path, tmp_path: Path) -> None:
    src = sample_dir(tmp_path / "kerja")
    git(src, "init", "-q")
    marker = tmp_path / "DIJALANKAN"
    (src / ".git/hooks/pre-commit").write_text(f"#!/bin/sh\ntouch {marker}\n")
    (src / ".git/hooks/pre-commit").chmod(0o755)
    git(src, "config", "core.fsmonitor", f"touch {marker}")
    res = ingest(reg, req(src))
    assert res.dropped > 0 and not marker.exists()
    manifest = json.loads(show(reg, BRANCH, res.manifest_rel))
    assert not any(f["path"].startswith(".git") for f in manifest["berkas"])


def test_same_version_is_refused_once_accepted(reg: Path, tmp_path: Path) -> None:
    archive = sample_zip(tmp_path / "k.zip")
    ingest(reg, req(archive))
    git(reg, "merge", "-q", "--ff-only", BRANCH)
    refs_before = git(reg, "for-each-ref")
    with pytest.raises(InputError) as info:
        ingest(reg, req(archive))
    assert info.value.key == "handover.version-accepted"
    assert git(reg, "for-each-ref") == refs_before


def test_hostile_archive_leaves_nothing_behind(reg: Path, tmp_path: Path) -> None:
    bad = make_zip(tmp_path / "jahat.zip", [("a.php", b"<?php", None), ("../../keluar.php", b"x", None)])
    refs_before = git(reg, "for-each-ref")
    with pytest.raises(ExtractRefused):
        ingest(reg, req(bad))
    assert git(reg, "for-each-ref") == refs_before
    store = reg / ".sumber"
    assert not (store / "diskominfo/si-loket-uji.git").exists()
    assert [p.name for p in store.iterdir()] == [".gitignore"]  # staging removed


def test_failure_after_source_commit_rolls_back(reg: Path, tmp_path: Path) -> None:
    archive = sample_zip(tmp_path / "k.zip")
    ingest(reg, req(archive))
    repo = reg / ".sumber/diskominfo/si-loket-uji.git"
    heads_before = git(repo, "for-each-ref")
    (reg / "templates/aplikasi-khusus/serah-terima/bast.md.j2").write_text("{{ tidak_ada }}\n")
    with pytest.raises(InputError) as info:
        ingest(reg, req(archive, "1.0.1"))
    assert info.value.key == "handover.bast-template-error"
    assert git(repo, "for-each-ref") == heads_before
    assert git(repo, "symbolic-ref", "HEAD").strip() == "refs/heads/serah-terima/1.0.0"
    assert "serah-terima/si-loket-uji-1.0.1" not in git(reg, "branch", "--list")


@pytest.mark.parametrize(
    "args,key",
    [
        (["--app", "diskominfo/tidak-ada"], "Aplikasi diskominfo/tidak-ada belum terdaftar: "),
        (["--app", "../etc"], "harus berbentuk OPD/APLIKASI"),
        (["--version", "1.0"], "bukan SemVer"),
        (["--vendor", "PT\nJahat"], "karakter kendali"),
    ],
)
def test_cli_bad_requests_exit_2(
    reg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], key: str
) -> None:
    archive = sample_zip(tmp_path / "k.zip")
    base = {"--app": APP, "--vendor": "PT Vendor", "--contract": "1/2026", "--version": "1.0.0"}
    base.update(dict(zip(args[::2], args[1::2])))
    flat = [x for kv in base.items() for x in kv]
    res = run_cli(capsys, "handover", "ingest", str(archive), *flat, "--registry", str(reg))
    assert res.code == 2
    assert key in res.err


def test_cli_hostile_message_in_english(reg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = make_zip(tmp_path / "jahat.zip", [("../x.php", b"x", None)])
    res = run_cli(
        capsys,
        "handover",
        "ingest",
        str(bad),
        "--app",
        APP,
        "--vendor",
        "V",
        "--contract",
        "K",
        "--version",
        "1.0.0",
        "--registry",
        str(reg),
        "--lang",
        "en",
    )
    assert res.code == 2
    assert "Archive refused: path ../x.php contains '..'" in res.err


def test_cli_reports_and_prints_next_steps(reg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    res = run_cli(
        capsys,
        "handover",
        "ingest",
        str(sample_zip(tmp_path / "k.zip")),
        "--app",
        APP,
        "--vendor",
        "PT Vendor",
        "--contract",
        "1/2026",
        "--version",
        "1.0.0",
        "--registry",
        str(reg),
    )
    assert res.code == 0, res.err
    total = sum(len(v) for v in SAMPLE.values())
    assert f", {size_text(total)}, sha256 arsip" in res.out  # a size a person reads, not a byte count
    assert "Belum lengkap (6):" in res.out
    assert "[handover.no-test-command] registry/apps/diskominfo/si-loket-uji/app.yaml" in res.out
    assert f"git switch {BRANCH}" in res.out


def test_registry_must_be_git(tmp_path: Path) -> None:
    from tests.handover.conftest import registry_with_app

    root = registry_with_app(tmp_path / "r")
    import shutil

    shutil.rmtree(root / ".git")
    with pytest.raises(InputError) as info:
        ingest(root, req(sample_zip(tmp_path / "k.zip")))
    assert info.value.key == "handover.registry-not-git"
    assert not os.path.exists(root / ".sumber/diskominfo")


def test_new_store_continues_the_history_of_the_shipped_bundle(reg: Path, tmp_path: Path) -> None:
    """A fresh clone has only the bundle in registry/sources: the next handover builds on it."""
    import shutil

    first = ingest(reg, req(sample_zip(tmp_path / "k.zip")))
    git(reg, "switch", "-q", BRANCH)
    shutil.rmtree(reg / ".sumber")  # e.g. another Diskominfo workstation
    second = ingest(reg, req(make_zip(tmp_path / "v2.zip", [("LICENSE", SAMPLE["LICENSE"], None)]), "1.1.0"))
    repo = reg / ".sumber/diskominfo/si-loket-uji.git"
    assert git(repo, "rev-parse", f"{second.source_commit}^").strip() == first.source_commit
    bundle = tmp_path / "b.bundle"
    bundle.write_bytes(
        subprocess.run(
            ["git", "show", "serah-terima/si-loket-uji-1.1.0:registry/sources/diskominfo/si-loket-uji.bundle"],
            cwd=reg,
            capture_output=True,
            check=True,
        ).stdout
    )
    heads = subprocess.run(
        ["git", "bundle", "list-heads", str(bundle)], capture_output=True, text=True, check=True
    ).stdout
    assert f"{first.source_commit} refs/heads/serah-terima/1.0.0" in heads
    assert f"{second.source_commit} refs/heads/serah-terima/1.1.0" in heads
