"""The catalogue build: pages, navigation, fragments, safety of the output directory."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from repospbe.catalogue import build_catalogue
from repospbe.catalogue.collect import collect
from repospbe.catalogue.generate import generate
from repospbe.errors import InputError
from repospbe.governance.types import Decision, Release
from repospbe.pipeline.record import AppRun, CheckStatus, PipelineRecord
from tests.catalogue.conftest import TODAY, Built
from tests.catalogue.sample import make_registry

pytestmark = pytest.mark.xdist_group("katalog")


def test_pages_exist_and_app_pages_stay_out_of_the_nav(built: Built) -> None:
    for rel in (
        "index.html",
        "opd.html",
        "aplikasi.html",
        "aplikasi-umum.html",
        "subdomain.html",
        "kepatuhan.html",
        "audit.html",
        "reviewer.html",
        "panduan.html",
        "panduan/katalog.html",
        "aplikasi/dpmptsp/sipanda.html",
        "opd/dpmptsp.html",
        "grafik/kepatuhan-opd.svg",
    ):
        assert (built.site / rel).is_file(), rel
    home = built.html("index.html")
    nav = home[home.index("md-sidebar--primary") : home.index('<div class="md-content"')]
    assert "panduan/katalog.html" in nav and "kepatuhan.html" in nav
    assert "aplikasi/dpmptsp" not in nav and "opd/dpmptsp" not in nav
    assert "aplikasi/dpmptsp/sipanda.html" in built.html("aplikasi.html")


def test_no_marker_left_and_fragments_in_place(built: Built) -> None:
    for page in built.site.rglob("*.html"):
        assert "repospbe-sisip" not in page.read_text(encoding="utf-8"), page
    app = built.html("aplikasi/dpmptsp/sipanda.html")
    assert 'id="dokumen-kebutuhan"' in app and "<h4>Fungsi</h4>" in app
    assert '<a href="#dokumen-kak">KAK</a>' in app
    assert app.count("✗ belum diserahkan") == 4  # kak, pengujian, manual, bast (checks/documents.yaml)
    assert "✗ diserahkan, 4 kekurangan" in app  # kebutuhan: four sections too short
    assert app.count("Belum ada catatan.") == 4  # pipeline, decisions, releases, waivers


def test_hostile_text_is_escaped_on_every_page(built: Built) -> None:
    for page in built.site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<img src=x" not in text and "<script>alert" not in text, page
    assert "Sistem &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; Co" in built.html(
        "aplikasi/dpmptsp/pegawai-izin.html"
    )


def test_search_index_finds_apps_but_not_document_bodies(built: Built) -> None:
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {d["location"]: d["title"] for d in index["docs"]}
    assert titles["aplikasi/dpmptsp/sipanda.html"] == "SIPANDA Perizinan"
    blob = json.dumps(index)
    assert "menerbitkan surat izin" not in blob  # document text stays out of the index
    assert built.result.search_index_bytes == (built.site / "search" / "search_index.json").stat().st_size


def test_common_apps_page_lists_users_and_justified_duplicates(built: Built) -> None:
    page = built.html("aplikasi-umum.html")
    assert "SIMPEG" in page and "Dinas Penanaman Modal dan PTSP" in page
    assert "Mencatat pegawai lapangan perizinan yang tidak ada di SIMPEG." in page


def test_generated_sources_pass_mkdocs_strict_and_checkout_docs_untouched(built: Built, tmp_path: Path) -> None:
    before = sorted(p.relative_to(built.root).as_posix() for p in (built.root / "docs").rglob("*"))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(built.result.out / "mkdocs.yml"),
            "-d",
            str(tmp_path / "situs"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "situs" / "aplikasi" / "dpmptsp" / "sipanda.html").is_file()
    assert sorted(p.relative_to(built.root).as_posix() for p in (built.root / "docs").rglob("*")) == before


def test_output_directory_safety(built: Built, tmp_path: Path) -> None:
    with pytest.raises(InputError) as forbidden:
        build_catalogue(built.root, built.root / "docs" / "katalog")
    assert forbidden.value.key == "catalogue.out-forbidden"
    foreign = tmp_path / "punya-orang"
    foreign.mkdir()
    (foreign / "penting.txt").write_text("jangan dihapus", encoding="utf-8")
    with pytest.raises(InputError) as not_ours:
        build_catalogue(built.root, foreign)
    assert not_ours.value.key == "catalogue.out-not-ours"
    assert (foreign / "penting.txt").read_text(encoding="utf-8") == "jangan dihapus"


def test_guide_colliding_with_a_generated_page_is_refused(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "reg")
    (root / "docs" / "kepatuhan.md").write_text("# Tabrakan\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        build_catalogue(root, tmp_path / "out")
    assert err.value.key == "catalogue.guide-conflict"
    assert not (tmp_path / "out" / "site").exists()


def test_governance_records_are_rendered(tmp_path: Path) -> None:
    cat = collect(make_registry(tmp_path / "reg", with_guides=False))
    app = cat.apps["dpmptsp/sipanda"]
    app.decisions = [
        Decision("7", "budi", "reject", "Hasil uji belum lengkap", "2026-11-01T10:00:00+07:00", True),
        Decision("7", "sari", "approve", "", "2026-11-03T09:00:00+07:00", False),
    ]
    app.releases = [Release(app.key, "1.2.0", "b" * 40, "2026-11-04T08:00:00+07:00", "sari", True)]
    app.pipeline = PipelineRecord("c" * 40, "d" * 40, "failed", "2026-11-02T00:00:00Z", "2026-11-02T00:05:00Z")
    app.app_run = AppRun(
        app.key,
        source_commit="a" * 40,
        checks=(
            CheckStatus("semgrep", "failed", findings=3, blocking=1),
            CheckStatus("dokumentasi", "passed", detail="86%"),
        ),
    )
    html = generate(cat, "", dt.date(2026, 11, 27)).fragments["aplikasi/dpmptsp/sipanda.md"]["rincian"]
    assert "Hasil uji belum lengkap" in html and "ditolak" in html
    assert "tidak terverifikasi" in html and "1.2.0" in html and "bbbbbbbbbbbb" in html
    assert "<td>semgrep</td><td>gagal</td><td>3</td><td>1</td>" in html and "86%" in html
    assert html.count("Belum ada catatan.") == 1  # only the waivers: every other record is rendered


def test_waiver_expiry_is_shown(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "reg", with_guides=False)
    (root / "registry/apps/dpmptsp/sipanda/waivers.yaml").write_text(
        "pengecualian:\n  - temuan: semgrep.sqli\n    alasan: kueri tetap tanpa masukan pengguna\n"
        "    disetujui_oleh: budi\n    berlaku_sampai: '2026-01-31'\n"
        "  - sidik: 0123456789abcdef0123456789abcdef\n    alasan: assert hanya di kode uji\n"
        "    disetujui_oleh: sari\n    berlaku_sampai: '2027-06-30'\n",
        encoding="utf-8",
    )
    html = generate(collect(root), "", TODAY).fragments["aplikasi/dpmptsp/sipanda.md"]["rincian"]
    assert '2026-01-31 <span class="st st-gagal">✗ kedaluwarsa</span>' in html
    assert "2027-06-30</td>" in html and "<td>semgrep.sqli</td>" in html
    assert "<td>0123456789abcdef0123456789abcdef</td><td>assert hanya di kode uji</td><td>sari</td>" in html


def test_two_processes_build_the_same_site_as_one(built: Built, tmp_path: Path) -> None:
    two = build_catalogue(built.root, tmp_path / "dua", today=TODAY, workers=2, shard_min=0)

    def files(site: Path) -> dict[str, bytes]:
        return {
            p.relative_to(site).as_posix(): p.read_bytes()
            for p in site.rglob("*")
            if p.is_file() and "search_index" not in p.name
        }

    one_files, two_files = files(built.site), files(two.site)
    assert sorted(one_files) == sorted(two_files)
    assert [k for k in one_files if one_files[k] != two_files[k]] == []

    def index(site):
        return sorted(
            map(
                json.dumps,
                json.loads(  # noqa: E731
                    (site / "search" / "search_index.json").read_text(encoding="utf-8")
                )["docs"],
            )
        )

    assert index(built.site) == index(two.site)
    assert not (tmp_path / "dua" / "site.bagian-2").exists()


def test_reviewers_page_shows_key_fingerprints_as_ssh_keygen_prints_them(tmp_path: Path) -> None:
    from tests.helpers.tools import require_tool

    keygen = require_tool("ssh-keygen", "openssh-client")
    root = make_registry(tmp_path / "reg", with_guides=False)
    subprocess.run([keygen, "-q", "-t", "ed25519", "-N", "", "-C", "budi", "-f", str(tmp_path / "budi")], check=True)
    public = (tmp_path / "budi.pub").read_text(encoding="utf-8").strip()
    expected = subprocess.run(
        [keygen, "-lf", str(tmp_path / "budi.pub")], check=True, capture_output=True, text=True
    ).stdout.split()[1]
    (root / "registry" / "reviewers.yaml").write_text(
        "reviewers:\n  - id: budi\n    nama: Budi Santoso\n    nip: '198001012005011001'\n    peran: diskominfo\n"
        f"    email: [budi@pontianakkota.go.id]\n    kunci_publik: {public}\n",
        encoding="utf-8",
    )
    cat = collect(root)
    cat.apps["dpmptsp/sipanda"].decisions = [Decision("3", "budi", "approve", "", "2026-11-03T09:00:00+07:00", True)]
    page = generate(cat, "", TODAY).pages["reviewer.md"]
    assert f'<code class="sidik">{expected}</code>' in page
    assert "<td>budi</td><td>Budi Santoso</td><td>198001012005011001</td><td>diskominfo</td>" in page
    assert page.endswith("<td>1</td><td>0</td></tr></tbody></table></div>\n")


def test_a_hostile_owner_in_a_subdomain_never_names_a_page(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "reg", with_guides=False)
    (root / "registry/subdomains/liar.yaml").write_text(
        "opd: ../../../keluar\nuntuk: {app: tidak-ada}\ntujuan: uji\nrecords: [{type: A, value: 192.0.2.9}]\n",
        encoding="utf-8",
    )
    result = build_catalogue(root, tmp_path / "out", today=TODAY)
    assert not (tmp_path / "keluar.md").exists() and not (tmp_path / "keluar.html").exists()
    assert sorted(p.name for p in (result.out / "docs" / "opd").iterdir()) == [
        "bkpsdm.md",
        "diskominfo.md",
        "dpmptsp.md",
    ]
    assert "../../../keluar" in (result.site / "subdomain.html").read_text(encoding="utf-8")


def test_a_broken_guide_link_fails_the_strict_build_and_keeps_the_old_site(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "reg")
    first = build_catalogue(root, tmp_path / "out", today=TODAY)
    (root / "docs" / "panduan" / "rusak.md").write_text("# Rusak\n\nLihat [hilang](tidak-ada.md).\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        build_catalogue(root, tmp_path / "out", today=TODAY)
    assert err.value.key == "catalogue.mkdocs-failed" and "tidak-ada.md" in err.value.params["detail"]
    assert (first.site / "index.html").is_file() and not (first.site / "panduan" / "rusak.html").exists()
    loose = build_catalogue(root, tmp_path / "out", today=TODAY, strict=False)
    assert (loose.site / "panduan" / "rusak.html").is_file()


def test_handover_manifest_is_summarised(tmp_path: Path) -> None:
    from repospbe.handover.manifest import dumps

    root = make_registry(tmp_path / "reg", with_guides=False)
    manifest = {
        "format": 1,
        "aplikasi": "dpmptsp/sipanda",
        "versi": "1.0.0",
        "vendor": "CV Contoh Digital",
        "kontrak": "027/SPK/2026",
        "tanggal": "2026-11-01",
        "arsip": {"nama": "sipanda.zip", "jenis": "zip", "ukuran": 2048, "sha256": "e" * 64},
        "sumber": {
            "repo": "registry/sources/dpmptsp/sipanda.bundle",
            "commit": "a" * 40,
            "cabang": "serah-terima/1.0.0",
        },
        "total": {"berkas": 2, "bita": 300},
        "dibuang": {"jumlah": 1, "contoh": [".git/hooks/post-checkout"], "alasan": "isi .git vendor"},
        "berkas": [
            {"path": "index.php", "ukuran": 200, "sha256": "1" * 64, "mode": "644"},
            {"path": "README.md", "ukuran": 100, "sha256": "2" * 64, "mode": "644"},
        ],
    }
    path = root / "registry/apps/dpmptsp/sipanda/serah-terima/manifest-1.0.0.json"
    path.parent.mkdir()
    path.write_text(dumps(manifest), encoding="utf-8")
    html = generate(collect(root), "", TODAY).fragments["aplikasi/dpmptsp/sipanda.md"]["rincian"]
    assert "<code>registry/apps/dpmptsp/sipanda/serah-terima/manifest-1.0.0.json</code>" in html
    assert f"sha256: {'e' * 64}" in html and "berkas: 2<br>bita: 300" in html
    assert "<td>berkas</td><td>2 entri</td>" in html and "contoh: 1 entri" in html
