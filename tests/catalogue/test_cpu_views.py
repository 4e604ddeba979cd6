"""The catalogue's per-app answers kept on its views (issue 19, sixth round): each is what the
plain computation gives, and it follows every change made to what it is computed from."""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import pickle

import pytest

from repospbe.catalogue import compliance as comp
from repospbe.catalogue.collate import collation_key
from repospbe.catalogue.collect import AppView, Catalogue
from repospbe.catalogue.compliance import Cell
from repospbe.catalogue.markup import link
from repospbe.catalogue.site_model import app_page, opd_page, url
from repospbe.catalogue.views import Cells
from repospbe.registry.model import Record
from repospbe.states import Status
from tests.catalogue.rich_sample import rich_catalogue


@pytest.fixture(scope="module")
def cat(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    return rich_catalogue(tmp_path_factory.mktemp("cpu"))


def _view(cells: dict[str, Cell]) -> AppView:
    return AppView("dinas/app", Record("registry/apps/dinas/app/app.yaml", "app", {"nama": "A"}, ""), [], cells, [])


def _passing() -> Cells:
    cells = Cells({key: Cell("ok") for key, _ in comp.REQUIREMENTS})
    cells["pipeline"] = comp.pipeline_cell(Status.PASSED)
    return cells


def test_collected_cells_count_their_changes(cat: Catalogue) -> None:
    assert all(type(app.cells) is Cells for app in cat.apps.values())
    assert all(app.compliant == comp.compliant(dict(app.cells)) for app in cat.apps.values())


@pytest.mark.parametrize(
    "change",
    [
        lambda c: c.__setitem__("rekaman", Cell("gagal", 1)),
        lambda c: c.update(rekaman=Cell("gagal", 2)),
        lambda c: c.update({"pipeline": Cell("belum")}),
        lambda c: c.__ior__({"persetujuan": Cell("belum")}),
        lambda c: c.pop("rekaman") and c.setdefault("rekaman", Cell("gagal", 1)),
        lambda c: c.__delitem__("rekaman") or c.setdefault("rekaman", Cell("gagal", 1)),
        lambda c: c.popitem() and c.__setitem__("rekaman", Cell("gagal", 3)),
        lambda c: c.clear() or c.update(rekaman=Cell("gagal", 1)),
    ],
)
def test_compliance_follows_every_change_of_the_cells(change: object) -> None:
    view = _view(_passing())
    assert view.compliant
    change(view.cells)  # type: ignore[operator]
    assert view.cells.changes > 0 and not view.compliant and view.compliant == comp.compliant(dict(view.cells))


def test_compliance_of_plain_and_replaced_cells() -> None:
    plain = {key: Cell("ok") for key, _ in comp.REQUIREMENTS}
    view = _view(plain)
    assert view.compliant
    plain["rilis"] = Cell("gagal", 1)  # a plain dict: compared whole
    assert not view.compliant
    view.cells = _passing()  # another object: asked again
    assert view.compliant


def test_name_and_example_follow_the_record() -> None:
    view = _view(_passing())
    assert (view.name, view.example) == ("A", False)
    view.record = Record(view.record.path, "app", {"nama": "<b>Baru</b>", "contoh": True}, "")
    assert (view.name, view.example) == ("<b>Baru</b>", True)
    view.record = Record(view.record.path, "app", ["not", "a", "mapping"], "")
    assert (view.name, view.example, view.field("nama", "-")) == ("app", False, "-")


def test_order_and_links_are_those_of_the_plain_computation(cat: Catalogue) -> None:
    expected = sorted(cat.apps.values(), key=lambda a: (collation_key(a.name), a.key))
    assert [a.key for a in cat.by_name()] == [a.key for a in expected]
    for page in ("kepatuhan.md", "opd/dpmptsp.md", "aplikasi/dpmptsp/sipanda.md", "a/b/c.md"):
        for app in cat.apps.values():
            plain = comp.marked(link(url(page, app_page(app.key)), app.name), app.example)
            assert cat.app_link(page, app) == plain
            assert cat.href(page, app_page(app.key)) == url(page, app_page(app.key))
        for code, opd in cat.opds.items():
            assert cat.opd_link(page, code) == link(url(page, opd_page(code)), opd.name)


def test_order_and_links_follow_a_changed_record(cat: Catalogue) -> None:
    first = cat.by_name()[0]
    last = cat.by_name()[-1]
    before = cat.app_link("aplikasi.md", last)
    kept = last.record
    try:
        last.record = Record(kept.path, "app", {**kept.data, "nama": "  <aaa> & Co", "contoh": True}, kept.text)
        assert cat.by_name()[0] is last and cat.by_name()[1] is first
        assert cat.app_link("aplikasi.md", last).startswith('<a href="') and "&lt;aaa&gt; &amp; Co" in (
            cat.app_link("aplikasi.md", last)
        )
        assert comp.example_badge() in cat.app_link("aplikasi.md", last)
    finally:
        last.record = kept
    assert cat.app_link("aplikasi.md", last) == before and cat.by_name()[-1] is last


def test_equal_cells_are_one_object_and_a_cell_of_another_repr_is_not() -> None:
    assert comp.pipeline_cell(None) is comp.approval_cell([]) is comp.scanner_cell(Cell("ok"), None, True)
    assert comp.pipeline_cell(Status.PASSED) is comp.OK_CELL
    assert comp.pipeline_cell(Status.FAILED) == Cell("gagal", 1)
    fresh = comp.registry_cells([], set(), False, False)
    assert all(cell in (Cell("ok"), Cell("na")) for cell in fresh.values())
    assert Cell("gagal", True) == Cell("gagal", 1) and repr(Cell("gagal", True)) != repr(Cell("gagal", 1))


def test_views_as_dataclasses_compare_without_their_kept_answers() -> None:
    one, two = _view(_passing()), _view(_passing())
    assert one.compliant and one == two  # asked of one only
    fields = {f.name: f for f in dataclasses.fields(AppView)}
    assert not fields["_compliant"].repr and not fields["_named"].repr and not fields["_named"].compare


def test_digest_of_a_view_is_stable(cat: Catalogue) -> None:
    """Nothing kept on a view shows in its repr (the inputs key is made of reprs)."""
    app = cat.apps["dpmptsp/sipanda"]
    before = hashlib.sha256(repr(app).encode()).hexdigest()
    assert app.compliant in (True, False) and app.name and cat.app_link("x.md", app)
    assert hashlib.sha256(repr(app).encode()).hexdigest() == before
    assert "_compliant" not in repr(app) and "_named" not in repr(app)


def test_copied_and_pickled_views_keep_following_their_cells() -> None:
    view = _view(_passing())
    assert view.compliant
    for other in (pickle.loads(pickle.dumps(view)), copy.deepcopy(view)):
        assert type(other.cells) is Cells and other.cells.changes == view.cells.changes and other.compliant
        other.cells["rekaman"] = Cell("gagal", 1)
        assert not other.compliant and view.compliant
    replaced = dataclasses.replace(view, cells=Cells({**view.cells, "rilis": Cell("gagal", 1)}))
    assert not replaced.compliant and view.compliant
