"""Cheaper inputs keys, ladder places and cache entries (issue 19, sixth round): each gives what
the plain computation gives, and a value that only looks equal is never taken for another."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from repospbe.catalogue import compliance as comp
from repospbe.catalogue.collect import Catalogue
from repospbe.catalogue.compliance import Cell
from repospbe.catalogue.filecache import FileDigests
from repospbe.catalogue.findcache import FindingsStore
from repospbe.catalogue.inputs import _VIEW_FIELDS, FORMAT, Inputs
from repospbe.catalogue.pages_maturity import app_section_inputs
from repospbe.catalogue.pages_signed import signed_block
from repospbe.catalogue.recordcache import RecordCache
from repospbe.catalogue.views import Cells
from repospbe.maturity.criteria import CRITERIA
from repospbe.maturity.evidence import AppEvidence
from repospbe.maturity.ladder import AppLevel, CriterionResult, _result, place
from repospbe.maturity.rules import Ladder, Level, load_ladder
from repospbe.yamlio import parse
from tests.catalogue.rich_sample import rich_catalogue
from tests.catalogue.sample import REPO_ROOT

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def cat(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    collected = rich_catalogue(tmp_path_factory.mktemp("cpu"))
    collected.inputs = {key: f"berkas-{key}" for key in collected.apps}
    return collected


def _plain_key(cat: Catalogue, inputs: Inputs, key: str) -> str:
    """The inputs key as the module's docstring states it: the digest of the reprs."""
    app = cat.apps[key]
    view = tuple(getattr(app, name) for name in _VIEW_FIELDS)
    opd = cat.opds[app.opd].name
    day = TODAY.isoformat() if app.waivers else ""
    level = app_section_inputs(cat.levels.get(key))
    signed = signed_block(cat.registry, key)
    text = f"{FORMAT}\0{cat.inputs[key]}\0{inputs.advisories}\0{day}\0{opd!r}\0{view!r}\0{level!r}\0{signed}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def test_inputs_keys_are_the_digest_of_the_reprs(cat: Catalogue) -> None:
    inputs = Inputs(cat, TODAY)
    keys = {key: inputs.of(app) for key, app in cat.apps.items()}
    assert all(keys[key] == _plain_key(cat, inputs, key) for key in cat.apps)
    assert len(set(keys.values())) == len(keys)


def test_cells_equal_but_written_otherwise_give_another_key(cat: Catalogue) -> None:
    key = "dpmptsp/sipanda"
    app = cat.apps[key]
    kept = app.cells
    try:
        app.cells = Cells({**kept, "rekaman": Cell("gagal", 1)})
        one = Inputs(cat, TODAY)
        first = one.of(app)
        app.cells = Cells({**kept, "rekaman": Cell("gagal", True)})  # == the cell above, another repr
        assert first != Inputs(cat, TODAY).of(app) == _plain_key(cat, Inputs(cat, TODAY), key)
        other = Inputs(cat, TODAY)  # both in one build: the second is not taken for the first
        app.cells = Cells({**kept, "rekaman": Cell("gagal", 1)})
        assert other.of(app) == first
        other._keys.clear()
        app.cells = Cells({**kept, "rekaman": Cell("gagal", True)})
        assert other.of(app) != first
        app.cells = {"rekaman": Cell("gagal", 1), 1: Cell("ok")}  # type: ignore[dict-item]  # not our shape
        assert Inputs(cat, TODAY).of(app) == _plain_key(cat, Inputs(cat, TODAY), key)
    finally:
        app.cells = kept


def test_criterion_results_are_shared_only_between_equal_reprs() -> None:
    assert _result("a", "terdaftar", True, "") is _result("a", "terdaftar", True, "")
    odd = _result("a", "terdaftar", 1, "")  # type: ignore[arg-type]
    assert odd == _result("a", "terdaftar", True, "") and odd is not _result("a", "terdaftar", True, "")
    assert repr(odd) == "CriterionResult(level='a', criterion='terdaftar', ok=1, reason='')"


def _reference(ev: AppEvidence, ladder: Ladder) -> tuple[object, ...]:
    """The ladder as it was placed before this round (every result filtered by level id)."""
    results = tuple(
        CriterionResult(lvl.id, c, *CRITERIA[c](ev, ladder.params)) for lvl in ladder.process for c in lvl.needs
    )
    index = -1
    for i, lvl in enumerate(ladder.process):
        if all(r.ok for r in results if r.level == lvl.id):
            index = i
        else:
            break
    nxt = ladder.process[index + 1].id if index + 1 < len(ladder.process) else ""
    return index, results, tuple(r for r in results if r.level == nxt and not r.ok)


def _evidence(record: dict[str, object], findings: tuple[object, ...] = ()) -> AppEvidence:
    return AppEvidence("dinas/app", record, findings, (), (), (), (), (), "Kota X", TODAY)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "record",
    [
        {},
        {"nama": "A", "lisensi": "MIT", "hak_cipta": "Kota X", "integrasi": {"portal": True}},
        {"nama": "A", "jenis": "khusus", "lisensi": "GPL-3.0-only OR Proprietary", "hak_cipta": "Kota X"},
        {"nama": "A", "lisensi": "(MIT AND Apache-2.0)", "kapabilitas_teknis": {"tingkat": "t1", "bukti": "x"}},
    ],
)
def test_place_is_the_reference_placement(record: dict[str, object]) -> None:
    ladder = load_ladder(REPO_ROOT)
    twice = Ladder((*ladder.process, Level(ladder.process[0].id, "lagi", ("terintegrasi",))), (), ladder.params)
    for rules in (ladder, twice):  # a level id given twice: its results are judged together
        ev = _evidence(record)
        placed: AppLevel = place(ev, rules)
        index, results, blocking = _reference(ev, rules)
        assert (placed.index, placed.results, placed.blocking) == (index, results, blocking)


def test_records_cached_as_text_give_the_same_data() -> None:
    text = "nama: A\nangka: '123'\ndaftar: [1, 2.5, true, null]\n"
    first = RecordCache()
    loaded, digest = first.parse(text, "registry/apps/a/b/app.yaml")
    again = RecordCache(json.loads(first.entries_json()))
    hit, same = again.parse(text, "registry/apps/a/b/app.yaml")
    assert again.hits == 1 and same == digest and repr(hit.data) == repr(loaded.data) == repr(parse(text, "x").data)
    assert again.entries_json() == first.entries_json()
    broken = RecordCache({"registry/apps/a/b/app.yaml": [digest, "{nope"]})
    assert repr(broken.parse(text, "registry/apps/a/b/app.yaml")[0].data) == repr(loaded.data) and broken.hits == 0
    for odd in ([digest, {"nama": "A"}], [digest], ["0" * 64, json.dumps(loaded.data)]):  # not ours, or stale
        other = RecordCache({"registry/apps/a/b/app.yaml": odd})
        assert repr(other.parse(text, "registry/apps/a/b/app.yaml")[0].data) == repr(loaded.data) and not other.hits


def test_records_of_the_old_layout_are_not_read(tmp_path: Path) -> None:
    """The first format kept the data itself under ``records``: that key is no longer read."""
    out = tmp_path / "out"
    (out / ".temuan-katalog").mkdir(parents=True)
    raw = json.dumps(
        {"format": "repospbe-katalog-temuan/1", "apps": {}, "records": {"r": ["d" * 64, "123"]}, "berkas": {}}
    ).encode()
    (out / ".temuan-katalog" / "temuan.json").write_bytes(raw)
    store = FindingsStore.open(out, hashlib.sha256(raw).hexdigest())
    assert store.records.old == {}


def test_a_document_digest_with_a_newline_is_not_taken(tmp_path: Path) -> None:
    doc = tmp_path / "kak.md"
    doc.write_text("# KAK\n", encoding="utf-8")
    status = FileDigests().known("kak.md", str(doc))[1]
    good = "a" * 64
    assert FileDigests({"kak.md": [status, good]}).known("kak.md", str(doc))[0] == good
    assert FileDigests({"kak.md": [status, good + "\n"]}).known("kak.md", str(doc))[0] is None
    assert FileDigests({"kak.md": (status, good)}).known("kak.md", str(doc))[0] is None


def test_compliance_module_shares_failed_cells() -> None:
    assert comp.registry_cells([], set(), True, True)["sumber"] is comp.OK_CELL
