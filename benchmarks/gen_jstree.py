"""A large JavaScript/TypeScript web application tree for ``bench_scan.py --js``.

Deterministic for its arguments. First-party code: ``src/`` with ``first_party`` modules
(two thirds ``.ts``, one third ``.js``; doc comments on some functions, an ``eval`` and an
``innerHTML`` here and there for the SAST rules to find), ``package.json`` and a big
``package-lock.json`` (``lock_packages`` entries). Third-party code: bundled minified
libraries under ``public/js/`` (a jQuery-style banner, long lines), a ``node_modules/``
of ``modules`` packages with ``files_per_module`` files each, and a ``vendor/`` copy.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

TS = """/**
 * Layanan {n}: data antrean loket {n}.
 */
import {{ ambil }} from "./api{prev}";

export interface Antrean{n} {{
  nomor: number;
  loket: string;
  dibuat: Date;
}}

/** Jumlah antrean yang belum dipanggil. */
export function sisa{n}(daftar: Antrean{n}[]): number {{
  return daftar.filter((a) => a.nomor > 0).length;
}}

export async function muat{n}(loket: string): Promise<Antrean{n}[]> {{
  const hasil = await ambil(`/api/antrean/${{loket}}`);
  return hasil.map((x: any) => ({{ nomor: x.n, loket, dibuat: new Date(x.t) }}));
}}

export function tampil{n}(el: HTMLElement, teks: string): void {{
  {sink}
}}
"""
JS = """// Modul bantu {n}
"use strict";

function format{n}(angka) {{
  return String(angka).padStart(4, "0");
}}

function hitung{n}(daftar) {{
  let total = 0;
  for (const x of daftar) {{
    total += x.durasi || 0;
  }}
  return daftar.length ? total / daftar.length : 0;
}}

module.exports = {{ format{n}, hitung{n} }};
"""
SINKS = ("el.textContent = teks;", "el.innerHTML = teks;", "eval(teks);")
LIBS = (
    ("jquery.min.js", "/*! jQuery v3.7.1 | (c) OpenJS Foundation and other contributors | jquery.org/license */"),
    ("bootstrap.bundle.min.js", "/*!\n  * Bootstrap v5.3.2 (https://getbootstrap.com/)\n  */"),
    ("chart.umd.min.js", "/*!\n * Chart.js v4.4.0\n * https://www.chartjs.org\n */"),
    ("moment.min.js", "//! moment.js\n//! version : 2.29.4"),
    ("lodash.min.js", "/**\n * @license\n * Lodash <https://lodash.com/>\n */"),
)


def minified(rng: random.Random, size: int) -> str:
    """One long line of dense, valid-looking JavaScript."""
    parts = []
    while sum(map(len, parts)) < size:
        a, b = rng.randint(0, 99), rng.randint(0, 99)
        parts.append(f"function f{a}_{b}(e,t){{var n=e+t;if(n>{a})return n*{b};for(var r=0;r<t;r++)n+=r;return n}}")
    return ";".join(parts) + ";"


def lockfile(rng: random.Random, packages: int) -> dict[str, object]:
    entries: dict[str, object] = {"": {"name": "web-app", "version": "1.0.0"}}
    for i in range(packages):
        name = f"pkg-{i:04d}"
        entries[f"node_modules/{name}"] = {
            "version": f"{rng.randint(0, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 30)}",
            "resolved": f"https://registry.npmjs.org/{name}/-/{name}-1.0.0.tgz",
            "integrity": f"sha512-{rng.getrandbits(256):064x}",
            "license": "MIT",
            "dependencies": {f"pkg-{rng.randint(0, packages - 1):04d}": "^1.0.0" for _ in range(rng.randint(0, 3))},
        }
    return {"name": "web-app", "version": "1.0.0", "lockfileVersion": 3, "requires": True, "packages": entries}


def make_js_tree(
    dest: Path,
    first_party: int = 400,
    modules: int = 60,
    files_per_module: int = 20,
    lock_packages: int = 2500,
    lib_kb: int = 300,
    lib_count: int = 5,
) -> Path:
    rng = random.Random(first_party)
    for i in range(first_party):
        sub = dest / "src" / f"fitur{i % 25}"
        sub.mkdir(parents=True, exist_ok=True)
        if i % 3 == 2:
            (sub / f"bantu{i}.js").write_text(JS.format(n=i), encoding="utf-8")
        else:
            text = TS.format(n=i, prev=max(i - 1, 0), sink=SINKS[i % 7 % 3] if i % 7 < 3 else SINKS[0])
            (sub / f"layanan{i}.ts").write_text(text, encoding="utf-8")
    (dest / "package.json").write_text(
        json.dumps(
            {"name": "web-app", "version": "1.0.0", "dependencies": {f"pkg-{i:04d}": "^1.0.0" for i in range(40)}}
        )
    )
    (dest / "package-lock.json").write_text(json.dumps(lockfile(rng, lock_packages), indent=2), encoding="utf-8")
    libs = dest / "public" / "js"
    libs.mkdir(parents=True)
    for n in range(lib_count):
        name, banner = LIBS[n % len(LIBS)]
        name = name if n < len(LIBS) else name.replace(".min.js", f"-{n}.min.js")
        (libs / name).write_text(banner + "\n" + minified(rng, lib_kb * 1024), encoding="utf-8")
    for m in range(modules):
        pkg = dest / "node_modules" / f"pkg-{m:04d}"
        (pkg / "lib").mkdir(parents=True)
        (pkg / "package.json").write_text(json.dumps({"name": f"pkg-{m:04d}", "version": "1.0.0", "license": "MIT"}))
        for f in range(files_per_module):
            (pkg / "lib" / f"m{f}.js").write_text(JS.format(n=f) * 4, encoding="utf-8")
    vendor = dest / "vendor" / "legacy"
    vendor.mkdir(parents=True)
    for f in range(30):
        (vendor / f"util{f}.js").write_text(JS.format(n=f) * 3, encoding="utf-8")
    return dest
