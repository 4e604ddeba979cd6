"""The findings cache of incremental catalogue builds (issue 19): private, verified against the
manifest, keyed by each app's files and every registry-wide input, and a site equal to a clean
build after each change, including hostile ones."""

from __future__ import annotations

import hashlib
import json
import shutil
import stat
from pathlib import Path

import pytest

from repospbe.catalogue import build_catalogue
from repospbe.catalogue.collect import collect
from repospbe.catalogue.findcache import DIR, FILE, FindingsStore
from repospbe.catalogue.reuse import MANIFEST
from repospbe.catalogue.spare import SPARE
from repospbe.errors import InputError
from tests.catalogue.conftest import TODAY
from tests.catalogue.sample import app, make_registry, write
from tests.catalogue.test_incremental import assert_same_as_clean, edit_yaml

APPS = 3
pytestmark = pytest.mark.slow  # several catalogue builds


@pytest.fixture()
def reg(tmp_path: Path) -> Path:
    return make_registry(tmp_path / "reg")


def _store(out: Path) -> FindingsStore:
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    return FindingsStore.open(out, manifest["temuan"])


def _findings(cat: object) -> dict[str, list[object]]:
    return {k: list(a.findings) for k, a in cat.apps.items()}  # type: ignore[attr-defined]


def test_the_cache_is_private_verified_and_gives_the_same_findings(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    folder, path = out / DIR, out / DIR / FILE
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE(path.stat().st_mode) == 0o600
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["temuan"] == hashlib.sha256(path.read_bytes()).hexdigest()
    store = _store(out)
    cached = collect(reg, cache=store)
    assert store.hits == APPS
    assert _findings(cached) == _findings(collect(reg))
    assert any(f.check_id.startswith(("doc.", "copyright.")) for fs in _findings(cached).values() for f in fs)


def test_a_cache_edited_by_hand_is_not_used(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    path = out / DIR / FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    entry = data["apps"]["dpmptsp/sipanda"]
    assert any(entry["temuan"].values())
    entry["temuan"] = {name: [] for name in entry["temuan"]}  # its findings hidden
    path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    assert _store(out).old == {}  # not the file the manifest names: nothing of it is read
    inc = build_catalogue(reg, out, today=TODAY)
    assert_same_as_clean(reg, inc, tmp_path / "bersih-1")

    # Edited with the manifest's digest changed to match: each entry is still parsed strictly.
    data = json.loads(path.read_text(encoding="utf-8"))
    bad = data["apps"]["dpmptsp/sipanda"]["temuan"]
    victim = next(name for name, items in bad.items() if items)
    bad[victim][0]["path"] = "registry/apps/bkpsdm/simpeg/app.yaml"  # located in another app
    data["apps"]["dpmptsp/pegawai-izin"]["temuan"]["documents"] = [{"check_id": "doc.lorem"}]  # malformed
    raw = json.dumps(data, separators=(",", ":")).encode("utf-8")
    path.write_bytes(raw)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    (out / MANIFEST).write_text(json.dumps({**manifest, "temuan": hashlib.sha256(raw).hexdigest()}), encoding="utf-8")
    store = _store(out)
    assert _findings(collect(reg, cache=store)) == _findings(collect(reg))
    assert store.hits == 1  # simpeg only
    inc = build_catalogue(reg, out, today=TODAY)
    assert_same_as_clean(reg, inc, tmp_path / "bersih-2")


def test_a_cache_replaced_by_a_link_is_not_followed(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    path = out / DIR / FILE
    elsewhere = tmp_path / "lain.json"
    elsewhere.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(elsewhere)
    assert _store(out).old == {}
    inc = build_catalogue(reg, out, today=TODAY)
    assert not path.is_symlink() and elsewhere.read_bytes() != b""
    assert_same_as_clean(reg, inc, tmp_path / "bersih")


def test_registry_wide_inputs_changed_while_the_apps_are_not(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    # The Pemda's name: every app naming the old one as copyright holder is now wrong.
    edit_yaml(reg / "registry/instance.yaml", pemda="Pemerintah Kota Contoh Lain")
    store = _store(out)
    cat = collect(reg, cache=store)
    assert store.hits == 0
    assert any(f.check_id == "copyright.holder" for f in cat.apps["dpmptsp/sipanda"].findings)
    inc = build_catalogue(reg, out, today=TODAY)
    assert_same_as_clean(reg, inc, tmp_path / "bersih-1")

    # The accepted licences (checks/lisensi.yaml): MIT removed.
    lisensi = reg / "checks/lisensi.yaml"
    lisensi.write_text(
        "\n".join(line for line in lisensi.read_text(encoding="utf-8").splitlines() if line.strip() != "- MIT") + "\n",
        encoding="utf-8",
    )
    cat = collect(reg, cache=_store(out))
    assert any(f.check_id == "copyright.licence" for f in cat.apps["dpmptsp/pegawai-izin"].findings)
    inc = build_catalogue(reg, out, today=TODAY)
    assert_same_as_clean(reg, inc, tmp_path / "bersih-2")


def test_a_finding_that_depends_on_another_app(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    # A new app claims sipanda's subdomain: sipanda (unchanged, its findings cached) is involved.
    write(
        reg / "registry/apps/dpmptsp/sipanda-baru/app.yaml",
        app("dpmptsp", "sipanda-baru", "SIPANDA Baru", subdomain=["sipanda"]),
    )
    store = _store(out)
    cat = collect(reg, cache=store)
    assert store.hits == APPS
    clean = collect(reg)
    assert _findings(cat) == _findings(clean)
    assert any(f.check_id.startswith("ref.") for f in clean.apps["dpmptsp/sipanda-baru"].findings)
    inc = build_catalogue(reg, out, today=TODAY)
    assert inc.reused < APPS  # the subdomain list of sipanda's page changed
    assert_same_as_clean(reg, inc, tmp_path / "bersih")


def test_a_document_changed_after_loading_stops_the_build(reg: Path, tmp_path: Path) -> None:
    cat = collect(reg)  # the pages are keyed by the documents' digests read here
    doc = reg / "registry/apps/dpmptsp/sipanda/kebutuhan.md"
    doc.write_text(doc.read_text(encoding="utf-8") + "\nDitambahkan setelah dimuat.\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build_catalogue(reg, tmp_path / "out", today=TODAY, collected=cat)
    assert caught.value.key == "catalogue.document-changed"
    assert not (tmp_path / "out" / "site").exists()


def test_a_site_over_two_processes_has_the_sitemap_of_one(reg: Path, tmp_path: Path) -> None:
    config = reg / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\nsite_url: https://katalog.contoh.go.id/\n", encoding="utf-8"
    )
    one = build_catalogue(reg, tmp_path / "satu", today=TODAY, workers=1)
    two = build_catalogue(reg, tmp_path / "dua", today=TODAY, workers=2, shard_min=0)
    sitemap = (two.site / "sitemap.xml").read_text(encoding="utf-8")
    for page in ("aplikasi/bkpsdm/simpeg.html", "aplikasi/dpmptsp/sipanda.html", "aplikasi/dpmptsp/pegawai-izin.html"):
        assert f"<loc>https://katalog.contoh.go.id/{page}</loc>" in sitemap
    assert sitemap == (one.site / "sitemap.xml").read_text(encoding="utf-8")
    assert (two.site / "sitemap.xml.gz").read_bytes() == (one.site / "sitemap.xml.gz").read_bytes()
    assert_same_as_clean(reg, two, tmp_path / "bersih", workers=1)


def test_parsed_records_are_reused_only_for_the_same_text(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    store = _store(out)
    records = {k: a.record for k, a in collect(reg, cache=store).apps.items()}
    assert store.records.hits == APPS
    assert records == {k: a.record for k, a in collect(reg).apps.items()}

    edit_yaml(reg / "registry/apps/dpmptsp/sipanda/app.yaml", status="pengembangan")
    store = _store(out)
    cat = collect(reg, cache=store)
    assert store.records.hits == APPS - 1 and store.hits == APPS - 1
    assert cat.apps["dpmptsp/sipanda"].record.get("status") == "pengembangan"
    assert _findings(cat) == _findings(collect(reg))


def test_the_spare_export_tree_is_used_only_when_it_holds_only_directories(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    build_catalogue(reg, out, today=TODAY)
    spare = out / SPARE / "ekspor"
    assert (spare / "dpmptsp" / "sipanda").is_dir() and not [p for p in spare.rglob("*") if not p.is_dir()]

    # An app removed: its export directory (kept empty in the spare tree) is not in the new site.
    shutil.rmtree(reg / "registry/apps/bkpsdm/simpeg")
    inc = build_catalogue(reg, out, today=TODAY)
    assert not (inc.site / "ekspor/bkpsdm").exists()
    assert_same_as_clean(reg, inc, tmp_path / "bersih-1")

    # Something planted in the spare tree: a file, then a link to a directory elsewhere.
    (out / SPARE / "ekspor/dpmptsp/sipanda/catalog-info.yaml").write_text("palsu: ya\n", encoding="utf-8")
    inc = build_catalogue(reg, out, today=TODAY)
    assert "palsu" not in (inc.site / "ekspor/dpmptsp/sipanda/catalog-info.yaml").read_text(encoding="utf-8")
    assert_same_as_clean(reg, inc, tmp_path / "bersih-2")
    elsewhere = tmp_path / "lain"
    elsewhere.mkdir()
    shutil.rmtree(out / SPARE / "ekspor/dpmptsp/sipanda")
    (out / SPARE / "ekspor/dpmptsp/sipanda").symlink_to(elsewhere, target_is_directory=True)
    inc = build_catalogue(reg, out, today=TODAY)
    assert list(elsewhere.iterdir()) == []
    assert_same_as_clean(reg, inc, tmp_path / "bersih-3")
