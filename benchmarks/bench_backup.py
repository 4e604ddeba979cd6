"""Backup and restore time and size: the bundled registry and a generated 1,000-app one.

Usage: python benchmarks/bench_backup.py [N ...]   (default: bundled, 1000)
Needs benchmarks/gen_registry.py (synthetic registry generator).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "b@example.invalid",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "b@example.invalid",
}


def run(*args: str, cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(list(args), cwd=cwd, check=True, env=ENV, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def make_registry(n: int | None, dest: Path) -> Path:
    if n is None:
        for part in ("registry", "checks"):
            shutil.copytree(REPO / part, dest / part)
    else:
        run(sys.executable, str(REPO / "benchmarks" / "gen_registry.py"), str(n), str(dest))
    run("git", "init", "-q", "-b", "main", cwd=dest)
    run("git", "add", "-A", cwd=dest)
    run("git", "commit", "-qm", "bench", cwd=dest)
    return dest


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def bench(label: str, n: int | None, tmp: Path) -> tuple[str, float, float, float, int, int]:
    reg = make_registry(n, tmp / f"reg-{label}")
    key = tmp / f"key-{label}"
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key))
    signers = tmp / f"signers-{label}"
    signers.write_text(f"op {key.with_suffix('.pub').read_text()}")
    rpb = [sys.executable, "-m", "repospbe"]
    out = tmp / f"out-{label}"
    t_create = run(*rpb, "backup", "create", "--out", str(out), "--key", str(key), "--registry", str(reg))
    t_verify = run(*rpb, "backup", "verify", str(out), "--allowed-signers", str(signers))
    t_restore = run(
        *rpb, "backup", "restore", str(out), "--to", str(tmp / f"pulih-{label}"), "--allowed-signers", str(signers)
    )
    return label, t_create, t_verify, t_restore, du(reg / ".git"), du(out)


def main() -> None:
    sizes: list[int | None] = [int(a) for a in sys.argv[1:]] or [None, 1000]
    print(f"{'registry':>12} {'create s':>9} {'verify s':>9} {'restore s':>10} {'.git bytes':>12} {'backup bytes':>13}")
    with tempfile.TemporaryDirectory(prefix="bench-backup-") as tmp:
        for n in sizes:
            label = "bundled" if n is None else f"{n} apps"
            row = bench(label.replace(" ", "-"), n, Path(tmp))
            print(f"{label:>12} {row[1]:9.2f} {row[2]:9.2f} {row[3]:10.2f} {row[4]:12,d} {row[5]:13,d}")


if __name__ == "__main__":
    main()
