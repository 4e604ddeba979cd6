"""Ingest a generated 1 GiB delivery (zip and tar.gz) and report wall time and peak memory.

The content is half incompressible (random bytes, 8 x 64 MiB) and half compressible
(2,048 x 256 KiB of word-like text), generated straight into the archive in a temp
directory that is deleted afterwards. Each ingest runs as a child process
(`repospbe handover ingest`); its peak memory is ``ru_maxrss`` from ``wait4``, which
covers the child and the git processes it waited for. Target: peak <= 200 MiB.

    .venv/bin/python benchmarks/bench_ingest.py [--size-mib 1024] [--tmp DIR] [--keep]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MiB = 1024 * 1024
APP = "diskominfo/beban-uji"


def chunks(args: argparse.Namespace) -> Iterator[tuple[str, int, Iterator[bytes]]]:
    """(name, size, content blocks): half random, half compressible text."""
    half = args.size_mib * MiB // 2
    big = 64 * MiB
    for i in range(max(1, half // big)):
        yield f"aset/biner-{i:02d}.bin", big, (os.urandom(MiB) for _ in range(big // MiB))
    rng = random.Random(6171)
    words = [
        ("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))).encode()
        for _ in range(5000)
    ]
    text = b" ".join(rng.choice(words) + (b"\n" if rng.random() < 0.1 else b"") for _ in range(400_000))
    small = 256 * 1024
    for i in range(half // small):
        start = rng.randrange(0, len(text) - small)
        head = f"<?php // berkas {i}\n".encode()
        yield (
            f"app/modul-{i // 100:03d}/berkas-{i:05d}.php",
            small,
            iter([head + text[start : start + small - len(head)]]),
        )


class _Blocks(io.RawIOBase):
    def __init__(self, blocks: Iterator[bytes]) -> None:
        self.blocks, self.buf = blocks, b""

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray) -> int:  # type: ignore[override]
        while not self.buf:
            self.buf = next(self.blocks, b"")
            if not self.buf:
                return 0
        n = min(len(b), len(self.buf))
        b[:n], self.buf = self.buf[:n], self.buf[n:]
        return n


def make_zip(path: Path, args: argparse.Namespace) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("LICENSE", "MIT\nCopyright (c) 2026 Pemerintah Kota Pontianak\n")
        for name, _, blocks in chunks(args):
            with zf.open(name, "w", force_zip64=True) as out:
                for block in blocks:
                    out.write(block)


def make_targz(path: Path, args: argparse.Namespace) -> None:
    with tarfile.open(path, "w:gz", compresslevel=1) as tf:
        lic = b"MIT\nCopyright (c) 2026 Pemerintah Kota Pontianak\n"
        info = tarfile.TarInfo("LICENSE")
        info.size = len(lic)
        tf.addfile(info, io.BytesIO(lic))
        for name, size, blocks in chunks(args):
            info = tarfile.TarInfo(name)
            info.size = size
            tf.addfile(info, io.BufferedReader(_Blocks(blocks), buffer_size=MiB))


def make_registry(root: Path) -> None:
    for part in ("registry", "checks", "templates"):
        shutil.copytree(REPO / part, root / part)
    app = root / "registry/apps" / APP
    app.mkdir(parents=True)
    (app / "app.yaml").write_text(
        "id: beban-uji\nnama: Beban Uji\nopd: diskominfo\njenis: khusus\n"
        "fungsi: [layanan-publik]\nstatus: pengembangan\ndeskripsi: Uji beban.\n"
    )
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "b@x",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "b@x",
    }
    for cmd in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "awal"]):
        subprocess.run(["git", *cmd], cwd=root, env=env, check=True)


def run_ingest(root: Path, archive: Path, version: str) -> tuple[float, int, int]:
    cmd = [
        str(REPO / ".venv/bin/repospbe"),
        "handover",
        "ingest",
        str(archive),
        "--app",
        APP,
        "--vendor",
        "PT Beban",
        "--contract",
        "BENCH/2026",
        "--version",
        version,
        "--registry",
        str(root),
    ]
    env = {**os.environ, "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "b@x"}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        sys.exit(f"ingest failed ({proc.returncode}): {err[-2000:]}")
    return wall, usage.ru_maxrss, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--tmp", default=None)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-ingest-", dir=args.tmp))
    try:
        root = work / "registri"
        make_registry(root)
        print(f"konten: {args.size_mib} MiB (separuh acak, separuh teks), direktori kerja {work}")
        for fmt, maker, version in (("zip", make_zip, "1.0.0"), ("tar.gz", make_targz, "2.0.0")):
            archive = work / f"kiriman.{fmt}"
            t0 = time.perf_counter()
            maker(archive, args)
            gen = time.perf_counter() - t0
            wall, maxrss_kib, _ = run_ingest(root, archive, version)
            print(
                f"{fmt:7s} arsip {archive.stat().st_size / MiB:7.1f} MiB (dibuat {gen:5.1f} s) | "
                f"ingest {wall:6.1f} s | memori puncak {maxrss_kib / 1024:6.1f} MiB "
                f"({'OK' if maxrss_kib <= 200 * 1024 else 'MELEBIHI'} batas 200 MiB)",
                flush=True,
            )
            archive.unlink()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
