"""Incremental catalogue builds (issue 19): unchanged app pages are reused, and the site
equals a clean build of the same registry, file for file, after every kind of change.
A last build altered by hand is never trusted as a cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from repospbe.catalogue import BuildResult, build_catalogue
from repospbe.catalogue.collect import collect
from repospbe.catalogue.reuse import MANIFEST
from repospbe.errors import InputError
from repospbe.governance.types import Decision
from tests.catalogue.conftest import TODAY
from tests.catalogue.sample import make_registry
from tests.helpers.git import commit_all

APPS = 3
pytestmark = pytest.mark.slow  # a dozen catalogue builds


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def assert_same_as_clean(root: Path, inc: BuildResult, clean_out: Path, **kw: object) -> None:
    clean = build_catalogue(root, clean_out, today=TODAY, **kw)  # type: ignore[arg-type]
    assert clean.reused == 0
    got, want = files(inc.site), files(clean.site)
    assert sorted(got) == sorted(want)
    assert [rel for rel in want if got[rel] != want[rel]] == []


def edit_yaml(path: Path, **changes: object) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture()
def reg(tmp_path: Path) -> Path:
    return make_registry(tmp_path / "reg")


def test_each_kind_of_change_gives_the_clean_build(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    first = build_catalogue(reg, out, today=TODAY)
    assert first.reused == 0 and (out / MANIFEST).is_file()
    again = build_catalogue(reg, out, today=TODAY)
    assert again.reused == APPS
    assert files(again.site) == files(first.site)

    # One app changes (and the commit, which only the home page shows).
    edit_yaml(reg / "registry/apps/dpmptsp/sipanda/app.yaml", deskripsi="Perizinan daring, versi baru.")
    commit = commit_all(reg, "ubah satu aplikasi")
    inc = build_catalogue(reg, out, today=TODAY)
    assert inc.reused == APPS - 1
    assert commit[:12] in (inc.site / "index.html").read_text(encoding="utf-8")
    assert commit[:12] not in (inc.site / "aplikasi/bkpsdm/simpeg.html").read_text(encoding="utf-8")
    assert_same_as_clean(reg, inc, tmp_path / "bersih-1")

    # An OPD's name: shown on its apps' pages, which are rendered again.
    edit_yaml(reg / "registry/opd/dpmptsp.yaml", nama="Dinas Penanaman Modal (nama baru)")
    commit_all(reg, "ganti nama OPD")
    inc = build_catalogue(reg, out, today=TODAY)
    assert inc.reused == 1  # simpeg (bkpsdm) only
    assert_same_as_clean(reg, inc, tmp_path / "bersih-2")

    # A guide: its title is in every page's navigation, so nothing is reused.
    (reg / "docs/panduan/katalog.md").write_text("# Panduan katalog (baru)\n\nKembali ke [panduan](../index.md).\n")
    commit_all(reg, "ubah panduan")
    inc = build_catalogue(reg, out, today=TODAY)
    assert inc.reused == 0
    assert_same_as_clean(reg, inc, tmp_path / "bersih-3")

    # The site's template (mkdocs.yml): nothing is reused.
    (reg / "mkdocs.yml").write_text(
        (reg / "mkdocs.yml").read_text(encoding="utf-8") + "\nextra:\n  catatan: templat baru\n", encoding="utf-8"
    )
    commit_all(reg, "ubah templat")
    inc = build_catalogue(reg, out, today=TODAY)
    assert inc.reused == 0
    assert_same_as_clean(reg, inc, tmp_path / "bersih-4")
    assert build_catalogue(reg, out, today=TODAY).reused == APPS


def test_a_decision_renders_its_app_again(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    cat = collect(reg)
    cat.apps["bkpsdm/simpeg"].decisions = [
        Decision("9", "budi", "approve", "Lengkap", "2026-11-05T10:00:00+07:00", True)
    ]
    inc = build_catalogue(reg, out, today=TODAY, collected=cat)
    assert inc.reused == APPS - 1
    assert "Lengkap" in (inc.site / "aplikasi/bkpsdm/simpeg.html").read_text(encoding="utf-8")
    clean_cat = collect(reg)
    clean_cat.apps["bkpsdm/simpeg"].decisions = list(cat.apps["bkpsdm/simpeg"].decisions)
    assert_same_as_clean(reg, inc, tmp_path / "bersih", collected=clean_cat)


def test_a_site_altered_by_hand_is_not_trusted(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    page = out / "site/aplikasi/bkpsdm/simpeg.html"
    page.write_text(page.read_text(encoding="utf-8").replace("SIMPEG", "SIMPEG palsu"), encoding="utf-8")
    inc = build_catalogue(reg, out, today=TODAY)
    assert inc.reused == 0 and "SIMPEG palsu" not in page.read_text(encoding="utf-8")
    assert_same_as_clean(reg, inc, tmp_path / "bersih")

    # A search index altered by hand, a manifest from another generator, a manifest that is no JSON.
    index = out / "site/search/search_index.json"
    index.write_text(index.read_text(encoding="utf-8").replace("SIMPEG", "palsu"), encoding="utf-8")
    assert build_catalogue(reg, out, today=TODAY).reused == 0
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    (out / MANIFEST).write_text(json.dumps({**manifest, "common": "0" * 64}), encoding="utf-8")
    assert build_catalogue(reg, out, today=TODAY).reused == 0
    (out / MANIFEST).write_text("{bukan json", encoding="utf-8")
    assert build_catalogue(reg, out, today=TODAY).reused == 0
    assert build_catalogue(reg, out, today=TODAY).reused == APPS


def test_links_planted_in_the_sources_are_never_followed(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    victim = tmp_path / "korban.md"
    victim.write_text("jangan ditimpa\n", encoding="utf-8")
    planted = out / "docs/aplikasi/bkpsdm/simpeg.md"
    planted.unlink()
    planted.symlink_to(victim)
    (out / "sisipan").rename(tmp_path / "sisipan-asli")
    (out / "sisipan").symlink_to(tmp_path / "sisipan-asli")
    inc = build_catalogue(reg, out, today=TODAY)
    assert victim.read_text(encoding="utf-8") == "jangan ditimpa\n"
    assert not planted.is_symlink() and not (out / "sisipan").is_symlink()
    assert_same_as_clean(reg, inc, tmp_path / "bersih")


def test_a_failed_build_keeps_the_old_site_and_its_cache(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    first = build_catalogue(reg, out, today=TODAY)
    before = files(first.site)
    broken = reg / "docs/panduan/rusak.md"
    broken.write_text("# Rusak\n\nLihat [hilang](tidak-ada.md).\n", encoding="utf-8")
    with pytest.raises(InputError):
        build_catalogue(reg, out, today=TODAY)
    assert files(out / "site") == before
    broken.unlink()
    assert build_catalogue(reg, out, today=TODAY).reused == APPS


def test_a_new_day_or_commit_writes_no_unchanged_page_again(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    first = build_catalogue(reg, out, today=TODAY)
    page = "aplikasi/bkpsdm/simpeg.html"
    inode = (first.site / page).stat().st_ino
    commit = commit_all(reg, "commit tanpa perubahan aplikasi", allow_empty=True)
    later = TODAY.replace(day=28)
    inc = build_catalogue(reg, out, today=later)
    assert inc.reused == APPS
    assert (inc.site / page).stat().st_ino == inode  # the same file: taken, not rewritten
    assert "November 2026" not in (inc.site / page).read_text(encoding="utf-8")
    home = (inc.site / "index.html").read_text(encoding="utf-8")
    assert "28 November 2026" in home and commit[:12] in home  # the home page says when and from what
    clean = build_catalogue(reg, tmp_path / "bersih", today=later)
    assert files(inc.site) == files(clean.site)


def test_configurations_that_make_pages_depend_on_files_or_other_pages_are_never_reused() -> None:
    from repospbe.catalogue.config import DEFAULTS
    from repospbe.catalogue.reuse import reusable

    assert reusable(dict(DEFAULTS))
    assert reusable({**DEFAULTS, "plugins": ["search"]})
    for extra in (
        {"theme": {"name": "material", "custom_dir": "overrides"}},
        {"hooks": ["hooks.py"]},
        {"INHERIT": "base.yml"},
        {"site_url": "https://katalog.example.go.id/"},
        {"plugins": ["search", "tags"]},
        {"plugins": [{"blog": {}}]},
        {"plugins": "search"},
    ):
        assert not reusable({**DEFAULTS, **extra}), extra


def test_reuse_with_two_mkdocs_processes_gives_the_clean_build(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY, workers=2, shard_min=0)
    edit_yaml(reg / "registry/apps/dpmptsp/sipanda/app.yaml", deskripsi="Perizinan daring, versi baru.")
    edit_yaml(reg / "registry/apps/bkpsdm/simpeg/app.yaml", deskripsi="Kepegawaian, versi baru.")
    commit_all(reg, "ubah dua aplikasi di dua OPD")
    inc = build_catalogue(reg, out, today=TODAY, workers=2, shard_min=0)  # one page each, one reused
    assert inc.reused == 1 and not (out / "site.bagian-2").exists()
    assert_same_as_clean(reg, inc, tmp_path / "bersih")
