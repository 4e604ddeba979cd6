#!/usr/bin/env python3
"""Cost of ``repospbe check --changed-since HEAD`` when one app changed, by registry size.

DESIGN.md target: a merge request that changes 1 app in a 2,000-app registry costs about
what it costs in a 1-app registry (work follows the change). Each registry is generated
(``gen_registry.py``), committed to a fresh git repository, one app's description is
edited, and the check runs as a subprocess: best of three, wall and CPU time.
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

from bench_check import run_check  # noqa: E402
from gen_registry import generate  # noqa: E402

GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "-c", "commit.gpgsign=false"]


def prepare(n: int, root: Path) -> None:
    generate(n, root)
    subprocess.run([*GIT, "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=root, check=True)
    subprocess.run([*GIT, "commit", "-qm", "bench"], cwd=root, check=True)
    app = root / "registry" / "apps" / "diskominfo" / "si-00000" / "app.yaml"
    app.write_text(app.read_text(encoding="utf-8").replace("deskripsi: ", "deskripsi: Diubah. ", 1), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time check --changed-since on registries of growing size.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 2000])
    args, _ = parser.parse_known_args(argv)
    print(f"repospbe check --changed-since HEAD, one app changed; load average {os.getloadavg()[0]:.1f}")
    print(f"{'apps':>6} | {'wall s':>7} | {'CPU s':>6} | findings")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            root = Path(tmp) / f"reg-{n}"
            prepare(n, root)
            runs = [run_check(root, extra=("--changed-since", "HEAD")) for _ in range(3)]
            wall, cpu, _, code, findings = min(runs)
            print(f"{n:>6} | {wall:>7.2f} | {cpu:>6.2f} | {findings} (exit {code})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
