"""Builders for vendor deliveries, benign and hostile, written small and fast."""

from __future__ import annotations

import io
import stat
import tarfile
import zipfile
from pathlib import Path


def tar_member(
    name: str, data: bytes = b"", *, kind: bytes = tarfile.REGTYPE, link: str = "", mode: int = 0o644
) -> tuple[tarfile.TarInfo, bytes | None]:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.mode = mode
    info.linkname = link
    if kind == tarfile.REGTYPE:
        info.size = len(data)
        return info, data
    if kind == tarfile.CHRTYPE:
        info.devmajor, info.devminor = 1, 3
    return info, None


def make_tar(path: Path, members: list[tuple[tarfile.TarInfo, bytes | None]], mode: str = "w:gz") -> Path:
    with tarfile.open(path, mode, format=tarfile.PAX_FORMAT) as tf:
        for info, data in members:
            tf.addfile(info, io.BytesIO(data) if data is not None else None)
    return path


def make_zip(path: Path, entries: list[tuple[str, bytes, int | None]], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """``entries``: (name, data, unix mode or None); the name is written as given."""
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data, unix_mode in entries:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = compression
            if unix_mode is not None:
                info.external_attr = unix_mode << 16
            zf.writestr(info, data)
    return path


def zip_symlink(name: str, target: str) -> tuple[str, bytes, int]:
    return name, target.encode(), stat.S_IFLNK | 0o777


SAMPLE = {
    "LICENSE": b"MIT License\n\nCopyright (c) 2026 Pemerintah Kota Pontianak\n",
    "index.php": b"<?php\n// Halaman utama\necho 'halo';\n",
    "app/Layanan.php": b"<?php\n/** Layanan antrean. */\nclass Layanan {}\n",
    "composer.json": b'{"scripts": {"test": "phpunit"}}\n',
    "bin/run.sh": b"#!/bin/sh\necho run\n",
}


def sample_dir(root: Path) -> Path:
    for rel, data in SAMPLE.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (root / "bin/run.sh").chmod(0o755)
    return root


def sample_zip(path: Path) -> Path:
    return make_zip(
        path, [(rel, data, (stat.S_IFREG | (0o755 if rel.endswith(".sh") else 0o644))) for rel, data in SAMPLE.items()]
    )


def sample_tar(path: Path, mode: str = "w:gz") -> Path:
    return make_tar(
        path,
        [tar_member(rel, data, mode=0o755 if rel.endswith(".sh") else 0o644) for rel, data in SAMPLE.items()],
        mode,
    )
