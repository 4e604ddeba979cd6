"""The vendor's natural journey: a zip of the project folder, a refused first attempt
redelivered under the same version, and an app whose record is still on an open MR."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest

from repospbe.errors import InputError
from repospbe.handover.ingest import ingest
from repospbe.handover.request import Request
from tests.handover.archives import SAMPLE, make_tar, make_zip, tar_member, zip_symlink
from tests.handover.conftest import APP
from tests.helpers.cli import run_cli
from tests.helpers.git import git

APP_REL = f"registry/apps/{APP}"
BRANCH = "serah-terima/si-loket-uji-1.0.0"
SOURCE_BRANCH = "refs/heads/serah-terima/1.0.0"


def req(archive: Path, version: str = "1.0.0", app: str = APP) -> Request:
    return Request(archive, app, "PT Vendor Contoh", "027/KTR/2026", version)


def folder_zip(path: Path, files: dict[str, bytes], folder: str = "si-cuti") -> Path:
    return make_zip(
        path, [(f"{folder}/", b"", None)] + [(f"{folder}/{rel}", data, None) for rel, data in files.items()]
    )


def manifest_of(reg: Path, ref: str = BRANCH, version: str = "1.0.0") -> dict[str, object]:
    return json.loads(git(reg, "show", f"{ref}:{APP_REL}/serah-terima/manifest-{version}.json"))  # type: ignore[no-any-return]


def test_project_folder_zip_is_stored_from_its_root(reg: Path, tmp_path: Path) -> None:
    res = ingest(reg, req(folder_zip(tmp_path / "si-cuti.zip", SAMPLE)))
    assert res.stripped == "si-cuti"
    assert "handover.no-license" not in {f.check_id for f in res.missing}
    manifest = manifest_of(reg)
    assert sorted(f["path"] for f in manifest["berkas"]) == sorted(SAMPLE)  # type: ignore[attr-defined]
    assert manifest["folder_induk_dilepas"] == "si-cuti"
    tree = git(reg / ".sumber" / f"{APP}.git", "ls-tree", "-r", "--name-only", SOURCE_BRANCH).split()
    assert sorted(tree) == sorted(SAMPLE)


def test_project_folder_tar_is_stored_from_its_root(reg: Path, tmp_path: Path) -> None:
    archive = make_tar(tmp_path / "k.tar.gz", [tar_member(f"proyek/{rel}", data) for rel, data in SAMPLE.items()])
    res = ingest(reg, req(archive))
    assert res.stripped == "proyek" and res.files == len(SAMPLE)


def test_mixed_top_level_and_directory_deliveries_are_kept_as_delivered(reg: Path, tmp_path: Path) -> None:
    mixed = make_zip(tmp_path / "m.zip", [("README", b"x", None), ("src/a.php", b"<?php", None)])
    assert ingest(reg, req(mixed)).stripped == ""
    folder = tmp_path / "dir" / "src"
    folder.mkdir(parents=True)
    (folder / "a.php").write_text("<?php\n")
    res = ingest(reg, req(tmp_path / "dir", "1.0.1"))
    assert res.stripped == "" and [f["path"] for f in manifest_of(reg, res.registry_branch, "1.0.1")["berkas"]] == [  # type: ignore[index]
        "src/a.php"
    ]


def test_link_that_would_leave_the_stripped_root_keeps_the_folder(reg: Path, tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "k.zip",
        [("si-cuti/LICENSE", SAMPLE["LICENSE"], None), zip_symlink("si-cuti/tautan", "../si-cuti/LICENSE")],
    )
    res = ingest(reg, req(archive))
    assert res.stripped == ""
    paths = {f["path"]: f for f in manifest_of(reg)["berkas"]}  # type: ignore[attr-defined]
    assert set(paths) == {"si-cuti/LICENSE", "si-cuti/tautan"} and paths["si-cuti/tautan"]["mode"] == "120000"


def test_escape_under_a_common_folder_is_still_refused(reg: Path, tmp_path: Path) -> None:
    refs_before = git(reg, "for-each-ref")
    for i, bad in enumerate(
        [
            make_zip(tmp_path / "a.zip", [("si-cuti/a.php", b"<?php", None), ("si-cuti/../../x.php", b"x", None)]),
            make_zip(tmp_path / "b.zip", [("si-cuti/a.php", b"<?php", None), zip_symlink("si-cuti/l", "../../etc")]),
            make_tar(
                tmp_path / "c.tar",
                [tar_member("si-cuti/a", b"x"), tar_member("si-cuti/dev", kind=tarfile.CHRTYPE)],
                "w",
            ),
        ]
    ):
        with pytest.raises(InputError):
            ingest(reg, req(bad, f"1.0.{i}"))
    assert git(reg, "for-each-ref") == refs_before
    assert [p.name for p in (reg / ".sumber").iterdir()] == [".gitignore"]


def test_unaccepted_version_is_redelivered_without_burning_the_number(reg: Path, tmp_path: Path) -> None:
    no_license = {k: v for k, v in SAMPLE.items() if k != "LICENSE"}
    first = ingest(reg, req(folder_zip(tmp_path / "1.zip", no_license)))
    assert "handover.no-license" in {f.check_id for f in first.missing}
    repo = reg / ".sumber" / f"{APP}.git"
    first_source = git(repo, "rev-parse", SOURCE_BRANCH).strip()
    second = ingest(reg, req(folder_zip(tmp_path / "2.zip", SAMPLE)))
    assert second.replaced == first.registry_commit
    assert "handover.no-license" not in {f.check_id for f in second.missing}
    assert git(reg, "rev-parse", BRANCH).strip() == second.registry_commit
    assert git(reg, "rev-parse", f"{BRANCH}^").strip() == git(reg, "rev-parse", "main").strip()
    history = git(repo, "rev-list", SOURCE_BRANCH).split()
    assert first_source not in history  # the refused attempt leaves no trace in the source history
    assert "LICENSE" in git(repo, "ls-tree", "--name-only", SOURCE_BRANCH).split()


def test_failed_redelivery_keeps_the_earlier_attempt(reg: Path, tmp_path: Path) -> None:
    first = ingest(reg, req(folder_zip(tmp_path / "1.zip", SAMPLE)))
    repo = reg / ".sumber" / f"{APP}.git"
    source_before = git(repo, "for-each-ref")
    (reg / "templates/aplikasi-khusus/serah-terima/bast.md.j2").write_text("{{ tidak_ada }}\n")
    with pytest.raises(InputError):
        ingest(reg, req(folder_zip(tmp_path / "2.zip", SAMPLE | {"baru.php": b"<?php"})))
    assert git(reg, "rev-parse", BRANCH).strip() == first.registry_commit
    assert git(repo, "for-each-ref") == source_before


def _open_mr(reg: Path, number: int, branch: str, status: str | None = None) -> None:
    """An MR evidence chain as ``repospbe mr open`` stores it (pembukaan.json, status.json)."""
    files = {"pembukaan.json": json.dumps({"sumber": branch, "target": "main"})}
    if status:
        files["status.json"] = json.dumps({"status": status})
    entries = ""
    for name, text in files.items():
        blob = _blob(reg, text)
        entries += f"100644 blob {blob}\t{name}\n"
    tree = _mktree(reg, entries)
    commit = git(reg, "commit-tree", tree, "-m", f"MR !{number}").strip()
    git(reg, "update-ref", f"refs/repospbe/mr/{number}", commit)


def _blob(reg: Path, text: str) -> str:
    path = reg.parent / "blob.tmp"
    path.write_text(text)
    return git(reg, "hash-object", "-w", str(path)).strip()


def _mktree(reg: Path, entries: str) -> str:
    import subprocess

    from tests.helpers.git import GIT_ENV

    proc = subprocess.run(
        ["git", "mktree"], cwd=reg, input=entries, capture_output=True, text=True, env=GIT_ENV, check=True
    )
    return proc.stdout.strip()


def _app_on_branch(reg: Path, app: str, branch: str) -> None:
    git(reg, "switch", "-q", "-c", branch)
    rel = reg / "registry/apps" / app
    rel.mkdir(parents=True)
    (rel / "app.yaml").write_text(
        (reg / "registry/apps" / APP / "app.yaml").read_text().replace("si-loket-uji", "si-cuti")
    )
    git(reg, "add", "-A")
    git(reg, "commit", "-qm", "usulan si-cuti")
    git(reg, "switch", "-q", "main")


def _ingest_cli(capsys: pytest.CaptureFixture[str], reg: Path, archive: Path, app: str) -> tuple[int, str]:
    res = run_cli(
        capsys, "handover", "ingest", str(archive), "--app", app, "--vendor", "PT V", "--contract", "1/2026",
        "--version", "1.0.0", "--registry", str(reg),
    )  # fmt: skip
    return res.code, " ".join((res.out + res.err).split())


def test_app_waiting_in_an_open_mr_says_merge_it_first(
    reg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = folder_zip(tmp_path / "si-cuti.zip", SAMPLE)
    _app_on_branch(reg, "diskominfo/si-cuti", "usulan/si-cuti")
    code, text = _ingest_cli(capsys, reg, archive, "diskominfo/si-cuti")
    assert code == 2 and "usulan/si-cuti" in text and "repospbe mr open --sumber usulan/si-cuti" in text
    assert "repospbe new app" not in text
    _open_mr(reg, 4, "usulan/si-cuti")
    code, text = _ingest_cli(capsys, reg, archive, "diskominfo/si-cuti")
    assert code == 2 and "merge request !4" in text and "repospbe mr merge 4" in text
    assert "Jangan menjalankan 'repospbe new app' lagi" in text


def test_app_nowhere_says_register_it(reg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _open_mr(reg, 2, "usulan/lain", status="ditutup")
    code, text = _ingest_cli(capsys, reg, folder_zip(tmp_path / "k.zip", SAMPLE), "diskominfo/si-cuti")
    assert code == 2
    assert "repospbe new app --opd diskominfo --id si-cuti" in text and "merge request !" not in text


def test_cli_says_the_folder_was_removed(reg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _ingest_cli(capsys, reg, folder_zip(tmp_path / "si-cuti.zip", SAMPLE), APP)
    assert code == 0 and "folder si-cuti/" in text and "handover.no-license" not in text


def test_finder_zip_with_macos_metadata_is_stored_from_its_root(reg: Path, tmp_path: Path) -> None:
    entries = [(f"si-cuti/{rel}", data, None) for rel, data in SAMPLE.items()]
    entries += [("__MACOSX/si-cuti/._LICENSE", b"\x00\x05\x16\x07", None), ("__MACOSX/._si-cuti", b"\x00", None)]
    res = ingest(reg, req(make_zip(tmp_path / "finder.zip", entries)))
    assert res.stripped == "si-cuti" and res.dropped == 2
    assert sorted(f["path"] for f in manifest_of(reg)["berkas"]) == sorted(SAMPLE)  # type: ignore[attr-defined]
