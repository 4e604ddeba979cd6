"""Incremental catalogue builds keyed by inputs and file status (issue 19, fourth round): app pages
and exports keyed by their inputs, reused files and documents known unchanged by their status,
and a site equal to a clean build after each change, hostile ones included."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from repospbe.catalogue import build_catalogue
from repospbe.catalogue.collect import collect
from repospbe.catalogue.filecache import FileDigests
from repospbe.catalogue.findcache import DIR, FILE, FindingsStore
from repospbe.catalogue.inputs import _VIEW_FIELDS, VIEW_TYPES, Inputs, faithful, types_faithful
from repospbe.catalogue.reuse import MANIFEST
from repospbe.governance.types import Decision, Release
from repospbe.pipeline.record import AppRun, CheckStatus, PipelineRecord
from tests.catalogue.conftest import TODAY
from tests.catalogue.rich_sample import add_governance, enrich_registry
from tests.catalogue.sample import make_registry
from tests.catalogue.test_incremental import assert_same_as_clean, edit_yaml

APPS = 3
EXPORT = "ekspor/bkpsdm/simpeg/catalog-info.yaml"
pytestmark = pytest.mark.slow  # several catalogue builds


@pytest.fixture()
def reg(tmp_path: Path) -> Path:
    return make_registry(tmp_path / "reg")


def _manifest(out: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    return data


def _same_size_edit_keeping_mtime(path: Path, old: bytes, new: bytes) -> None:
    """Rewrite ``path`` in place (same inode, same size) and set its times back as they were."""
    info = path.stat()
    data = path.read_bytes()
    assert len(old) == len(new) and data.count(old) >= 1
    with path.open("r+b") as fh:
        fh.write(data.replace(old, new, 1))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    after = path.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (info.st_ino, info.st_size, info.st_mtime_ns)


def test_pages_and_exports_are_keyed_by_inputs_and_reused_without_being_made(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    manifest = _manifest(out)
    pages, exports = manifest["pages"], manifest["exports"]
    assert isinstance(pages, dict) and isinstance(exports, dict)
    assert all(pages[f"aplikasi/{key}.md"][3] for key in ("bkpsdm/simpeg", "dpmptsp/sipanda"))  # an inputs key
    assert exports[EXPORT][3]
    edit_yaml(reg / "registry/apps/dpmptsp/sipanda/app.yaml", deskripsi="Perizinan daring, versi baru.")
    inc = build_catalogue(reg, out, today=TODAY)
    assert inc.reused == APPS - 1
    after = _manifest(out)["pages"]
    assert isinstance(after, dict)
    simpeg, simpeg_before = after["aplikasi/bkpsdm/simpeg.md"], pages["aplikasi/bkpsdm/simpeg.md"]
    assert simpeg[:2] == simpeg_before[:2] and simpeg[3] == simpeg_before[3]  # keys and HTML as they were
    assert after["aplikasi/dpmptsp/sipanda.md"][3] != pages["aplikasi/dpmptsp/sipanda.md"][3]
    assert_same_as_clean(reg, inc, tmp_path / "bersih")


def test_a_document_edited_to_the_same_size_with_its_mtime_set_back_is_read_again(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    again = build_catalogue(reg, out, today=TODAY)  # the documents' digests now come from their status
    assert again.reused == APPS
    doc = reg / "registry/apps/dpmptsp/sipanda/kebutuhan.md"
    text = doc.read_text(encoding="utf-8")
    word = next(w for w in text.split() if w.isalpha() and len(w) >= 6)
    _same_size_edit_keeping_mtime(doc, word.encode(), word.upper().encode())
    store = FindingsStore.open(out, str(_manifest(out)["temuan"]))
    cat = collect(reg, cache=store)
    loaded = cat.registry.documents["dpmptsp/sipanda"]["kebutuhan"]
    assert getattr(loaded, "digest", "") == hashlib.sha256(doc.read_bytes()).hexdigest()  # read, not remembered
    assert loaded.text == text.replace(word, word.upper(), 1)
    inc = build_catalogue(reg, out, today=TODAY)
    assert inc.reused == APPS - 1
    assert word.upper() in (inc.site / "aplikasi/dpmptsp/sipanda.html").read_text(encoding="utf-8")
    assert_same_as_clean(reg, inc, tmp_path / "bersih")


def test_a_reused_page_or_export_edited_with_its_mtime_set_back_is_caught(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    page = out / "site/aplikasi/bkpsdm/simpeg.html"
    _same_size_edit_keeping_mtime(page, b"SIMPEG", b"SIMPEX")
    inc = build_catalogue(reg, out, today=TODAY)
    assert (inc.reused, inc.reused_other) == (0, 0)  # the whole last site is untrusted
    assert b"SIMPEX" not in page.read_bytes()
    assert_same_as_clean(reg, inc, tmp_path / "bersih-1")

    export = out / "site" / EXPORT
    _same_size_edit_keeping_mtime(export, b"simpeg", b"simpex")
    inc = build_catalogue(reg, out, today=TODAY)
    assert inc.reused == APPS  # the pages are fine; the export alone is made again
    assert b"simpex" not in (inc.site / EXPORT).read_bytes()
    assert_same_as_clean(reg, inc, tmp_path / "bersih-2")


def _anchor_pem() -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Contoh Root CA")])
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM)


def test_registry_wide_inputs_change_every_inputs_key_and_the_site_stays_the_clean_build(
    reg: Path, tmp_path: Path
) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    before = collect(reg, cache=FindingsStore()).inputs
    # The trust store (read by the signed-PDF block): every app's inputs change; no page shows it.
    trust = reg / "registry/trust"
    trust.mkdir(parents=True, exist_ok=True)
    (trust / "contoh-root.pem").write_bytes(_anchor_pem())
    changed = collect(reg, cache=FindingsStore()).inputs
    assert set(changed) == set(before) and all(changed[k] != before[k] for k in before)
    inc = build_catalogue(reg, out, today=TODAY)
    assert inc.reused == APPS  # keyed again by their material, which is the same
    assert_same_as_clean(reg, inc, tmp_path / "bersih-1")

    # An OPD's name: on its apps' pages and in their exports.
    edit_yaml(reg / "registry/opd/dpmptsp.yaml", nama="Dinas Penanaman Modal (nama baru)")
    inc = build_catalogue(reg, out, today=TODAY)
    assert inc.reused == 1  # simpeg (bkpsdm) only
    assert "nama baru" in (inc.site / "ekspor/dpmptsp/sipanda/publiccode.yml").read_text(encoding="utf-8")
    assert_same_as_clean(reg, inc, tmp_path / "bersih-2")

    # instance.yaml (the Pemda's name: in every publiccode.yml and in copyright findings).
    edit_yaml(reg / "registry/instance.yaml", pemda="Pemerintah Kota Contoh Lain")
    inc = build_catalogue(reg, out, today=TODAY)
    assert_same_as_clean(reg, inc, tmp_path / "bersih-3")


def test_the_build_date_keys_only_the_pages_with_waivers(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    waivers = reg / "registry/apps/dpmptsp/sipanda/waivers.yaml"
    waivers.write_text(
        "pengecualian:\n"
        "  - temuan: doc.missing\n"
        "    alasan: Dokumen menyusul sesuai kontrak.\n"
        "    disetujui_oleh: budi\n"
        "    berlaku_sampai: '2026-11-28'\n",
        encoding="utf-8",
    )
    build_catalogue(reg, out, today=TODAY)
    later = TODAY + dt.timedelta(days=2)  # the waiver has expired since
    inc = build_catalogue(reg, out, today=later)
    assert "kedaluwarsa" in (inc.site / "aplikasi/dpmptsp/sipanda.html").read_text(encoding="utf-8")
    assert inc.reused == APPS - 1
    clean = build_catalogue(reg, tmp_path / "bersih", today=later)
    page = "aplikasi/dpmptsp/sipanda.html"
    assert (inc.site / page).read_bytes() == (clean.site / page).read_bytes()


def test_a_hand_edited_file_status_entry_is_ignored(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    build_catalogue(reg, out, today=TODAY)
    data = json.loads((out / DIR / FILE).read_text(encoding="utf-8"))
    rel = "registry/apps/dpmptsp/sipanda/kebutuhan.md"
    status = data["berkas"][rel][0]
    cache = FileDigests({rel: [status, "bukan-digest"], "lain.md": "x"})
    assert cache.known(rel, str(reg / rel)) == (None, status)  # a digest of another shape: read again
    good = FileDigests({rel: [status, data["berkas"][rel][1]]})
    assert good.known(rel, str(reg / rel))[0] == data["berkas"][rel][1]


def test_the_inputs_of_a_rich_registry_are_spelled_out_by_repr(tmp_path: Path) -> None:
    assert types_faithful()
    root = make_registry(tmp_path / "reg")
    enrich_registry(root)
    cat = collect(root, cache=FindingsStore())
    add_governance(cat)
    inputs = Inputs(cat, TODAY)
    seen: set[type] = set()

    def walk(value: object) -> None:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            seen.add(type(value))
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    for app in cat.apps.values():
        view = tuple(getattr(app, name) for name in _VIEW_FIELDS)
        assert faithful(view) and faithful(cat.levels.get(app.key))
        walk((view, cat.levels.get(app.key)))
        assert inputs.of(app) is not None
    assert seen and seen <= set(VIEW_TYPES)
    assert {Decision, Release, PipelineRecord, AppRun, CheckStatus} <= seen  # governance records are among them
