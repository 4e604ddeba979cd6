"""``bench_scan.py --js``: ``repospbe scan --path`` on a large JavaScript/TypeScript tree, beside its floor.

Two generated trees (``gen_jstree.py``): a web application (first-party ``.ts``/``.js``, a
``node_modules/``, a big ``package-lock.json``, a few bundled minified libraries) and the
same with many bundled libraries. For each, in the same run:

- ``repospbe scan --path`` as a subprocess (cold cache, interpreter start included);
- the floor: raw ``semgrep`` with the same merged rule pack over the tree as semgrep walks
  it (its default ignore list drops ``node_modules/``, ``vendor/`` and ``*.min.js``) plus raw
  ``bandit -r``; and the raw *whole-tree* run, every file named to semgrep (nothing ignored);
- a profile: each step of the scan run alone, in process (materialising the tree, third-party
  detection, then each scanner), wall and CPU.

Wall time and CPU time (user + system, children included) are both printed: on a shared
machine the ratio is the result. Also measured: the warm re-run on the unchanged tree (same git
tree SHA, results read back from the cache) as a new process and in process, against the cold
run (DESIGN target <= 5 %).

Options: ``--repeat N`` (best of N for the scan and its floor, interleaved), ``--compare-src DIR``
(the ``src/`` of another checkout, e.g. the commit before a change, scanned the same way in the
same run), ``--skip-whole-tree`` (no raw whole-tree semgrep: minutes on the bundling tree).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from gen_jstree import make_js_tree

from repospbe.pipeline.app import scan_directory
from repospbe.resources import default_path
from repospbe.scanners import SCANNERS, ScanContext
from repospbe.scanners.base import AppInfo, ScanOptions, tool_env
from repospbe.scanners.semgrep import merged_config
from repospbe.scanners.targets import batches
from repospbe.scanners.thirdparty import detect
from repospbe.source import SourceCache
from repospbe.source import cache as cache_module

BIN = Path(sys.executable).parent
SRC = Path(__file__).resolve().parents[1] / "src"
Measure = tuple[float, float]  # (wall s, CPU s)


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def measured(fn: Callable[[], object]) -> Measure:
    wall, cpu = time.perf_counter(), _cpu()
    fn()
    return time.perf_counter() - wall, _cpu() - cpu


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    subprocess.run(cmd, cwd=cwd, env=env or tool_env(), capture_output=True, check=False)


def yaml_pack(work: Path) -> Path:
    """The merged rule pack as one YAML file: what a user hands ``semgrep --config``."""
    rules = json.loads(merged_config(default_path("checks/semgrep")).read_text(encoding="utf-8"))
    out = work / "pack.yaml"
    out.write_text(yaml.safe_dump(rules, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def floors(tree: Path, rules: Path, whole_tree: bool) -> dict[str, Measure]:
    """The raw tools, as a user runs them: ``semgrep scan`` with the same rules in one YAML file, and
    ``bandit -r``. Beside them, semgrep's native command line with repospbe's JSON form of the pack
    (what ``repospbe scan`` itself runs): the engine's own floor, printed, not the target's."""
    sem = [str(BIN / "semgrep"), "scan", "--config", str(rules), "--json", "--metrics=off"]
    sem += ["--disable-version-check", "--quiet", "--no-git-ignore"]
    native = [
        str(BIN / "semgrep"),
        "scan",
        "--experimental",
        "--config",
        str(merged_config(default_path("checks/semgrep"))),
    ]
    native += ["--json", "--metrics=off", "--disable-version-check", "--quiet", "--no-git-ignore"]
    every = sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_file() and not p.is_symlink())
    out = {
        "raw semgrep (default ignores)": measured(lambda: _run([*sem, "."], tree)),
        "raw bandit -r": measured(lambda: _run([str(BIN / "bandit"), "-r", "-f", "json", "-q", "."], tree)),
        "  native semgrep, JSON pack": measured(lambda: _run([*native, "."], tree)),
    }
    if whole_tree:
        out["raw semgrep whole tree"] = measured(lambda: [_run([*sem, *b], tree) for b in batches(every)])
    return out


def scan_cli(tree: Path, work: Path, src: Path = SRC, cache: str = "cache", replay: bool = True) -> Measure:
    """``repospbe scan --path`` as a new process with ``src`` on PYTHONPATH (cold unless ``cache`` is reused).
    Replays (``repospbe.replay``) are kept under the benchmark's own directory; ``replay=False`` turns them off."""
    cmd = [sys.executable, "-m", "repospbe", "scan", "--path", str(tree), "--cache-dir", str(work / cache)]
    cmd += ["-f", "json", "--output-dir", str(work / f"out-{cache}")]
    env = {**os.environ, "PYTHONPATH": str(src), "XDG_CACHE_HOME": str(work.parent / "xdg-cache")}
    if not replay:
        env["REPOSPBE_NO_REPLAY"] = "1"
    work.mkdir(parents=True, exist_ok=True)
    return measured(lambda: _run(cmd, work, env))


def best(runs: list[Measure]) -> Measure:
    return min(runs)


def warm_in_process(tree: Path, work: Path) -> Measure:
    """What ``scan --path`` runs (``scan_directory``: the directory's tree id from the kept index,
    then every result read back) on the tree the CLI already scanned, as a fresh process would
    see the cache; interpreter start, imports and report writing excluded."""
    cache = SourceCache(work / "cache")
    opts = ScanOptions(rules_dir=default_path("checks/semgrep"))
    cache_module._VERIFIED.clear()
    return measured(lambda: scan_directory(tree, opts, cache, app=AppInfo(key=tree.name)))


def profile(tree: Path, work: Path) -> list[tuple[str, Measure, str]]:
    """Each step of a scan alone: (step, (wall, CPU), detail)."""
    cache = SourceCache(work / "profile-cache")
    holder: dict[str, object] = {}
    rows = [("materialise (import + hash + copy)", measured(lambda: holder.update(src=cache.directory_tree(tree))), "")]
    source = holder["src"]
    path = source.path  # type: ignore[attr-defined]
    rows.append(("third-party detection", measured(lambda: holder.update(tp=detect(path))), ""))
    opts = ScanOptions(rules_dir=default_path("checks/semgrep"))
    ctx = ScanContext(path, source.tree, opts, holder["tp"], None)  # type: ignore[arg-type, attr-defined]
    for name, scanner in SCANNERS.items():
        if name == "app-tests":
            continue
        rows.append((name, measured(lambda s=scanner: holder.update(r=s.run(ctx))), holder["r"].detail))  # type: ignore[attr-defined]
    return rows


def bench_js(work: Path, args: argparse.Namespace) -> None:
    rules = yaml_pack(work)
    trees = {
        "web app (400 first-party files, node_modules, 2,500-package lock, 5 bundled libs)": {},
        "bundling (the same plus 40 bundled libraries, 200 node_modules packages)": {"modules": 200, "libs": 40},
    }
    print(f"{os.cpu_count()} CPUs, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for i, (title, extra) in enumerate(trees.items()):
        tree = make_js_tree(work / f"js{i}", modules=int(extra.get("modules", 60)), lib_count=int(extra.get("libs", 5)))
        files = sum(1 for p in tree.rglob("*") if p.is_file())
        print(f"\n== {title}: {files} files")
        scans: list[Measure] = []
        others: list[Measure] = []
        raws: list[dict[str, Measure]] = []
        for r in range(args.repeat):  # interleaved, so load changes hit both alike
            if args.compare_src:
                others.append(scan_cli(tree, work / f"cmp{i}-{r}", args.compare_src))
            scans.append(scan_cli(tree, work / f"scan{i}-{r}"))
            raws.append(floors(tree, rules, whole_tree=not args.skip_whole_tree and r == 0))
        scan = best(scans)
        raw = {k: best([x[k] for x in raws if k in x]) for k in raws[0]}
        unreplayed = best([scan_cli(tree, work / f"scan{i}-0", replay=False) for _ in range(3)])
        time.sleep(2.1)  # the tree settles: files written within two seconds of a run are never replayed
        scan_cli(tree, work / f"scan{i}-0")  # keeps the replay (a tree generated just now is not settled)
        warm = best([scan_cli(tree, work / f"scan{i}-0") for _ in range(3)])
        warm_lib = warm_in_process(tree, work / f"scan{i}-0")
        floor = tuple(raw["raw semgrep (default ignores)"][k] + raw["raw bandit -r"][k] for k in (0, 1))
        rows = [("repospbe scan --path (cold)", scan), *raw.items()]
        rows += [("  warm re-run, new process (replay)", warm), ("  warm re-run, in process", warm_lib)]
        rows += [("  warm re-run, new process, no replay", unreplayed)]
        if others:
            rows.insert(1, (f"  the same, {args.compare_src}", best(others)))
        for name, (wall, cpu) in rows:
            print(f"{name:34s} {wall:7.2f} s wall {cpu:7.2f} s CPU")
        print(
            f"scan / (raw semgrep + bandit): {scan[0] / floor[0]:.2f}x wall, {scan[1] / floor[1]:.2f}x CPU (target <= 1.1x)"
        )
        nat = tuple(raw["  native semgrep, JSON pack"][k] + raw["raw bandit -r"][k] for k in (0, 1))
        print(
            f"scan / (native semgrep + bandit): {scan[0] / nat[0]:.2f}x wall, {scan[1] / nat[1]:.2f}x CPU (engine floor)"
        )
        if others:
            other = best(others)
            print(f"  {args.compare_src}: {other[0] / floor[0]:.2f}x wall, {other[1] / floor[1]:.2f}x CPU")
        if "raw semgrep whole tree" in raw:
            whole = tuple(raw["raw semgrep whole tree"][k] + raw["raw bandit -r"][k] for k in (0, 1))
            print(
                f"scan / (raw whole-tree semgrep + bandit): {scan[0] / whole[0]:.2f}x wall, "
                f"{scan[1] / whole[1]:.2f}x CPU (target <= 0.3x on a bundling tree)"
            )
        print(
            f"warm re-run / cold: {100 * warm[0] / scan[0]:.1f} % wall as a new process (replayed), "
            f"{100 * warm_lib[0] / scan[0]:.1f} % in process, "
            f"{100 * unreplayed[0] / scan[0]:.1f} % as a new process without replay (target <= 5 %)"
        )
        print(f"load average after this tree: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print("profile (each step alone, in process):")
        for step, (wall, cpu), detail in profile(tree, work / f"prof{i}"):
            print(f"  {step:34s} {wall:7.2f} s wall {cpu:7.2f} s CPU  {detail[:70]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--compare-src", type=Path, default=None)
    parser.add_argument("--skip-whole-tree", action="store_true")
    args, _ = parser.parse_known_args()
    with tempfile.TemporaryDirectory(prefix="bench-scan-js-") as tmp:
        bench_js(Path(tmp), args)
