#!/usr/bin/env python3
"""Catalogue build at scale: time, peak memory, site size, search index size.

Usage: python benchmarks/bench_catalogue.py [N ...]   (default: 100 1000 2000 5000)

Each size gets a synthetic registry (``benchmarks/gen_registry.py`` when present,
otherwise the small generator below: the bundled rules and instance record, 40
OPDs, special apps in production with their five documents), then ``repospbe catalogue build`` runs in a fresh process
so its peak memory is its own. Target: 2,000 apps in <= 15 s on 2 cores, and the
site's size per app flat as the registry grows.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
BUILD = (
    "from pathlib import Path; import resource, sys, time; from repospbe.catalogue import build_catalogue; "
    "r = build_catalogue(Path(sys.argv[1]), Path(sys.argv[2])); "
    "c = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(r.pages, r.search_index_bytes, time.process_time(), c.ru_utime + c.ru_stime)"
)
SECTIONS = ("Fungsi", "Manfaat", "Arsitektur / Proses Bisnis", "Arsitektur Data")
TEXT = (
    "Aplikasi ini melayani warga dan pegawai dengan data yang terpusat, proses yang tercatat, "
    "dan laporan yang dapat diperiksa oleh auditor kapan saja. "
) * 3


def generate(n: int, dest: Path) -> None:
    """``benchmarks/gen_registry.py`` when present, else a minimal generator."""
    gen = REPO / "benchmarks" / "gen_registry.py"
    if gen.exists():
        subprocess.run([sys.executable, str(gen), str(n), str(dest)], check=True, stdout=subprocess.DEVNULL)
        return
    shutil.copytree(REPO / "checks", dest / "checks")
    (dest / "registry" / "opd").mkdir(parents=True)
    shutil.copyfile(REPO / "registry" / "instance.yaml", dest / "registry" / "instance.yaml")
    shutil.copyfile(REPO / "registry" / "opd" / "diskominfo.yaml", dest / "registry" / "opd" / "diskominfo.yaml")
    for o in range(40):
        code = f"opd-{o:02d}"
        _yaml(dest / "registry" / "opd" / f"{code}.yaml", {"kode": code, "nama": f"Dinas Contoh {o}", "jenis": "dinas"})
    for i in range(n):
        opd, ident = f"opd-{i % 40:02d}", f"aplikasi-{i:05d}"
        base = dest / "registry" / "apps" / opd / ident
        _yaml(
            base / "app.yaml",
            {
                "id": ident,
                "nama": f"Aplikasi Contoh {i}",
                "opd": opd,
                "jenis": "khusus",
                "fungsi": ["layanan"],
                "status": "produksi",
                "deskripsi": TEXT.strip(),
            },
        )
        for kind in ("kebutuhan", "kak", "pengujian", "manual", "bast"):
            body = "".join(f"## {s}\n\n{TEXT}\n\n- butir satu\n- butir dua\n\n" for s in SECTIONS)
            (base / f"{kind}.md").write_text(f"# {kind.title()} Aplikasi Contoh {i}\n\n{body}", encoding="utf-8")


def _yaml(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure(n: int, work: Path) -> dict[str, float]:
    reg, out = work / f"reg-{n}", work / f"out-{n}"
    generate(n, reg)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    load = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", BUILD, str(reg), str(out)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime - cpu_before
    fields = proc.stdout.split()
    pages, index, main_cpu, second_cpu = int(fields[0]), int(fields[1]), float(fields[2]), float(fields[3])
    site = du(out / "site")
    return {
        "n": n,
        "wall": wall,
        "cpu": cpu,
        "main": main_cpu,
        "second": second_cpu,
        "load": load,
        "peak_mb": max(peak, before) / 1024,
        "pages": pages,
        "site_mb": site / 1e6,
        "per_app_kb": site / n / 1e3,
        "index_mb": index / 1e6,
    }


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [100, 1000, 2000, 5000]
    print(
        f"{'apps':>6} {'waktu s':>8} {'CPU s':>6} {'utama':>6} {'kedua':>6} {'beban':>6} {'puncak MB':>10} {'halaman':>8} {'situs MB':>9} {'KB/app':>7} {'indeks MB':>9}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-katalog-") as tmp:
        for n in sizes:
            r = measure(n, Path(tmp))
            print(
                f"{r['n']:>6} {r['wall']:>8.1f} {r['cpu']:>6.1f} {r['main']:>6.1f} {r['second']:>6.1f} {r['load']:>6.1f} {r['peak_mb']:>10.0f} {r['pages']:>8} {r['site_mb']:>9.1f} "
                f"{r['per_app_kb']:>7.1f} {r['index_mb']:>9.2f}",
                flush=True,
            )
            shutil.rmtree(Path(tmp) / f"reg-{n}")
            shutil.rmtree(Path(tmp) / f"out-{n}")
    print("waktu: wall clock proses build; CPU: user+sys proses build dan anaknya (dua proses MkDocs);")
    print("utama/kedua: CPU proses build dan proses MkDocs kedua; di mesin 2 inti yang senggang waktu")
    print("  build mendekati CPU proses utama (keduanya berjalan bersamaan);")
    print("beban: load average 1 menit mesin saat mulai (mesin dipakai bersama);")
    print("puncak MB: RSS maksimum proses terbesar; KB/app: ukuran situs dibagi jumlah aplikasi.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
