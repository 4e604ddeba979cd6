#!/usr/bin/env python3
"""Generate a synthetic registry of N apps for benchmarks: ``gen_registry.py N OUTDIR``.

The registry is valid against the bundled rules: ``checks/`` is copied from this
checkout, the instance record is the bundled one, ~40 OPDs each own about N/40
apps, and every app (a special app in production) has a complete ``app.yaml`` and
the five documents with every required heading and enough words (headings and
minimum word counts are read from ``checks/documents.yaml`` when it exists).
Output is deterministic for a given N. ``repospbe check --registry OUTDIR`` should
exit 0; the benchmark verifies that.

``--realistic``: every app is shaped like the complete example
``registry/apps/diskominfo/si-antrean`` (its record and its five documents, 1.8-4.3 KB
each, copied with the app's own id and name) and pins a source bundle of a few hundred
files (``registry/sources/<opd>/<app>.bundle``; one deterministic bundle, hard-linked
per app). ``--one-opd``: every app in ``diskominfo`` instead of ~40 OPDs.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
N_OPDS = 40
OPD_KINDS = ("dinas", "badan", "bagian", "kecamatan", "inspektorat")
OPD_TOPICS = (
    "pendidikan",
    "kesehatan",
    "perhubungan",
    "pariwisata",
    "sosial",
    "pertanian",
    "perikanan",
    "lingkungan",
    "kebudayaan",
    "kepemudaan",
    "perdagangan",
    "koperasi",
    "ketenagakerjaan",
    "perpustakaan",
    "kearsipan",
    "kependudukan",
    "pangan",
    "perumahan",
    "pertanahan",
    "statistik",
    "persandian",
    "keuangan",
    "pendapatan",
    "perencanaan",
    "kepegawaian",
    "hukum",
    "organisasi",
    "umum",
    "protokol",
    "pemerintahan",
    "perekonomian",
    "pembangunan",
    "kesejahteraan",
    "utara",
    "selatan",
    "timur",
    "barat",
    "kota",
    "tenggara",
)
WORDS = (
    "aplikasi layanan data warga pegawai laporan proses sistem pengguna informasi kota pemerintah "
    "daerah perangkat permohonan verifikasi persetujuan dokumen arsip jadwal anggaran kegiatan "
    "capaian kinerja pelayanan publik terpadu integrasi basis server pusat keamanan akses hak "
    "peran administrator operator petugas kepala bidang seksi formulir isian unggah unduh cetak "
    "rekap statistik grafik notifikasi pesan surel tanda tangan elektronik tautan portal jaringan "
    "cadangan pemulihan pengujian skenario hasil sesuai harapan berhasil catatan perbaikan versi"
).split()
FALLBACK_SECTIONS: dict[str, list[tuple[str, int]]] = {
    "kebutuhan": [("Fungsi", 40), ("Manfaat", 30), ("Arsitektur / Proses Bisnis", 40), ("Arsitektur Data", 30)],
    "kak": [
        ("Latar Belakang", 40),
        ("Maksud dan Tujuan", 20),
        ("Ruang Lingkup", 30),
        ("Spesifikasi Teknis", 30),
        ("Keluaran", 20),
        ("Jadwal Pelaksanaan", 15),
        ("Sumber Daya dan Pembiayaan", 15),
    ],
    "pengujian": [
        ("Lingkup Pengujian", 20),
        ("Lingkungan Pengujian", 15),
        ("Skenario dan Hasil", 40),
        ("Kesimpulan", 15),
    ],
    "manual": [("Pendahuluan", 20), ("Akses dan Instalasi", 20), ("Penggunaan", 40), ("Bantuan", 10)],
    "bast": [("Pihak", 15), ("Daftar Serah Terima", 15), ("Pernyataan", 15)],
}
TITLES = {
    "kebutuhan": "Dokumen Kebutuhan Perangkat Lunak",
    "kak": "Kerangka Acuan Kerja",
    "pengujian": "Laporan Hasil Pengujian",
    "manual": "Manual Penggunaan Aplikasi",
    "bast": "Berita Acara Serah Terima",
}


def document_sections(repo: Path) -> dict[str, list[tuple[str, int]]]:
    """Required headings and word minimums per document kind, from the rules when present."""
    rules_file = repo / "checks" / "documents.yaml"
    if not rules_file.is_file():
        return FALLBACK_SECTIONS
    rules = yaml.safe_load(rules_file.read_text(encoding="utf-8")) or {}
    out: dict[str, list[tuple[str, int]]] = {}
    for kind, spec in (rules.get("dokumen") or {}).items():
        out[kind] = [(s["judul"], int(s.get("min_kata", 10))) for s in spec.get("bagian", [])]
    return out or FALLBACK_SECTIONS


def opds() -> list[tuple[str, str, str]]:
    """(code, name, kind) of diskominfo and N_OPDS - 1 synthetic OPDs."""
    out = [("diskominfo", "Dinas Komunikasi dan Informatika", "dinas")]
    for i, topic in enumerate(OPD_TOPICS[: N_OPDS - 1]):
        kind = OPD_KINDS[i % len(OPD_KINDS)]
        out.append((f"{kind}-{topic}", f"{kind.title()} {topic.title()}", kind))
    return out


def contact(code: str) -> dict[str, str]:
    """The OPD's website and e-mail under the official domain (seed 6.2.5.3, address.opd-*)."""
    return {"situs": f"https://{code}.pontianakkota.go.id/", "email": f"{code}@pontianakkota.go.id"}


def prose(rng: random.Random, words: int) -> str:
    body = " ".join(rng.choice(WORDS) for _ in range(words))
    return body[0].upper() + body[1:] + "."


def app_record(app_id: str, opd: str, rng: random.Random) -> dict[str, Any]:
    return {
        "id": app_id,
        "nama": f"Sistem Informasi {app_id.replace('-', ' ').title()}",
        "opd": opd,
        "jenis": "khusus",
        "fungsi": ["pelayanan-publik", rng.choice(["administrasi", "pelaporan", "keuangan", "kepegawaian"])],
        "status": "produksi",
        "deskripsi": prose(rng, 35),
        "sumber": {
            "repo": f"https://git.pontianakkota.go.id/{opd}/{app_id}.git",
            "commit": f"{rng.getrandbits(160):040x}",
            "cabang": "main",
        },
        "lisensi": "GPL-3.0-or-later",
        "hak_cipta": "Pemerintah Kota Pontianak",
        "hosting": {"lokasi": "pusat_data"},
        "pemeliharaan": {
            "jenis": "vendor",
            "penyedia": "CV Contoh Teknologi",
            "nomor_kontrak": f"027/{rng.randint(100, 999)}/{opd.upper()}/2026",
            "berakhir": "2027-12-31",
        },
        "perintah_uji": "php vendor/bin/phpunit --log-junit hasil-uji.xml",
        "dokumen": ["kebutuhan", "kak", "pengujian", "manual", "bast"],
        "tautan": [{"nama": "Situs", "url": f"https://{app_id}.pontianakkota.go.id/"}],
    }


def document(kind: str, app_name: str, sections: list[tuple[str, int]], rng: random.Random) -> str:
    parts = [f"# {TITLES.get(kind, kind.title())}: {app_name}", ""]
    for number, (title, minimum) in enumerate(sections, 1):
        parts += [f"## {number}. {title}", ""]
        for _ in range(2):
            parts += [prose(rng, minimum + rng.randint(10, 60)), ""]
    parts += ["Hak cipta © Pemerintah Kota Pontianak.", ""]  # copyright.document (6.2.5.2)
    return "\n".join(parts)


def generate(n_apps: int, out: Path, *, realistic: bool = False, one_opd: bool = False) -> int:
    """Write the registry; return the number of files written."""
    if realistic:
        from gen_realistic import generate_realistic

        return generate_realistic(n_apps, out, one_opd=one_opd)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(REPO / "checks", out / "checks")
    (out / "registry" / "opd").mkdir(parents=True)
    shutil.copy2(REPO / "registry" / "instance.yaml", out / "registry" / "instance.yaml")
    files = 1
    all_opds = opds()
    for code, name, kind in all_opds:
        (out / "registry" / "opd" / f"{code}.yaml").write_text(
            yaml.safe_dump(
                {"kode": code, "nama": name, "jenis": kind, "kontak": contact(code)},
                allow_unicode=True,
                sort_keys=False,
            ),
            encoding="utf-8",
        )
        files += 1
    sections = document_sections(REPO)
    rng = random.Random(n_apps)
    for i in range(n_apps):
        opd = all_opds[i % len(all_opds)][0]
        app_id = f"si-{i:05d}"
        app_dir = out / "registry" / "apps" / opd / app_id
        app_dir.mkdir(parents=True)
        record = app_record(app_id, opd, rng)
        (app_dir / "app.yaml").write_text(
            yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
        )
        for kind, kind_sections in sections.items():
            (app_dir / f"{kind}.md").write_text(document(kind, record["nama"], kind_sections, rng), encoding="utf-8")
        files += 1 + len(sections)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("apps", type=int, help="number of apps")
    parser.add_argument("outdir", type=Path, help="where to write (replaced if present)")
    parser.add_argument("--realistic", action="store_true", help="apps shaped like the complete example app")
    parser.add_argument("--one-opd", action="store_true", help="every app in one OPD (with --realistic)")
    args = parser.parse_args(argv)
    files = generate(args.apps, args.outdir, realistic=args.realistic, one_opd=args.one_opd)
    print(f"{args.apps} apps, {files} files in {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
