"""``repospbe audit verify`` over 10, 100 and 1,000 governed merges, beside its floor; then a
checkpoint at 1,000 and 100 more merges, verified since the checkpoint.

Usage: python benchmarks/bench_audit.py [--profile] [SIZES ...]   (default sizes: 10 100 1000)

Registries come from ``gen_audit.py`` (cached in ``$TMPDIR/repospbe-bench/audit``; the first build
of 1,000 merges takes several minutes). For each size it prints the wall and CPU time of the
CLI (``audit verify --penuh``, a fresh process, cold start included) and, measured in the same
run, the floor: ``git rev-list --objects`` of main and every evidence chain piped through one
``git cat-file --batch`` (every object read once), plus one ``ssh-keygen -Y verify`` per
signature the audit checks (opening, runner's pipeline record, two approvals per merge).
``--profile`` adds a cProfile of the largest full run (top functions by own time).
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_audit  # noqa: E402

from repospbe.governance import evidence as evs  # noqa: E402
from repospbe.governance.audit import verify  # noqa: E402
from repospbe.governance.gitrepo import Repo  # noqa: E402
from repospbe.governance.rules import load_rules  # noqa: E402

PY = sys.executable
ENV = {**os.environ, "PYTHONPATH": str(gen_audit.REPO / "src")}


def timed(cmd: list[str], stdin: bytes | None = None) -> tuple[float, float, subprocess.CompletedProcess[bytes]]:
    """(wall, CPU of the child processes, result)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, input=stdin, capture_output=True, env=ENV, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), proc


def cli(root: Path, *args: str) -> tuple[float, float, dict[str, object]]:
    wall, cpu, proc = timed([PY, "-m", "repospbe", "audit", "verify", "--registry", str(root), "-f", "json", *args])
    if proc.returncode not in (0, 1):
        raise SystemExit(proc.stderr.decode()[-2000:])
    return wall, cpu, json.loads(proc.stdout)


def signatures(root: Path, work: Path) -> list[list[str]]:
    """One ``ssh-keygen -Y verify`` command per signature the audit checks (files written to ``work``)."""
    repo, cmds = Repo(root), []
    rules = load_rules(repo, repo.must_resolve("refs/heads/main"))
    (work / "signers").write_text(rules.allowed_signers(runners=True))
    for number in evs.numbers(repo):
        ev = evs.load(repo, number)
        assert ev is not None and ev.opening is not None
        key = str(ev.opening.data["pembuka"]["kunci"])  # type: ignore[index]
        (work / f"{number}-pembuka").write_text(f"pembuka {key}\n")
        items = [(f"{number}-pembuka", "pembuka", rules.ns("mr"), ev.opening.raw, ev.opening.sig)]
        for rec in ev.records.values():
            items += [("signers", p, rules.ns("pipeline"), rec.raw, sig) for p, sig in rec.signatures.items()]
        for _, signed in ev.decisions:
            items.append(("signers", str(signed.data["reviewer"]), rules.ns("keputusan"), signed.raw, signed.sig))
        for i, (signers, principal, ns, raw, sig) in enumerate(items):
            (work / f"{number}-{i}.raw").write_bytes(raw)
            (work / f"{number}-{i}.sig").write_bytes(sig)
            cmds.append(
                ["ssh-keygen", "-Y", "verify", "-f", str(work / signers), "-I", principal, "-n", ns]
                + ["-s", str(work / f"{number}-{i}.sig"), str(work / f"{number}-{i}.raw")]
            )
    return cmds


def floor(root: Path) -> tuple[float, float, int]:
    """(wall, CPU, signatures): every object read once, every signature verified by ssh-keygen."""
    with tempfile.TemporaryDirectory(prefix="bench-audit-") as tmp:
        cmds = signatures(root, Path(tmp))
        refs = ["refs/heads/main", *Repo(root).refs("refs/repospbe/")]
        wall, cpu, listed = timed(["git", "-C", str(root), "rev-list", "--objects", *refs])
        ids = b"".join(line.split(b" ")[0] + b"\n" for line in listed.stdout.splitlines())
        w2, c2, _ = timed(["git", "-C", str(root), "cat-file", "--batch"], stdin=ids)
        wall, cpu = wall + w2, cpu + c2
        for cmd in cmds:
            data = Path(cmd[-1]).read_bytes()
            w, c, proc = timed(cmd[:-1], stdin=data)
            assert proc.returncode == 0, proc.stderr
            wall, cpu = wall + w, cpu + c
        return wall, cpu, len(cmds)


def full(sizes: list[int]) -> None:
    print("| merges | audit verify --penuh (wall / CPU) | floor (wall / CPU) | ratio | signatures | events |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in sizes:
        root, _ = gen_audit.registry(n)
        wall, cpu, data = cli(root, "--penuh")
        assert data["ok"], f"{n}: {data['pelanggaran']} breaches"
        fw, fc, sigs = floor(root)
        events = len(data["peristiwa"])  # type: ignore[arg-type]
        print(
            f"| {n:,} | {wall:.1f} s / {cpu:.1f} s | {fw:.1f} s / {fc:.1f} s | {wall / fw:.2f}× | {sigs:,} | {events:,} |"
        )


def incremental(base: int, more: int) -> None:
    """A checkpoint at ``base`` merges, ``more`` merges after it, then the default (incremental) run."""
    dest = gen_audit.CACHE / f"reg-{base}-cp{more}"
    src, keys = gen_audit.registry(base)
    if not (dest / ".bench-done").is_file():
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(src, dest, symlinks=True)
        (dest / ".bench-done").unlink()
        wall, cpu, proc = timed(
            [PY, "-m", "repospbe", "audit", "verify", "--registry", str(dest), "--titik-periksa", "--kunci"]
            + [str(keys["rahmat"])]
        )
        assert proc.returncode == 0, proc.stderr
        print(
            f"checkpoint written at {base:,} merges (full verification + signing): {wall:.1f} s wall, {cpu:.1f} s CPU"
        )
        gen_audit.extend(Repo(dest), keys, base + more)
        (dest / ".bench-done").write_text("{}")
    wall, cpu, data = cli(dest)
    assert data["ok"]
    new = [e for e in data["peristiwa"] if e["kind"] == "titik-periksa"]  # type: ignore[union-attr,index]
    fwall, fcpu, fdata = cli(dest, "--penuh")
    assert fdata["ok"]
    print(f"since the checkpoint: {new[0]['detail'] if new else '?'}")
    print(
        f"| {base:,} + {more} merges | default (since checkpoint) {wall:.1f} s / {cpu:.1f} s CPU "
        f"| --penuh {fwall:.1f} s / {fcpu:.1f} s CPU |"
    )


def catalogue(dest: Path) -> None:
    """The catalogue of the registry with the checkpoint: a build, then one after an OPD record changes
    (its audit log is read as ``audit verify`` runs by default: from the confirmed checkpoint)."""
    out = Path(tempfile.mkdtemp(prefix="bench-audit-katalog-"))
    build = [PY, "-m", "repospbe", "catalogue", "build", "--registry", str(dest), "--out", str(out / "k")]
    try:
        first = timed(build)
        assert first[2].returncode == 0, first[2].stderr
        for record in (dest / "registry" / "opd").glob("*.yaml"):
            record.touch()
        wall, cpu, proc = timed(build)
        assert proc.returncode == 0, proc.stderr
        print(
            f"| catalogue of {dest.name} | first {first[0]:.1f} s / {first[1]:.1f} s CPU | again {wall:.1f} s / {cpu:.1f} s CPU |"
        )
    finally:
        shutil.rmtree(out, ignore_errors=True)


def profile(n: int) -> None:
    """cProfile of a full run with the merges verified one after another (cProfile sees one thread)."""
    from repospbe.governance import audit

    audit.verify_merges = lambda repo, commits: {c: audit.verify_merge_assessed(repo, c) for c in commits}
    root, _ = gen_audit.registry(n)
    prof = cProfile.Profile()
    prof.enable()
    report = verify(Repo(root))
    prof.disable()
    assert not report.breaches
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.sort_stats("cumulative").print_stats(r"repospbe/(governance|ownership|git)/|snapshot|loader", 25)
    stats.sort_stats("tottime").print_stats(12)
    print(out.getvalue())


def main(args: list[str]) -> None:
    sizes = [int(a) for a in args if a.isdigit()] or [10, 100, 1000]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    full(sizes)
    if max(sizes) >= 1000:
        incremental(1000, 100)
        catalogue(gen_audit.CACHE / "reg-1000-cp100")
    if "--profile" in args:
        profile(max(sizes))


if __name__ == "__main__":
    main(sys.argv[1:])
