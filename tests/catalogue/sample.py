"""A small registry for the catalogue tests: real files in a real git repository."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from tests.helpers.git import REPO_ROOT, init_repo

HOSTILE_NAME = 'Sistem <img src=x onerror="alert(1)"> & Co'

KEBUTUHAN = """# Dokumen Kebutuhan Perangkat Lunak

## Fungsi

Aplikasi mencatat **izin usaha** dan menerbitkan surat izin. Lihat juga [KAK](kak.md).

## Manfaat

- Layanan lebih cepat
- Data terpusat

## Arsitektur / Proses Bisnis

| Tahap | Pelaku |
|---|---|
| Permohonan | Warga |
| Verifikasi | Petugas |

## Arsitektur Data

Tabel `permohonan` menyimpan data. <script>alert("xss")</script> [klik](javascript:alert(1))

Hak cipta © Pemerintah Kota Pontianak.
"""


WORDS = (
    "petugas mencatat permohonan warga lalu sistem memeriksa kelengkapan berkas dan mengirim "
    "pemberitahuan kepada pemohon sehingga layanan berjalan cepat tertib serta dapat diaudit kapan saja "
    "oleh inspektorat maupun diskominfo sesuai ketentuan yang berlaku di pemerintah kota"
).split()


def complete_document(kind: str, title: str) -> str:
    """A finished document: every section the rules require, each with enough words."""
    rules = yaml.safe_load((REPO_ROOT / "checks" / "documents.yaml").read_text(encoding="utf-8"))
    parts = [f"# {title}\n"]
    for section in rules["dokumen"][kind]["bagian"]:
        count = int(section.get("min_kata", 10)) + 5
        words = [WORDS[i % len(WORDS)] for i in range(count)]
        parts.append(f"## {section['judul']}\n\n{' '.join(words).capitalize()}.\n")
    parts.append("Hak cipta © Pemerintah Kota Pontianak.\n")  # copyright.document (6.2.5.2)
    return "\n".join(parts)


def write(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def app(opd: str, ident: str, nama: str, jenis: str = "khusus", status: str = "produksi", **extra: object) -> dict:
    return {
        "id": ident,
        "nama": nama,
        "opd": opd,
        "jenis": jenis,
        "fungsi": extra.pop("fungsi", ["layanan-izin"]),
        "status": status,
        "deskripsi": extra.pop("deskripsi", f"{nama} melayani warga Kota."),
        **extra,
    }


def make_registry(dest: Path, with_guides: bool = True) -> Path:
    """The bundled rules and instance record, Diskominfo, and a few OPDs, apps, documents and subdomains
    of our own (independent of the bundled apps, so the expectations here stay exact)."""
    shutil.copytree(REPO_ROOT / "checks", dest / "checks", symlinks=True)
    reg = dest / "registry"
    (reg / "opd").mkdir(parents=True)
    shutil.copyfile(REPO_ROOT / "registry" / "instance.yaml", reg / "instance.yaml")
    shutil.copyfile(REPO_ROOT / "registry" / "opd" / "diskominfo.yaml", reg / "opd" / "diskominfo.yaml")
    write(
        reg / "opd" / "dpmptsp.yaml",
        {"kode": "dpmptsp", "nama": "Dinas Penanaman Modal dan PTSP", "singkatan": ["DPMPTSP"], "jenis": "dinas"},
    )
    write(
        reg / "opd" / "bkpsdm.yaml",
        {"kode": "bkpsdm", "nama": "Badan Kepegawaian dan PSDM", "singkatan": ["BKPSDM"], "jenis": "badan"},
    )
    write(
        reg / "apps" / "bkpsdm" / "simpeg" / "app.yaml",
        app(
            "bkpsdm",
            "simpeg",
            "SIMPEG",
            jenis="umum",
            fungsi=["kepegawaian"],
            pengguna=["dpmptsp", "bkpsdm"],
            deskripsi="Sistem Informasi Manajemen Kepegawaian untuk seluruh OPD.",
            pemeliharaan={
                "jenis": "pusat",
                "penyedia": "Kementerian Contoh",
                "dasar": "Surat Kementerian Contoh 800/1/2026 (contoh uji)",
            },
        ),
    )
    write(reg / "apps" / "bkpsdm" / "simpeg" / "manual.md", complete_document("manual", "Manual SIMPEG"))
    write(
        reg / "apps" / "dpmptsp" / "sipanda" / "app.yaml",
        app(
            "dpmptsp",
            "sipanda",
            "SIPANDA Perizinan",
            lisensi="GPL-3.0-or-later",
            hak_cipta="Pemerintah Kota Pontianak",
            subdomain=["sipanda"],
            sumber={"repo": "https://git.pontianakkota.go.id/dpmptsp/sipanda.git", "commit": "a" * 40},
            pemeliharaan={"jenis": "vendor", "penyedia": "CV Contoh Digital", "berakhir": "2027-12-31"},
            dokumen=["kebutuhan"],
        ),
    )
    write(reg / "apps" / "dpmptsp" / "sipanda" / "kebutuhan.md", KEBUTUHAN)
    write(
        reg / "apps" / "dpmptsp" / "pegawai-izin" / "app.yaml",
        app(
            "dpmptsp",
            "pegawai-izin",
            HOSTILE_NAME,
            fungsi=["kepegawaian"],
            status="pengembangan",
            lisensi="MIT",
            hak_cipta="Pemerintah Kota Pontianak",
            sumber={"repo": "https://git.pontianakkota.go.id/dpmptsp/pegawai-izin.git", "commit": "b" * 40},
            justifikasi_duplikasi="Mencatat pegawai lapangan perizinan yang tidak ada di SIMPEG.",
        ),
    )
    for kind in ("kebutuhan", "kak"):
        write(reg / "apps" / "dpmptsp" / "pegawai-izin" / f"{kind}.md", complete_document(kind, kind.upper()))
    write(
        reg / "subdomains" / "sipanda.yaml",
        {
            "opd": "dpmptsp",
            "untuk": {"app": "sipanda"},
            "tujuan": "Layanan perizinan daring",
            "records": [{"type": "A", "value": "192.0.2.10", "contoh": True}],
        },
    )
    if with_guides:
        write(dest / "docs" / "index.md", "# Panduan\n\nLihat [panduan auditor](panduan/katalog.md).\n")
        write(dest / "docs" / "panduan" / "katalog.md", "# Panduan katalog\n\nKembali ke [panduan](../index.md).\n")
        shutil.copyfile(REPO_ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return init_repo(dest, "registri uji")
