"""Cost of the app-tests sandbox (bubblewrap) per test run.

The same trivial test commands run N times each way, in the same run:
  raw       the command as a plain subprocess in a copy of the tree (the floor)
  bwrap     the same command in the sandbox's bwrap command line, nothing else
  ci-runner the app-tests scanner without a sandbox (REPOSPBE_ISOLATION=ci-runner): scanner bookkeeping
  sandbox   the app-tests scanner as a reviewer runs it (bubblewrap): copy, sandbox, JUnit, log
Run: .venv/bin/python benchmarks/bench_sandbox.py [--runs N]
Prints median and mean wall time per run; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from repospbe.scanners import apptests, isolation  # noqa: E402
from repospbe.scanners.base import AppInfo, ScanContext, ScanOptions  # noqa: E402

COMMANDS = {
    "python -c pass": ["python", "-c", "pass"],
    "python -m pytest (2 tests)": [
        "python",
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--junitxml=hasil-uji/junit.xml",
        "tests",
    ],
}
TREE = {
    "app.py": '"""Aplikasi."""\n\n\ndef tambah(a, b):\n    """Jumlahkan."""\n    return a + b\n',
    "tests/test_app.py": "from app import tambah\n\n\ndef test_tambah():\n    assert tambah(1, 2) == 3\n\n\n"
    "def test_nol():\n    assert tambah(0, 0) == 0\n",
}


def make_tree(dest: Path) -> Path:
    for rel, text in TREE.items():
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / rel).write_text(text)
    return dest


def times(ways: dict[str, Callable[[], object]], runs: int) -> dict[str, tuple[list[float], list[float]]]:
    """(wall, CPU) times per way, interleaved (one run of each way in turn) so load drift hits all alike.
    CPU is user + system time of this process and its children (bwrap, the command)."""
    out: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in ways}
    for fn in ways.values():
        fn()  # warm-up (page cache, bwrap probe)
    for _ in range(runs):
        for name, fn in ways.items():
            cpu, start = _cpu(), time.perf_counter()
            fn()
            out[name][0].append(time.perf_counter() - start)
            out[name][1].append(_cpu() - cpu)
    return out


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def raw(argv: list[str], tree: Path) -> Callable[[], object]:
    env = isolation.environment()
    full = [shutil.which(argv[0], path=env["PATH"]) or argv[0], *argv[1:]]

    def go() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp) / "work"
            shutil.copytree(tree, work)
            subprocess.run(full, cwd=work, env={**env, "HOME": tmp, "TMPDIR": tmp}, capture_output=True, check=True)

    return go


def bare_bwrap(argv: list[str], tree: Path) -> Callable[[], object]:
    def go() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copytree(tree, Path(tmp) / "work")
            subprocess.run(
                isolation.command(isolation.bwrap_path(), Path(tmp), argv), env={}, capture_output=True, check=True
            )

    return go


def scanner(argv: list[str], tree: Path, mode: str) -> Callable[[], object]:
    ctx = ScanContext(tree, "bench", ScanOptions(), app=AppInfo(key="bench/app", perintah_uji=" ".join(argv)))

    def go() -> None:
        if mode:
            os.environ[isolation.ISOLATION_ENV] = mode
        else:
            os.environ.pop(isolation.ISOLATION_ENV, None)
        result = apptests.run(ctx)
        if result.status != "passed" or apptests.isolation_of(result) != (mode or isolation.BUBBLEWRAP):
            raise SystemExit(f"{mode or 'sandbox'}: {result.detail} {[f.check_id for f in result.findings]}")

    return go


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args, _ = parser.parse_known_args()
    os.environ.pop(isolation.BWRAP_ENV, None)
    problem = isolation.probe(isolation.bwrap_path())
    if problem:
        raise SystemExit(f"no bubblewrap sandbox here: {problem}")
    print(
        f"load average {os.getloadavg()[0]:.2f}; {args.runs} runs each; {os.cpu_count()} CPUs; "
        f"bwrap {isolation.bwrap_path()}"
    )
    with tempfile.TemporaryDirectory(prefix="repospbe-bench-") as tmp:
        tree = make_tree(Path(tmp) / "tree")
        for label, argv in COMMANDS.items():
            figures = times(
                {
                    "raw": raw(argv, tree),
                    "bwrap": bare_bwrap(argv, tree),
                    "ci-runner": scanner(argv, tree, isolation.CI_RUNNER),
                    "sandbox": scanner(argv, tree, ""),
                },
                args.runs,
            )
            os.environ.pop(isolation.ISOLATION_ENV, None)
            med = {k: statistics.median(v[0]) * 1000 for k, v in figures.items()}
            cpu = {k: statistics.median(v[1]) * 1000 for k, v in figures.items()}
            print(f"{label}:")
            for name, (wall, _) in figures.items():
                print(
                    f"  {name:9s} wall median {med[name]:7.1f} ms  mean {statistics.fmean(wall) * 1000:7.1f} ms"
                    f"  CPU median {cpu[name]:7.1f} ms"
                )
            for what, fig in (("wall", med), ("CPU", cpu)):
                print(
                    f"  sandbox cost per run ({what}, medians): bwrap - raw {fig['bwrap'] - fig['raw']:+.1f} ms; "
                    f"scanner in sandbox - raw {fig['sandbox'] - fig['raw']:+.1f} ms; "
                    f"scanner in sandbox - scanner as ci-runner {fig['sandbox'] - fig['ci-runner']:+.1f} ms"
                )


if __name__ == "__main__":
    main()
