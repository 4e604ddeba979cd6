"""Governance costs: one merge request's lifecycle in a small vs a 2,000-app registry, and audit time.

Usage: python benchmarks/bench_governance.py [APPS ...]   (default: 1 2000)
Prints seconds per step (open, pipeline by a CI runner key, two signed approvals, merge) and
``audit verify`` time over a growing number of verified merges.
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
sys.path.insert(0, str(REPO / "src"))
os.environ.update(
    {
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "b@example.invalid",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "b@example.invalid",
    }
)

from repospbe.governance import mr as ops  # noqa: E402
from repospbe.governance import sshsig  # noqa: E402
from repospbe.governance.audit import GENESIS_REF, verify  # noqa: E402
from repospbe.governance.gitrepo import Repo  # noqa: E402
from repospbe.governance.merge import merge  # noqa: E402
from repospbe.governance.rules import load_signers_from_worktree  # noqa: E402

APP = "id: {id}\nnama: Aplikasi {id}\nopd: diskominfo\njenis: umum\nfungsi: [uji]\nstatus: usulan\ndeskripsi: {desc}\n"


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=root, check=True, capture_output=True)


def setup(dest: Path, apps: int, keys: dict[str, Path]) -> Repo:
    for part in ("registry", "checks"):
        shutil.copytree(REPO / part, dest / part)
    for i in range(apps):
        d = dest / "registry/apps/diskominfo" / f"app-{i:04d}"
        d.mkdir(parents=True)
        (d / "app.yaml").write_text(APP.format(id=f"app-{i:04d}", desc="awal"))
    lines = ["reviewers:"]
    for i, name in enumerate(("ani", "budi")):
        lines += [
            f"  - id: {name}",
            f"    nama: {name}",
            f'    nip: "19900101201501100{i}"',
            "    peran: diskominfo",
            f"    email: [{name}@x.example]",
            f"    kunci_publik: {sshsig.public_key_of(keys[name])}",
        ]
    (dest / "registry/reviewers.yaml").write_text("\n".join(lines) + "\n")
    (dest / "registry/runners").mkdir(exist_ok=True)
    (dest / "registry/runners/ci.pub").write_text(sshsig.public_key_of(keys["runner"]) + "\n")
    (dest / "registry/allowed_signers").write_text(load_signers_from_worktree(dest)[0])
    with (dest / "registry/opd/diskominfo.yaml").open("a") as opd:  # the developer maintains Diskominfo's apps
        opd.write(
            "pengelola:\n  - id: dev\n    nama: Pengembang\n    email: [dev@x.example]\n"
            f"    kunci_publik: {sshsig.public_key_of(keys['dev'])}\n"
        )
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-qm", "awal")
    repo = Repo(dest)
    repo.cas(GENESIS_REF, repo.must_resolve("HEAD"), None)
    return repo


def one_mr(repo: Repo, keys: dict[str, Path], i: int) -> dict[str, float]:
    root = repo.path
    git(root, "checkout", "-q", "-b", f"ubah-{i}")
    (root / "registry/apps/diskominfo/app-0000/app.yaml").write_text(APP.format(id="app-0000", desc=f"versi {i}"))
    git(root, "commit", "-qam", f"ubah {i}")
    git(root, "checkout", "-q", "main")
    t: dict[str, float] = {}
    s = time.perf_counter()
    n = ops.open_mr(repo, f"ubah-{i}", "main", f"Ubah {i}", "", keys["dev"])
    t["open"] = time.perf_counter() - s
    s = time.perf_counter()
    ops.run_pipeline(repo, n, keys["runner"])
    t["pipeline"] = time.perf_counter() - s
    s = time.perf_counter()
    for who in ("ani", "budi"):
        ops.decide(repo, n, keys[who], "setuju", "")
    t["approve x2"] = time.perf_counter() - s
    s = time.perf_counter()
    merge(repo, n)
    t["merge"] = time.perf_counter() - s
    return t


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        keys = {}
        for name in ("ani", "budi", "dev", "runner"):
            sshsig.generate(Path(tmp) / name, name)
            keys[name] = Path(tmp) / name
        for apps in sizes:
            repo = setup(Path(tmp) / f"reg-{apps}", apps, keys)
            for label, i in (("pertama", 0), ("berikutnya", 1)):
                steps = one_mr(repo, keys, i)
                print(f"{apps:>5} aplikasi, MR {label}: " + ", ".join(f"{k} {v:.2f}s" for k, v in steps.items()))
            for merges in (5, 10):
                while len(verify(repo).events) - 1 < merges:
                    one_mr(repo, keys, len(verify(repo).events))
                s = time.perf_counter()
                report = verify(repo)
                print(
                    f"       audit verify atas {merges} merge: {time.perf_counter() - s:.2f}s "
                    f"(pelanggaran {len(report.breaches)})"
                )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1, 2000])
