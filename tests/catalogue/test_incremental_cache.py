"""Incremental builds beyond app pages (issue 19): the index and OPD pages and the exports
of the last build are reused when unchanged, the site still equals a clean build file for
file, and anything of the last site altered by hand is made again."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import posixpath
from pathlib import Path

import pytest

from repospbe.catalogue import build_catalogue
from repospbe.catalogue.exportcache import canonical
from repospbe.catalogue.reuse import MANIFEST
from repospbe.catalogue.site_model import html_path, url
from tests.catalogue.conftest import TODAY
from tests.catalogue.sample import make_registry
from tests.catalogue.test_incremental import APPS, assert_same_as_clean, edit_yaml, files
from tests.helpers.git import commit_all

EXPORT = "ekspor/bkpsdm/simpeg/catalog-info.yaml"
EDITED_EXPORT = "ekspor/dpmptsp/sipanda/catalog-info.yaml"


@pytest.fixture()
def reg(tmp_path: Path) -> Path:
    return make_registry(tmp_path / "reg")


def _inode(path: Path) -> int:
    return path.stat().st_ino


@pytest.mark.slow
def test_unchanged_index_pages_and_exports_are_reused(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    first = build_catalogue(reg, out, today=TODAY)
    assert first.reused_other == 0
    generated = len(json.loads((out / MANIFEST).read_text(encoding="utf-8"))["pages"])
    exports_before = {rel: _inode(first.site / rel) for rel in (EXPORT, EDITED_EXPORT)}

    again = build_catalogue(reg, out, today=TODAY)  # nothing changed: every generated page reused
    assert (again.reused, again.reused_other) == (APPS, generated - APPS)
    assert _inode(again.site / EXPORT) == exports_before[EXPORT]  # the same file, not written again
    assert files(again.site) == files(first.site)

    edit_yaml(reg / "registry/apps/dpmptsp/sipanda/app.yaml", deskripsi="Perizinan daring, versi baru.")
    commit_all(reg, "ubah satu aplikasi")
    inc = build_catalogue(reg, out, today=TODAY)
    assert inc.reused == APPS - 1
    # The app list and the OPD page of the edited app show its description: made again; others reused.
    assert 0 < inc.reused_other < generated - APPS
    assert _inode(inc.site / EXPORT) == exports_before[EXPORT]
    assert "versi baru" in (inc.site / EDITED_EXPORT).read_text(encoding="utf-8")
    assert_same_as_clean(reg, inc, tmp_path / "bersih")


@pytest.mark.slow
def test_an_index_page_or_export_altered_by_hand_is_made_again(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    index_page = out / "site/kerentanan.html"
    index_page.write_text(index_page.read_text(encoding="utf-8") + "<p>palsu</p>", encoding="utf-8")
    inc = build_catalogue(reg, out, today=TODAY)
    assert (inc.reused, inc.reused_other) == (0, 0)  # the whole last site is untrusted
    assert "palsu" not in index_page.read_text(encoding="utf-8")
    assert_same_as_clean(reg, inc, tmp_path / "bersih-1")

    export = out / "site" / EXPORT
    export.write_text(export.read_text(encoding="utf-8") + "palsu: true\n", encoding="utf-8")
    altered = _inode(export)
    inc = build_catalogue(reg, out, today=TODAY)
    assert inc.reused == APPS  # pages are fine; the export alone is dumped again
    assert _inode(inc.site / EXPORT) != altered and "palsu" not in (inc.site / EXPORT).read_text(encoding="utf-8")
    assert_same_as_clean(reg, inc, tmp_path / "bersih-2")

    victim = tmp_path / "korban.yaml"
    victim.write_text("jangan dipakai\n", encoding="utf-8")
    planted = out / "site" / EXPORT
    planted.unlink()
    planted.symlink_to(victim)
    inc = build_catalogue(reg, out, today=TODAY)
    assert not (inc.site / EXPORT).is_symlink() and victim.read_text(encoding="utf-8") == "jangan dipakai\n"
    assert_same_as_clean(reg, inc, tmp_path / "bersih-3")

    # A file of the last site that has a name outside it: the new site gets a copy, never shares it.
    outside_export, outside_page = tmp_path / "luar.yaml", tmp_path / "luar.html"
    outside_export.hardlink_to(out / "site" / EXPORT)
    outside_page.hardlink_to(out / "site/aplikasi/bkpsdm/simpeg.html")
    inc = build_catalogue(reg, out, today=TODAY)
    assert inc.reused == APPS
    assert _inode(inc.site / EXPORT) != _inode(outside_export)
    assert _inode(inc.site / "aplikasi/bkpsdm/simpeg.html") != _inode(outside_page)
    assert_same_as_clean(reg, inc, tmp_path / "bersih-4")


@pytest.mark.slow
def test_a_manifest_with_malformed_exports_is_not_trusted(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    for exports in ({EXPORT: "bukan pasangan"}, [EXPORT], {EXPORT: [1, 2]}):
        (out / MANIFEST).write_text(json.dumps({**manifest, "exports": exports}), encoding="utf-8")
        inc = build_catalogue(reg, out, today=TODAY)
        assert (inc.reused, inc.reused_other) == (0, 0), exports
    later = build_catalogue(reg, out, today=TODAY.replace(day=28))  # another day: only the home page changes
    assert later.reused == APPS
    assert files(later.site) == files(build_catalogue(reg, tmp_path / "bersih", today=TODAY.replace(day=28)).site)


def test_export_data_is_keyed_by_value_and_type_or_not_at_all() -> None:
    keys = [canonical(v) for v in (1, "1", True, 1.0, None, [1], {"a": 1}, {"a": "1"})]
    assert None not in keys and len(set(keys)) == len(keys)
    assert canonical({"a": 1, "b": 2}) != canonical({"b": 2, "a": 1})  # the dump keeps mapping order
    assert canonical({"a": [{"b": "ç"}]}) == canonical({"a": [{"b": "ç"}]})
    for unkeyed in (dt.date(2026, 1, 1), (1, 2), {1: "a"}, {"a": {2: "b"}}, [b"x"], {"a": {1, 2}}):
        assert canonical(unkeyed) is None, unkeyed


def test_relative_urls_are_those_of_relpath() -> None:
    paths = ["index.md", "opd.md", "opd/a.md", "aplikasi/a/b.md", "aplikasi/a/c.md", "aplikasi/b/b.md"]
    paths += ["ekspor/a/b/publiccode.yml", "aplikasi", "aplikasi/a", "grafik/x.svg", "./x.md", "../x.md"]
    paths += ["a//b.md", "opd/../x.md", "aplikasi/a/b.md/", "."]
    for src, dst in itertools.product(paths, repeat=2):
        assert url(src, dst) == posixpath.relpath(html_path(dst), posixpath.dirname(src) or "."), (src, dst)


def test_link_validation_settings_make_nothing_reused() -> None:
    from repospbe.catalogue.config import DEFAULTS
    from repospbe.catalogue.reuse import reusable

    assert reusable(dict(DEFAULTS))
    assert not reusable({**DEFAULTS, "validation": {"anchors": "warn"}})
