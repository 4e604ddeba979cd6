"""An incremental build renders in a MkDocs process started before the sources exist
(``catalogue.worker``) while it takes the last site's pages and exports: the process ends
without a job, a failing or vanished one fails the build, and neither what a stopped build
left nor the compiled templates' cache can put anything into the site."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from repospbe.catalogue import build_catalogue
from repospbe.catalogue.build import TEMPLATES
from repospbe.catalogue.mkdocs import Job
from repospbe.catalogue.reuse import GUESS_DIR, REUSE_DIR
from repospbe.catalogue.spare import SPARE
from repospbe.catalogue.worker import ERROR_FILE, JOB_FILE, Worker
from repospbe.errors import InputError
from tests.catalogue.conftest import TODAY
from tests.catalogue.sample import make_registry
from tests.catalogue.test_incremental import APPS, assert_same_as_clean, edit_yaml
from tests.catalogue.test_incremental_cache import EXPORT

pytestmark = pytest.mark.slow  # catalogue builds


@pytest.fixture()
def reg(tmp_path: Path) -> Path:
    return make_registry(tmp_path / "reg")


def _small_site(base: Path, nav: str = "index.md") -> Job:
    (base / "docs").mkdir(parents=True)
    (base / "docs/index.md").write_text("# Beranda\n\nHalo.\n", encoding="utf-8")
    (base / "mkdocs.yml").write_text(f"site_name: uji\nnav:\n  - Beranda: {nav}\n", encoding="utf-8")
    return Job(str(base / "mkdocs.yml"), str(base / "site"), True, str(base / "sisipan"))


def test_the_waiting_process_ends_without_a_job_and_leaves_nothing(tmp_path: Path) -> None:
    worker = Worker.start(tmp_path, "kaki")
    assert worker.child.poll() is None  # waiting
    start = time.monotonic()
    worker.cancel()
    assert worker.child.returncode == 0 and time.monotonic() - start < 30
    assert not (tmp_path / ERROR_FILE).exists() and not (tmp_path / JOB_FILE).exists()


def test_a_job_given_to_the_waiting_process_is_built_or_its_failure_reported(tmp_path: Path) -> None:
    (tmp_path / "baik").mkdir()
    good = Worker.start(tmp_path / "baik", "kaki")
    good.run(_small_site(tmp_path / "baik"))
    good.wait()
    assert "Halo." in (tmp_path / "baik/site/index.html").read_text(encoding="utf-8")

    (tmp_path / "buruk").mkdir()
    bad = Worker.start(tmp_path / "buruk", "kaki")
    bad.run(_small_site(tmp_path / "buruk", nav="tidak-ada.md"))
    with pytest.raises(InputError) as caught:
        bad.wait()
    assert "tidak-ada.md" in str(caught.value.params.get("detail"))


def test_a_vanished_process_fails_the_build_it_was_given(tmp_path: Path) -> None:
    worker = Worker.start(tmp_path, "kaki")
    worker.child.kill()
    worker.child.wait()
    worker.run(_small_site(tmp_path))  # the pipe is closed: nothing raised here
    with pytest.raises(InputError):
        worker.wait()
    assert not (tmp_path / "site").exists()


def test_on_one_core_the_incremental_build_gives_the_clean_build(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY, workers=1)
    edit_yaml(reg / "registry/apps/dpmptsp/sipanda/app.yaml", deskripsi="Perizinan daring, versi baru.")
    export = out / "site" / EXPORT
    export.write_text(export.read_text(encoding="utf-8") + "palsu: true\n", encoding="utf-8")
    inc = build_catalogue(reg, out, today=TODAY, workers=1)
    assert inc.reused == APPS - 1 and "palsu" not in (inc.site / EXPORT).read_text(encoding="utf-8")
    assert_same_as_clean(reg, inc, tmp_path / "bersih", workers=1)


def test_pages_left_by_a_stopped_build_are_never_installed(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    for rel in ("aplikasi/bkpsdm/simpeg.html", "aplikasi/bkpsdm/siluman.html", "aplikasi/tanpa-opd/x.html"):
        for scratch in (REUSE_DIR, GUESS_DIR):
            planted = out / scratch / rel
            planted.parent.mkdir(parents=True, exist_ok=True)
            planted.write_text("<p>palsu</p>", encoding="utf-8")
    for incremental in (True, False):
        inc = build_catalogue(reg, out, today=TODAY, incremental=incremental)
        assert not (inc.site / "aplikasi/bkpsdm/siluman.html").exists()
        assert not (inc.site / "aplikasi/tanpa-opd").exists()
        assert "palsu" not in (inc.site / "aplikasi/bkpsdm/simpeg.html").read_text(encoding="utf-8")
    assert_same_as_clean(reg, inc, tmp_path / "bersih")


def test_compiled_templates_are_private_and_garbage_there_changes_nothing(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    templates = out / TEMPLATES
    kept = sorted(templates.iterdir())
    assert kept and stat.S_IMODE(os.lstat(templates).st_mode) == 0o700
    for path in kept:
        path.write_bytes(b"bukan bytecode\x00" * 10)
    edit_yaml(reg / "registry/apps/dpmptsp/sipanda/app.yaml", deskripsi="Perizinan daring, versi baru.")
    inc = build_catalogue(reg, out, today=TODAY)
    assert inc.reused == APPS - 1
    assert any(p.read_bytes() != b"bukan bytecode\x00" * 10 for p in templates.iterdir())  # compiled again
    assert_same_as_clean(reg, build_catalogue(reg, out, today=TODAY, incremental=False), tmp_path / "bersih")

    templates.chmod(0o777)  # open to others: replaced by a fresh private directory
    assert build_catalogue(reg, out, today=TODAY).reused == APPS
    assert stat.S_IMODE(os.lstat(templates).st_mode) == 0o700


def test_a_first_build_leaves_the_next_one_its_export_directories_empty(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    first = build_catalogue(reg, out, today=TODAY)
    spare = out / SPARE / "ekspor"
    made = {p.relative_to(first.site / "ekspor") for p in (first.site / "ekspor").rglob("*") if p.is_dir()}
    assert made and {p.relative_to(spare) for p in spare.rglob("*")} == made  # directories only
    assert build_catalogue(reg, out, today=TODAY).reused == APPS and not (out / SPARE / "ekspor.baru").exists()
