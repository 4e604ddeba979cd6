#!/usr/bin/env python3
"""Time ``repospbe check`` on generated registries of 100 / 1,000 / 5,000 apps.

Each size is generated once (``gen_registry.py``, cached under ``--work``), then
``repospbe check --format json`` runs as a subprocess: the first run after
generation is reported as *cold*, then the best of three further runs as *warm*.
CPU is user + system time of the check process (of all its processes when it
forks), which a busy shared machine inflates less than wall time. Peak RSS is the
largest resident set of the check process. The generated
registry must check clean (exit 0), which also proves the generator is valid.
Target (DESIGN.md): 5,000 apps in <= 2 s on 2 cores, linear growth.

Beside every figure, its floor from the same run: ``floor_check.py`` (PyYAML's C loader and
``jsonschema_rs`` over the same records, every document read once, interpreter start included),
best of three. On a shared machine the ratio check/floor is the result. ``--realistic`` uses
apps shaped like the complete example (``gen_registry.py --realistic``), ``--one-opd`` puts
them all in one OPD.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_registry import generate  # noqa: E402

SIZES = (100, 1000, 5000)
TARGET_APPS, TARGET_SECONDS = 5000, 2.0


def run_check(root: Path, jobs: str = "auto", extra: tuple[str, ...] = ()) -> tuple[float, float, float, int, int]:
    """(wall seconds, CPU seconds, peak RSS in MB, exit code, number of findings) of one check run."""
    cmd = [sys.executable, "-m", "repospbe", "check", "--registry", str(root), "--format", "json", *extra]
    seconds, cpu, rss, code, raw = timed(cmd, jobs)
    findings = len(json.loads(raw)["findings"]) if raw else -1
    return seconds, cpu, rss, code, findings


def run_floor(root: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of ``floor_check.py`` over ``root``."""
    seconds, cpu, _, code, _ = timed([sys.executable, str(HERE / "floor_check.py"), str(root)])
    if code != 0:
        raise SystemExit(f"floor_check.py failed on {root}")
    return seconds, cpu


def timed(cmd: list[str], jobs: str = "auto") -> tuple[float, float, float, int, bytes]:
    """(wall seconds, CPU seconds, peak RSS in MB, exit code, stdout) of one subprocess."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        src = str(HERE.parent / "src")  # this checkout's code, whatever is installed in the venv
        env = {
            **os.environ,
            "REPOSPBE_LANG": "id",
            "PYTHONPATH": os.pathsep.join(filter(None, (src, os.environ.get("PYTHONPATH")))),
        }
        env.pop("REPOSPBE_JOBS", None)
        if jobs != "auto":
            env["REPOSPBE_JOBS"] = jobs
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        raw = out.read()
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, proc.returncode, raw


def bench(
    sizes: tuple[int, ...], work: Path, regenerate: bool, jobs: str, realistic: bool = False, one_opd: bool = False
) -> list[dict[str, float]]:
    rows = []
    kind = ("real-" if realistic else "") + ("1opd-" if one_opd else "")
    for n in sizes:
        root = work / f"reg-{kind}{n}"
        fresh = regenerate or not (root / "registry" / "instance.yaml").is_file()
        if fresh:
            generate(n, root, realistic=realistic, one_opd=one_opd)
        cold, _, rss, code, findings = run_check(root, jobs)
        warm_runs = [run_check(root, jobs) for _ in range(3)]
        best = min(warm_runs)
        rss = max([rss, *(r[2] for r in warm_runs)])
        if code != 0 or findings != 0:
            print(f"WARNING: {n} apps: exit {code}, {findings} findings (the generated registry should be clean)")
        floor = min(run_floor(root) for _ in range(3))
        rows.append(
            {
                "apps": n,
                "cold": cold,
                "warm": best[0],
                "cpu": best[1],
                "rss": rss,
                "floor": floor[0],
                "floor_cpu": floor[1],
            }
        )
    return rows


def _sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def table(rows: list[dict[str, float]]) -> str:
    lines = [
        f"{'apps':>6} | {'cold s':>7} | {'warm s':>7} | {'CPU s':>6} | {'ms/app':>6} | {'RSS MB':>6} | "
        f"{'floor s':>7} | {'floor CPU':>9} | {'warm/floor':>10}",
        f"{'-' * 6}-+-{'-' * 7}-+-{'-' * 7}-+-{'-' * 6}-+-{'-' * 6}-+-{'-' * 6}-+-{'-' * 7}-+-{'-' * 9}-+-{'-' * 10}",
    ]
    for r in rows:
        lines.append(
            f"{int(r['apps']):>6} | {r['cold']:>7.2f} | {r['warm']:>7.2f} | {r['cpu']:>6.2f} | "
            f"{1000 * r['warm'] / r['apps']:>6.3f} | {r['rss']:>6.0f} | {r['floor']:>7.2f} | {r['floor_cpu']:>9.2f} | "
            f"{r['warm'] / r['floor']:>9.2f}x"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time repospbe check on synthetic registries.")
    parser.add_argument("--sizes", type=_sizes, nargs="+", default=[list(SIZES)], help="e.g. 1000 5000 or 1000,5000")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "repospbe-bench")
    parser.add_argument("--regenerate", action="store_true", help="regenerate cached registries")
    parser.add_argument(
        "--jobs",
        choices=("auto", "1", "2"),
        default="auto",
        help="REPOSPBE_JOBS for the check: auto (two processes from 400 apps), 1 or 2",
    )
    parser.add_argument("--realistic", action="store_true", help="apps shaped like the complete example app")
    parser.add_argument("--one-opd", action="store_true", help="every app in one OPD")
    args, _ = parser.parse_known_args(argv)
    sizes = tuple(n for group in args.sizes for n in group)
    load_before = os.getloadavg()[0]
    rows = bench(sizes, args.work, args.regenerate, args.jobs, args.realistic, args.one_opd)
    load = os.getloadavg()[0]
    print(
        f"repospbe check (subprocess, --format json, jobs {args.jobs}, {'realistic' if args.realistic else 'minimal'} apps"
        f"{', one OPD' if args.one_opd else ''}), {os.cpu_count()} CPUs, load average {load_before:.1f} before, "
        f"{load:.1f} after, Python {sys.version.split()[0]}"
    )
    print(table(rows))
    for r in rows:
        if r["apps"] == TARGET_APPS:
            verdict = "met" if r["warm"] <= TARGET_SECONDS else "MISSED"
            print(f"target {TARGET_APPS} apps <= {TARGET_SECONDS:.1f} s: {verdict} ({r['warm']:.2f} s warm)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
