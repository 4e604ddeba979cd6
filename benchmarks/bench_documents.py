"""Time the documents check (doc.*) on synthetic registries of 100 / 1,000 / 5,000 apps x 5 documents.

Each app is a copy of the example special app SI-Antrean (five finished documents);
every tenth app gets one unfinished section so the scan also reports findings.
Prints CPU seconds (the machine may be shared), per size: load time, documents-check time (best of three), and the time of every
registry check over the loaded registry.

    .venv/bin/python benchmarks/bench_documents.py [SIZES...]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from repospbe.checks import CheckContext
from repospbe.checks import documents as documents_check
from repospbe.engine import run_checks
from repospbe.registry import load_registry

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "registry/apps/diskominfo/si-antrean"
KINDS = ("kebutuhan", "kak", "pengujian", "manual", "bast")


def generate(root: Path, n: int) -> None:
    """A registry at ``root`` with ``n`` apps spread over 50 OPDs."""
    shutil.copytree(REPO / "checks", root / "checks")
    (root / "registry/opd").mkdir(parents=True)
    shutil.copy(REPO / "registry/instance.yaml", root / "registry/instance.yaml")
    shutil.copy(REPO / "registry/opd/diskominfo.yaml", root / "registry/opd/diskominfo.yaml")
    docs = {k: (EXAMPLE / f"{k}.md").read_text(encoding="utf-8") for k in KINDS}
    for o in range(50):
        (root / f"registry/opd/opd-{o}.yaml").write_text(f"kode: opd-{o}\nnama: OPD {o}\njenis: dinas\n")
    for i in range(n):
        opd = f"opd-{i % 50}"
        d = root / f"registry/apps/{opd}/app-{i}"
        d.mkdir(parents=True)
        (d / "app.yaml").write_text(
            f"id: app-{i}\nnama: Aplikasi {i}\nopd: {opd}\njenis: khusus\nfungsi: [uji]\nstatus: produksi\n"
            f"deskripsi: Aplikasi sintetis {i}.\ndokumen: [kebutuhan, kak, pengujian, manual, bast]\n"
        )
        for kind, text in docs.items():
            if kind == "manual" and i % 10 == 0:
                text = text.replace("## Bantuan\n", "## Bantuan\n\n[ISI: kontak bantuan]\n")
            (d / f"{kind}.md").write_text(text, encoding="utf-8")


def measure(n: int) -> tuple[float, float, float, int]:
    """Seconds to load, to run the documents check, and to run every check; and doc.* findings."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root, n)
        t0 = time.process_time()
        reg = load_registry(root)
        t1 = time.process_time()
        found = documents_check.check(CheckContext(reg))
        docs = time.process_time() - t1
        for _ in range(2):  # best of three: the machine is shared
            t = time.process_time()
            documents_check.check(CheckContext(reg))
            docs = min(docs, time.process_time() - t)
        t2 = time.process_time()
        run_checks(reg)
        t3 = time.process_time()
    return t1 - t0, docs, t3 - t2, len(found)


def main(argv: list[str]) -> int:
    sizes = [int(x) for x in argv] or [100, 1000, 5000]
    print(
        f"{'apps':>6} {'docs':>6} {'load cpu s':>10} {'doc check cpu s':>16} {'all checks cpu s':>17} {'doc findings':>13}"
    )
    for n in sizes:
        load, docs, full, count = measure(n)
        print(f"{n:>6} {n * 5:>6} {load:>10.3f} {docs:>16.3f} {full:>17.3f} {count:>13}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
