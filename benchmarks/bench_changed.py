#!/usr/bin/env python3
"""Cost of a one-app change by registry size: ``check``, ``pipeline run`` and ``pipeline generate``.

DESIGN.md target: a merge request that changes 1 app in a 2,000-app registry costs within
1.2x of the same change in a 1-app registry (work follows the change). Each registry is
generated (``gen_registry.py``, ``--realistic`` by default: apps shaped like the complete
example, each pinning a source bundle), committed to a fresh git repository, one app's
description is edited, and each command runs as a subprocess with ``--changed-since HEAD``:
best of seven (``--repeat``), the sizes taking turns, wall and CPU time. The 1-app registry is the floor; the ratio is the result.
``pipeline run`` is measured with ``--registry-only`` (the source stage of the one changed
app is the same work at every size and would only hide the registry's share).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_check import timed  # noqa: E402
from gen_registry import generate  # noqa: E402

GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "-c", "commit.gpgsign=false"]
COMMANDS = {
    "check": ["check", "--format", "json"],
    "pipeline run": ["pipeline", "run", "--registry-only", "--format", "json"],
    "pipeline generate": ["pipeline", "generate"],
}


def prepare(n: int, root: Path, realistic: bool) -> None:
    generate(n, root, realistic=realistic)
    subprocess.run([*GIT, "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=root, check=True)
    subprocess.run([*GIT, "commit", "-qm", "bench"], cwd=root, check=True)
    app = next((root / "registry" / "apps" / "diskominfo").iterdir()) / "app.yaml"
    text = app.read_text(encoding="utf-8")
    for old in ("deskripsi: '", "deskripsi: >-\n  ", "deskripsi: "):
        if old in text:
            app.write_text(text.replace(old, old + "Diubah. ", 1), encoding="utf-8")
            break


def measure(roots: dict[int, Path], args: list[str], repeat: int) -> dict[int, tuple[float, float, int]]:
    """Best of ``repeat`` (wall s, CPU s, exit code) per registry, the registries taking turns
    (a burst of load on the machine then hits every size alike)."""
    runs: dict[int, list[tuple[float, float, float, int]]] = {n: [] for n in roots}
    for _ in range(repeat):
        for n, root in roots.items():
            cmd = [sys.executable, "-m", "repospbe", "--registry", str(root), *args, "--changed-since", "HEAD"]
            runs[n].append(timed(cmd))
    return {n: (min(r)[0], min(x[1] for x in r), min(r)[3]) for n, r in runs.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time one-app changes on registries of growing size.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 2000])
    parser.add_argument("--minimal", action="store_true", help="minimal synthetic apps instead of realistic ones")
    parser.add_argument("--repeat", type=int, default=7, help="runs per command and size (the best counts)")
    args, _ = parser.parse_known_args(argv)
    print(f"one app changed, --changed-since HEAD; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    print(f"{'command':>18} | {'apps':>5} | {'wall s':>7} | {'CPU s':>6} | {'exit':>4} | vs smallest (wall, CPU)")
    with tempfile.TemporaryDirectory() as tmp:
        roots = {}
        for n in args.sizes:
            roots[n] = Path(tmp) / f"reg-{n}"
            prepare(n, roots[n], not args.minimal)
        for name, cmd in COMMANDS.items():
            first: tuple[float, float] | None = None
            for n, (wall, cpu, code) in measure(roots, cmd, args.repeat).items():
                first = first or (wall, cpu)
                ratio = f"{wall / first[0]:.2f}x, {cpu / first[1]:.2f}x"
                print(f"{name:>18} | {n:>5} | {wall:>7.2f} | {cpu:>6.2f} | {code:>4} | {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
