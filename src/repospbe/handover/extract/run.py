"""Dispatch: pick the reader for a delivery and feed every entry to one writer."""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
import zipfile
from pathlib import Path

from repospbe.errors import InputError
from repospbe.git.runner import git_bytes, popen_git
from repospbe.handover.extract.detect import detect_kind
from repospbe.handover.extract.policy import Extraction, ExtractRefused, Limits
from repospbe.handover.extract.prefix import strip_common_directory
from repospbe.handover.extract.readers import CountingReader, iter_dir, iter_tar, iter_zip, zip_precheck
from repospbe.handover.extract.writer import Writer

GIT_TIMEOUT = 3600


def extract(source: Path, dest: Path, limits: Limits | None = None) -> tuple[str, Extraction]:
    """Extract ``source`` into the new directory ``dest``; return (kind, extraction)."""
    limits = limits or Limits()
    kind = detect_kind(source)
    try:
        if kind == "direktori":
            writer = Writer(dest, limits)
            for entry in iter_dir(source):
                writer.add(entry)
        elif kind == "zip":
            writer = _zip(source, dest, limits)
        elif kind == "bundle":
            writer = _bundle(source, dest, limits)
        else:
            writer = _tar(source, dest, limits)
        if kind in ("direktori", "bundle"):
            return kind, writer.finish()
        return kind, strip_common_directory(writer.finish(), limits)
    except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        if isinstance(exc, ExtractRefused):
            raise
        raise InputError("handover.corrupt-archive", file=str(source), error=str(exc)[:200]) from None


def _tar(source: Path, dest: Path, limits: Limits) -> Writer:
    with source.open("rb") as raw:
        counter = CountingReader(raw)
        writer = Writer(dest, limits, compressed=lambda: counter.count)
        for entry in iter_tar(counter):  # type: ignore[arg-type]
            writer.add(entry)
    return writer


def _zip(source: Path, dest: Path, limits: Limits) -> Writer:
    size = source.stat().st_size
    with zipfile.ZipFile(source) as zf:
        zip_precheck(zf, size, limits)
        writer = Writer(dest, limits, compressed=lambda: size)
        for entry in iter_zip(zf, limits):
            writer.add(entry)
    return writer


def _bundle(source: Path, dest: Path, limits: Limits) -> Writer:
    """Fetch the bundle into a throwaway bare repo (no hooks, fsck on), stream its tree as tar."""
    with tempfile.TemporaryDirectory(prefix="bundle-", dir=dest.parent) as tmp:
        repo = Path(tmp)
        git_bytes(repo, "init", "-q", "--bare", ".", internal=True, bulk=True)
        heads = git_bytes(
            repo, "bundle", "list-heads", str(source.resolve()), internal=True, hostile=True, bulk=True
        ).decode("utf-8", "replace")
        commit = _pick_head(heads, source)
        git_bytes(
            repo,
            "-c",
            "transfer.fsckObjects=true",
            "fetch",
            "-q",
            "--no-tags",
            str(source.resolve()),
            f"{commit}:refs/heads/serah-terima",
            internal=True,
            hostile=True,
            bulk=True,
        )
        proc = popen_git(
            repo,
            "archive",
            "--format=tar",
            "refs/heads/serah-terima",
            internal=True,
            hostile=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert proc.stdout is not None
        writer = Writer(dest, limits)
        try:
            for entry in iter_tar(proc.stdout):
                writer.add(entry)
        finally:
            proc.stdout.close()
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=GIT_TIMEOUT)
    return writer


def _pick_head(heads: str, source: Path) -> str:
    refs = [line.split(" ", 1) for line in heads.splitlines() if " " in line]
    for sha, ref in refs:
        if ref == "HEAD":
            return sha
    if len(refs) == 1:
        return refs[0][0]
    raise InputError("handover.bundle-head", file=str(source), refs=", ".join(r for _, r in refs) or "-")
