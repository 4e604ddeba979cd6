"""The trust of certificate-signed backups, kept OUTSIDE the registry and the backup.

    DIR/*.pem           trust anchors (the PSrE / BSrE roots the Pemda accepts), PEM
    DIR/crl/*           CRLs (DER or PEM) of those CAs, refreshed while a network is present
    DIR/operators.yaml  the backup operators who may sign a manifest with a certificate (NIP/NIK)

``DIR`` is ``--trust-backup DIR``, else ``$REPOSPBE_BACKUP_TRUST``, else ``/etc/repospbe/backup_trust``
when it exists. A restore must not trust the backup's own contents: a trust directory, or any
file in it, that resolves inside the backup root (or the registry being backed up, or the output
of ``backup create``) is refused, links included.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from repospbe.backup.operators import OPERATORS_FILE, Operator, load_operators
from repospbe.errors import InputError
from repospbe.pki.trust import CRL_DIR, TRUST_DIR, TrustStore, from_files

SYSTEM_TRUST = Path("/etc/repospbe/backup_trust")
ENV = "REPOSPBE_BACKUP_TRUST"
_MAX_FILES = 200


@dataclass(frozen=True)
class BackupTrust:
    """The anchors, CRLs and operators of one trust directory."""

    directory: Path
    store: TrustStore
    operators: tuple[Operator, ...]

    def operator(self, number: str) -> Operator | None:
        """The operator whose NIP/NIK (``NIP:<digits>``) is ``number``."""
        return next((o for o in self.operators if number and o.identitas == number), None)


def locate(explicit: Path | None, system: Path = SYSTEM_TRUST) -> Path | None:
    """The trust directory named (option, then environment), else the system one when present."""
    if explicit is not None:
        return explicit
    env = os.environ.get(ENV, "")
    if env:
        return Path(env)
    return system if system.is_dir() else None


def backup_area(root: Path) -> list[Path]:
    """What a trust directory must stay out of when ``root`` is verified: the backup root, and
    the directory holding the set when ``root`` is one set (its chain lives beside it)."""
    area = [root]
    if (root / "manifest.json").is_file():
        area.append(root.parent)
    return area


def _inside(path: Path, forbidden: Sequence[Path]) -> Path | None:
    real = path.resolve()
    for place in forbidden:
        top = place.resolve()
        if real == top or real.is_relative_to(top):
            return place
    return None


def _refuse_inside(path: Path, directory: Path, forbidden: Sequence[Path]) -> None:
    place = _inside(path, forbidden)
    if place is not None:
        raise InputError("backup.trust-inside", dir=str(directory), entry=str(path), area=str(place))


def _entries(directory: Path) -> list[tuple[str, Path]]:
    found = [(f"{TRUST_DIR}/{p.name}", p) for p in sorted(directory.glob("*.pem"))]
    crl = directory / "crl"
    if crl.is_dir():
        found += [(f"{CRL_DIR}/{p.name}", p) for p in sorted(crl.iterdir()) if not p.name.startswith(".")]
    if len(found) > _MAX_FILES:
        raise InputError("backup.trust-unreadable", dir=str(directory), entry=f"> {_MAX_FILES}")
    return found


def ensure_outside(directory: Path, forbidden: Sequence[Path]) -> None:
    """InputError when ``directory``, its ``crl/``, or a file in them resolves inside ``forbidden``."""
    for path in (directory, directory / "crl", directory / OPERATORS_FILE):
        _refuse_inside(path, directory, forbidden)
    for _, path in _entries(directory):
        _refuse_inside(path, directory, forbidden)


def load_trust(directory: Path, forbidden: Sequence[Path]) -> BackupTrust:
    """The trust of ``directory``; InputError when it is missing, lies (or points) inside
    ``forbidden``, holds an unreadable file, no anchor, or no valid operator list."""
    if not directory.is_dir():
        raise InputError("backup.trust-missing", dir=str(directory))
    ensure_outside(directory, forbidden)
    files: dict[str, bytes] = {}
    for rel, path in _entries(directory):
        try:
            files[rel] = path.read_bytes()
        except OSError:
            raise InputError("backup.trust-unreadable", dir=str(directory), entry=path.name) from None
    store = from_files(files)
    if store.problems:
        raise InputError(
            "backup.trust-unreadable",
            dir=str(directory),
            entry=", ".join(p.removeprefix(f"{TRUST_DIR}/") for p in store.problems),
        )
    if store.empty:
        raise InputError("backup.trust-no-anchor", dir=str(directory))
    return BackupTrust(directory, store, load_operators(directory / OPERATORS_FILE))
