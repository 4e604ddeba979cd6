"""The semgrep rule pack: rules per language, `semgrep --test` time, fixture-app scan time.

Run: .venv/bin/python benchmarks/bench_semgrep_rules.py [--repeat N]
Prints the figures (best and median of N runs, with the machine's load average);
asserts nothing. Everything runs offline (--metrics=off --disable-version-check).
"""

from __future__ import annotations

import argparse
import collections
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
PACK = REPO / "checks" / "semgrep"
APPS = REPO / "tests" / "fixtures" / "apps"
SEMGREP = str(Path(sys.executable).parent / "semgrep")
OFFLINE = ["--metrics=off", "--disable-version-check"]


def timed(argv: list[str], cwd: Path, env: dict[str, str], repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
        runs.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(argv)} -> {proc.returncode}\n{proc.stderr[-2000:]}")
    return min(runs), statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rules = [(f.parent.name, r) for f in sorted(PACK.glob("*/*.yaml")) for r in yaml.safe_load(f.read_text())["rules"]]
    per_lang = collections.Counter(lang for lang, _ in rules)
    print(f"rules: {len(rules)} in {len(list(PACK.glob('*/*.yaml')))} files; per language: {dict(per_lang)}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = {**os.environ, "HOME": str(work), "SEMGREP_SEND_METRICS": "off"}
        for app in ("vulnerable", "clean"):
            shutil.copytree(APPS / app, work / "src" / app)
        merged = work / "pack.yaml"
        merged.write_text(yaml.safe_dump({"rules": [r for _, r in rules]}, allow_unicode=True, sort_keys=False))
        scan = ["scan", "--json", "--no-rewrite-rule-ids", "--quiet", *OFFLINE, "vulnerable", "clean"]
        cases = {
            "semgrep --test (Python runner)": ([SEMGREP, "--test", *OFFLINE, str(PACK)], REPO),
            "semgrep --test --experimental (native runner)": (
                [SEMGREP, "--test", "--experimental", *OFFLINE, str(PACK)],
                REPO,
            ),
            "scan fixtures, --config checks/semgrep": (
                [SEMGREP, *scan[:1], "--config", str(PACK), *scan[1:]],
                work / "src",
            ),
            "scan fixtures, --config <one merged file>": (
                [SEMGREP, *scan[:1], "--config", str(merged), *scan[1:]],
                work / "src",
            ),
            "scan fixtures, --experimental, --config checks/semgrep": (
                [SEMGREP, *scan[:1], "--experimental", "--config", str(PACK), *scan[1:]],
                work / "src",
            ),
        }
        for name, (argv, cwd) in cases.items():
            best, median = timed(argv, cwd, env, args.repeat)
            print(f"{name:55s} best {best:6.2f} s  median {median:6.2f} s  (load {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
