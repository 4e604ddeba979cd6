"""DNS plan time: the bundled registry and generated registries of N subdomains.

Usage: python benchmarks/bench_dns.py [N ...]   (default: bundled, 1000, 5000)
For each registry: the subdomain checks alone, ``dns plan`` in-process (load,
gate checks, build, compare with an applied state where 1 % of names changed),
the BIND zone render, and the whole ``repospbe dns plan`` command (new process).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from repospbe.checks.subdomains import CHECKS  # noqa: E402
from repospbe.dns.apply import apply  # noqa: E402
from repospbe.dns.bind import zone_text  # noqa: E402
from repospbe.dns.service import plan_for  # noqa: E402
from repospbe.engine import run_checks  # noqa: E402
from repospbe.registry import load_registry  # noqa: E402


def make(n: int | None, dest: Path) -> Path:
    for part in ("registry", "checks", "templates"):
        if (REPO / part).exists():
            shutil.copytree(REPO / part, dest / part)
    if n is None:
        return dest
    opds = 40
    for i in range(opds):
        (dest / f"registry/opd/opd{i}.yaml").write_text(
            yaml.safe_dump({"kode": f"opd{i}", "nama": f"OPD {i}", "jenis": "dinas"})
        )
    sub = dest / "registry/subdomains"
    sub.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        opd = f"opd{i % opds}"
        name = opd if i < opds else f"s{i}.{opd}"
        rec = {
            "opd": opd,
            "untuk": {"opd": opd},
            "tujuan": f"Situs {i}",
            "records": [
                {"type": "A", "value": f"192.0.2.{i % 250 + 1}", "contoh": True},
                {"type": "TXT", "value": f"v=spf1 -all {i}"},
            ],
        }
        (sub / f"{name}.yaml").write_text(yaml.safe_dump(rec, sort_keys=False))
    return dest


def timed(fn):  # type: ignore[no-untyped-def]
    """(wall seconds, result); CPU seconds of the last call in ``timed.cpu``."""
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    timed.cpu = time.process_time() - cpu  # type: ignore[attr-defined]
    return time.perf_counter() - start, result


def bench(label: str, n: int | None, tmp: Path) -> str:
    root = make(n, tmp / label)
    state = tmp / f"{label}.state.json"
    t_checks, _ = timed(lambda: run_checks(load_registry(root), tuple(CHECKS)))
    planned = plan_for(root, None, state)
    apply(planned, planned.plan.checksum, True, tmp / f"{label}.zone", state, None)
    for path in sorted((root / "registry/subdomains").glob("s*.yaml"))[: max(1, (n or 0) // 100)]:
        path.write_text(path.read_text().replace("v=spf1 -all", "v=spf1 mx -all"))
    t_plan, planned = timed(lambda: plan_for(root, None, state))
    c_plan = timed.cpu  # type: ignore[attr-defined]
    t_bind, _ = timed(lambda: zone_text(planned.cfg, planned.plan.desired, 2026010101))
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "repospbe", "dns", "plan", "--registry", str(root), "--state", str(state), "--force"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    t_cli = time.perf_counter() - start
    rrsets = len(planned.plan.desired)
    return (
        f"{label:>10} {rrsets:>8} {len(planned.plan.changes):>8} {t_checks:>9.3f} {t_plan:>9.3f} {c_plan:>9.3f} "
        f"{t_bind:>8.3f} {t_cli:>8.2f}"
    )


def main() -> None:
    sizes: list[int | None] = [int(a) for a in sys.argv[1:]] or [None, 1000, 5000]
    print(
        f"{'registry':>10} {'rrsets':>8} {'changes':>8} {'checks s':>9} {'plan s':>9} {'plan cpu':>9} {'bind s':>8} {'cli s':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            print(bench("bundled" if n is None else str(n), n, Path(tmp)), flush=True)
    print(f"({dt.date.today()}, python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
