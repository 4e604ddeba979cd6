"""The index pages' per-app rows kept between catalogue builds (issue 19, fifth round): private,
verified against the manifest, keyed by each app's inputs, and a site equal to a clean build
after each change, hostile ones included."""

from __future__ import annotations

import gc
import hashlib
import json
import stat
from pathlib import Path

import pytest

from repospbe.catalogue import build_catalogue
from repospbe.catalogue.reuse import MANIFEST
from repospbe.catalogue.rowcache import DIR, FILE, FORMAT, RowCache
from tests.catalogue.conftest import TODAY
from tests.catalogue.sample import make_registry
from tests.catalogue.test_incremental import assert_same_as_clean, edit_yaml

SIPANDA, SIMPEG = "dpmptsp/sipanda", "bkpsdm/simpeg"
pytestmark = pytest.mark.slow  # several catalogue builds


@pytest.fixture()
def reg(tmp_path: Path) -> Path:
    return make_registry(tmp_path / "reg")


def _lines(out: Path) -> dict[str, list[str]]:
    text = (out / DIR / FILE).read_text(encoding="utf-8")
    assert text.startswith(FORMAT + "\n")
    return {line.split("\t")[0]: line.split("\t", 2) for line in text.splitlines()[1:]}


def _rows(out: Path) -> RowCache:
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    return RowCache.open(out, manifest["baris"])


def _rewrite(out: Path, app: str, kind: str, html: str, digest_too: bool) -> None:
    """Put ``html`` as ``app``'s ``kind`` row in the file (and, ``digest_too``, in the manifest)."""
    path = out / DIR / FILE
    head, *lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        name, key, rows = line.split("\t", 2)
        if name == app:
            lines[i] = f"{name}\t{key}\t{json.dumps({**json.loads(rows), kind: html}, ensure_ascii=False)}"
    raw = ("\n".join([head, *lines]) + "\n").encode("utf-8")
    path.write_bytes(raw)
    if digest_too:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        manifest["baris"] = hashlib.sha256(raw).hexdigest()
        (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def test_rows_are_private_verified_and_only_a_changed_app_s_are_made(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    path = out / DIR / FILE
    assert stat.S_IMODE((out / DIR).stat().st_mode) == 0o700 and stat.S_IMODE(path.stat().st_mode) == 0o600
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["baris"] == hashlib.sha256(path.read_bytes()).hexdigest()
    before = _lines(out)
    assert set(json.loads(before[SIMPEG][2])) == {
        "aplikasi",
        "matriks",
        "kartu",
        "opd:opd/bkpsdm.md",
        "dokumen:opd/bkpsdm.md",
    }
    edit_yaml(reg / f"registry/apps/{SIPANDA}/app.yaml", nama="SIPANDA Perizinan Terpadu")
    inc = build_catalogue(reg, out, today=TODAY)
    after = _lines(out)
    assert after[SIMPEG] == before[SIMPEG]  # the unchanged app's line, as it was read
    assert after[SIPANDA][1] != before[SIPANDA][1] and "SIPANDA Perizinan Terpadu" in after[SIPANDA][2]
    for page in ("kepatuhan.html", "aplikasi.html", "opd/dpmptsp.html"):
        assert "SIPANDA Perizinan Terpadu" in (inc.site / page).read_text(encoding="utf-8")
    assert_same_as_clean(reg, inc, tmp_path / "bersih")


def test_a_row_edited_by_hand_is_not_used(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    _rewrite(out, SIMPEG, "matriks", "<tr><td>PALSU</td></tr>", digest_too=False)
    assert _rows(out).old == {}  # not the file the manifest names: nothing of it is read
    inc = build_catalogue(reg, out, today=TODAY)
    assert "PALSU" not in (inc.site / "kepatuhan.html").read_text(encoding="utf-8")
    assert_same_as_clean(reg, inc, tmp_path / "bersih-1")

    # With the manifest's digest matching, a row of another shape is made again; a line of
    # another shape, and nothing of the file is used.
    _rewrite(out, SIMPEG, "matriks", 7, digest_too=True)  # type: ignore[arg-type]
    rows = _rows(out)
    rows.key_of = lambda app: json.loads(json.dumps(_lines(out)[app][1]))
    assert rows.row("matriks", SIMPEG, lambda: "dibuat") == "dibuat" and rows.hits == 0
    assert rows.row("kartu", SIMPEG, lambda: "dibuat") != "dibuat" and rows.hits == 1
    path = out / DIR / FILE
    raw = path.read_bytes() + b"baris-tanpa-tab\n"
    path.write_bytes(raw)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    (out / MANIFEST).write_text(json.dumps({**manifest, "baris": hashlib.sha256(raw).hexdigest()}), encoding="utf-8")
    assert _rows(out).old == {}
    inc = build_catalogue(reg, out, today=TODAY)
    assert_same_as_clean(reg, inc, tmp_path / "bersih-2")


def test_a_row_is_never_taken_for_another_app_or_another_key(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    lines = _lines(out)
    rows = _rows(out)
    # simpeg asked with sipanda's key (a row whose input is another app): made, never taken.
    rows.key_of = lambda app: lines[SIPANDA][1]
    assert rows.row("aplikasi", SIMPEG, lambda: "dibuat") == "dibuat" and rows.hits == 0
    rows.key_of = lambda app: None  # an app without an inputs key: always made
    assert rows.row("aplikasi", SIPANDA, lambda: "dibuat") == "dibuat" and rows.hits == 0


def test_a_registry_wide_input_changes_every_row_key(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    before = _lines(out)
    # An OPD's name (shown in the apps list's rows) changes; no app's files do.
    edit_yaml(reg / "registry/opd/bkpsdm.yaml", nama="Badan Kepegawaian Baru")
    inc = build_catalogue(reg, out, today=TODAY)
    after = _lines(out)
    assert all(after[app][1] != before[app][1] for app in before)
    assert "Badan Kepegawaian Baru" in json.loads(after[SIMPEG][2])["aplikasi"]
    assert_same_as_clean(reg, inc, tmp_path / "bersih")


def test_the_garbage_collector_is_given_back_as_the_caller_had_it(reg: Path, tmp_path: Path) -> None:
    assert gc.isenabled()
    build_catalogue(reg, tmp_path / "a", today=TODAY)
    assert gc.isenabled() and gc.get_freeze_count() == 0  # paused and frozen only during the build
    gc.disable()
    try:
        build_catalogue(reg, tmp_path / "b", today=TODAY)
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()
