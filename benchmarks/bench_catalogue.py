#!/usr/bin/env python3
"""Catalogue build at scale: wall, CPU and peak memory of the whole process tree, beside
the floor (``mkdocs build`` of the same generated pages, measured in the same run), and
the incremental rebuild after one app changes.

Usage: python benchmarks/bench_catalogue.py [--realistic] [--one-opd] [--git] [--repeat N] [--sizes 2000,5000] [N ...]

Each size gets a registry from ``benchmarks/gen_registry.py`` (``--realistic``: apps shaped
like the complete example app). Then, each in a fresh process:

1. ``build_catalogue`` into an empty directory (a clean build);
2. the floor: ``mkdocs build`` of the ``mkdocs.yml`` and ``docs/`` that build generated;
3. one app's description is edited and ``build_catalogue`` runs again into the same
   directory (an incremental rebuild: the unchanged app pages are reused);
4. another app's description is edited and it runs once more ("incremental 2": every later
   rebuild, which finds what the last incremental build keeps for the next one, such as the
   emptied export directories of the site it replaced); ``--repeat N`` does this N times, another
   app each time ("incremental 2", "3", ...: on a shared machine the least CPU is the figure).

``--git``: the registry is a git repository and every edit is committed, as in the GitOps flow
(a merge is a commit: the governance records are read from git, the home page names the commit).

Memory: "tree peak" is the largest sum of the resident sets of the process and all its
descendants, sampled every 20 ms (what the machine must hold at once); "sum of peaks" adds
each process's own peak (``ru_maxrss`` of the build plus each descendant's largest sample: an
upper bound). Targets (issue 19): 2,000 apps <= 15 s, 5,000 apps <= 40 s and <= 300 MB, linear in
apps; an incremental rebuild <= 3 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
BUILD = (
    "import json, resource, sys, time; from pathlib import Path; from repospbe.catalogue import build_catalogue; "
    "r = build_catalogue(Path(sys.argv[1]), Path(sys.argv[2])); "
    "s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(json.dumps({'pages': r.pages, 'index': r.search_index_bytes, 'reused': r.reused, "
    "'reused_other': r.reused_other, 'self_kb': s.ru_maxrss, 'children_kb': c.ru_maxrss}))"
)
FLOOR = "import sys; from mkdocs.__main__ import cli; sys.exit(cli())"


class TreeSampler(threading.Thread):
    """The largest sum of VmRSS over a process and its descendants, sampled."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.stop = pid, 0, threading.Event()
        self.each_kb: dict[int, int] = {}  # every descendant's largest sampled RSS

    def run(self) -> None:
        while not self.stop.is_set():
            sizes = {p: _rss_kb(p) for p in _tree(self.pid)}
            self.peak_kb = max(self.peak_kb, sum(sizes.values()))
            for p, kb in sizes.items():
                self.each_kb[p] = max(self.each_kb.get(p, 0), kb)
            self.stop.wait(0.02)

    def descendants_kb(self) -> int:
        return sum(kb for p, kb in self.each_kb.items() if p != self.pid)


def _tree(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                    parents[int(entry)] = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, ppid in parents.items() if ppid in frontier]
        found += frontier
    return found


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(argv: list[str]) -> dict[str, float]:
    """Run ``argv`` in a fresh process: wall, CPU of its tree, sampled tree peak, its JSON output.
    The file system's dirty pages are written out first (``sync``): the last build's hundreds of
    megabytes would otherwise be flushed by the kernel during this one, which a user building
    later does not see."""
    os.sync()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    sampler = TreeSampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{argv[:4]} failed ({proc.returncode}): {err[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    result: dict[str, float] = {"wall": wall, "cpu": cpu, "tree_mb": sampler.peak_kb / 1024}
    last = out.strip().splitlines()[-1] if out.strip() else ""
    if last.startswith("{"):
        data = json.loads(last)
        result.update({k: float(v) for k, v in data.items()})
        # ru_maxrss of children counts a forked child's copy of the parent before exec (git):
        # the descendants' own peaks are taken from the samples instead.
        result["sum_mb"] = (data["self_kb"] + sampler.descendants_kb()) / 1024
    return result


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO / "src")}


def edit_one_app(reg: Path, which: int = 0) -> str:
    """Change the description of one app (as an OPD editing its record would)."""
    record = sorted((reg / "registry" / "apps").glob("*/*/app.yaml"))[which]
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    data["deskripsi"] = str(data.get("deskripsi", "")) + " Diperbarui untuk uji pembangunan inkremental."
    record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return record.parent.relative_to(reg / "registry" / "apps").as_posix()


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


GIT_ID = ["-c", "user.name=Benchmark", "-c", "user.email=benchmark@contoh.invalid"]


def _commit(reg: Path, message: str) -> None:
    """Commit everything in ``reg`` (a repository made on first use)."""
    if not (reg / ".git").exists():
        subprocess.run(["git", "init", "-q", "-b", "main", str(reg)], check=True)
    subprocess.run(["git", "-C", str(reg), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(reg), *GIT_ID, "commit", "-qm", message], check=True)


def measure(
    n: int, work: Path, realistic: bool, one_opd: bool, repeat: int = 1, git: bool = False
) -> dict[str, dict[str, float]]:
    reg, out, floor_site = work / f"reg-{n}", work / f"out-{n}", work / f"floor-{n}"
    flags = [*(["--realistic"] if realistic else []), *(["--one-opd"] if one_opd else [])]
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "gen_registry.py"), str(n), str(reg), *flags],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    if git:
        _commit(reg, "registri awal")
    load = os.getloadavg()[0]
    clean = run([sys.executable, "-c", BUILD, str(reg), str(out)])
    clean.update(load=load, site_mb=du(out / "site") / 1e6)
    load = os.getloadavg()[0]
    floor = run([sys.executable, "-c", FLOOR, "build", "-q", "-f", str(out / "mkdocs.yml"), "-d", str(floor_site)])
    floor["load"] = load
    edit_one_app(reg)
    if git:
        _commit(reg, "ubah satu aplikasi")
    load = os.getloadavg()[0]
    inc = run([sys.executable, "-c", BUILD, str(reg), str(out)])
    inc["load"] = load
    later = {}
    for i in range(max(1, repeat)):
        edit_one_app(reg, 1 + i)  # the next edit: what every later rebuild is (the last one left its caches)
        if git:
            _commit(reg, f"ubah aplikasi {2 + i}")
        load = os.getloadavg()[0]
        later[f"inc{i + 2}"] = run([sys.executable, "-c", BUILD, str(reg), str(out)])
        later[f"inc{i + 2}"]["load"] = load
    for path in (reg, out, floor_site):
        shutil.rmtree(path, ignore_errors=True)
    return {"clean": clean, "floor": floor, "inc": inc, **later}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes_pos", nargs="*", type=int, metavar="N")
    parser.add_argument("--sizes", default="", help="comma-separated app counts")
    parser.add_argument("--realistic", action="store_true", help="apps shaped like the complete example app")
    parser.add_argument("--one-opd", action="store_true", help="every app in one OPD")
    parser.add_argument("--repeat", type=int, default=1, help="later incremental rebuilds (another app each)")
    parser.add_argument("--git", action="store_true", help="a git registry, every edit committed")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s] + args.sizes_pos or [100, 1000, 2000, 5000]
    print(
        f"{'apps':>6} {'run':<13} {'wall s':>7} {'CPU s':>6} {'tree MB':>8} {'sum MB':>7} {'load':>5} {'reused':>10} {'site MB':>8}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-katalog-") as tmp:
        for n in sizes:
            r = measure(n, Path(tmp), args.realistic, args.one_opd, args.repeat, args.git)
            rows = [("build", "clean"), ("mkdocs floor", "floor"), ("incremental", "inc")]
            rows += [(f"incremental {k[3:]}", k) for k in r if k.startswith("inc") and k != "inc"]
            for label, key in rows:
                m = r[key]
                sum_mb = f"{m['sum_mb']:>7.0f}" if "sum_mb" in m else f"{'-':>7}"
                reused = f"{m['reused']:>6.0f}" if "reused" in m else f"{'-':>6}"
                reused += f"+{m['reused_other']:<3.0f}" if "reused_other" in m else f"{'':<4}"
                site = f"{m['site_mb']:>8.1f}" if "site_mb" in m else f"{'-':>8}"
                print(
                    f"{n:>6} {label:<13} {m['wall']:>7.2f} {m['cpu']:>6.2f} {m['tree_mb']:>8.0f} {sum_mb} {m['load']:>5.1f} {reused} {site}",
                    flush=True,
                )
            print(
                f"{n:>6} {'ratio':<13} {r['clean']['wall'] / r['floor']['wall']:>7.2f}x build/floor wall, "
                f"{r['clean']['tree_mb'] / r['floor']['tree_mb']:.2f}x tree memory",
                flush=True,
            )
    print("wall: waktu proses; CPU: user+sys proses dan anak-anaknya; tree MB: puncak jumlah RSS proses dan")
    print("  turunannya (sampel 20 ms); sum MB: puncak proses build + puncak tiap turunannya (batas atas);")
    print("load: load average 1 menit saat mulai (mesin dipakai bersama); reused: halaman aplikasi + halaman")
    print("  lain (indeks, OPD) yang dipakai ulang dari build sebelumnya; floor: `mkdocs build` atas mkdocs.yml")
    print("  dan docs/ yang sama.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
