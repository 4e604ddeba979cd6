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
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        env = {**os.environ, "REPOSPBE_LANG": "id"}
        env.pop("REPOSPBE_JOBS", None)
        if jobs != "auto":
            env["REPOSPBE_JOBS"] = jobs
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        raw = out.read()
    findings = len(json.loads(raw)["findings"]) if raw else -1
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, proc.returncode, findings


def bench(sizes: tuple[int, ...], work: Path, regenerate: bool, jobs: str) -> list[dict[str, float]]:
    rows = []
    for n in sizes:
        root = work / f"reg-{n}"
        fresh = regenerate or not (root / "registry" / "instance.yaml").is_file()
        if fresh:
            generate(n, root)
        cold, _, rss, code, findings = run_check(root, jobs)
        warm_runs = [run_check(root, jobs) for _ in range(3)]
        best = min(warm_runs)
        rss = max([rss, *(r[2] for r in warm_runs)])
        if code != 0 or findings != 0:
            print(f"WARNING: {n} apps: exit {code}, {findings} findings (the generated registry should be clean)")
        rows.append({"apps": n, "cold": cold, "warm": best[0], "cpu": best[1], "rss": rss})
    return rows


def table(rows: list[dict[str, float]]) -> str:
    lines = [
        f"{'apps':>6} | {'cold s':>7} | {'warm s':>7} | {'CPU s':>6} | {'apps/s':>7} | {'ms/app':>6} | {'peak RSS MB':>11}",
        f"{'-' * 6}-+-{'-' * 7}-+-{'-' * 7}-+-{'-' * 6}-+-{'-' * 7}-+-{'-' * 6}-+-{'-' * 11}",
    ]
    for r in rows:
        lines.append(
            f"{int(r['apps']):>6} | {r['cold']:>7.2f} | {r['warm']:>7.2f} | {r['cpu']:>6.2f} | {r['apps'] / r['warm']:>7.0f} | "
            f"{1000 * r['warm'] / r['apps']:>6.3f} | {r['rss']:>11.0f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time repospbe check on synthetic registries.")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "repospbe-bench")
    parser.add_argument("--regenerate", action="store_true", help="regenerate cached registries")
    parser.add_argument(
        "--jobs",
        choices=("auto", "1", "2"),
        default="auto",
        help="REPOSPBE_JOBS for the check: auto (two processes from 400 apps), 1 or 2",
    )
    args, _ = parser.parse_known_args(argv)
    rows = bench(tuple(args.sizes), args.work, args.regenerate, args.jobs)
    load = os.getloadavg()[0]
    print(
        f"repospbe check (subprocess, --format json, jobs {args.jobs}), {os.cpu_count()} CPUs, load average {load:.1f}, "
        f"Python {sys.version.split()[0]}"
    )
    print(table(rows))
    for r in rows:
        if r["apps"] == TARGET_APPS:
            verdict = "met" if r["warm"] <= TARGET_SECONDS else "MISSED"
            print(f"target {TARGET_APPS} apps <= {TARGET_SECONDS:.1f} s: {verdict} ({r['warm']:.2f} s warm)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
