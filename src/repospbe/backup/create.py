"""``backup create``: one consistent, signed snapshot of every repository."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from repospbe import __version__
from repospbe.backup import gitrepo
from repospbe.backup.certsign import require_operator_cert, sign_manifest
from repospbe.backup.certtrust import BackupTrust, ensure_outside
from repospbe.backup.manifest import MANIFEST, NAMESPACE, Manifest, RepoEntry, read_manifest
from repospbe.backup.signing import require_accepted_key, sign_file
from repospbe.errors import InputError
from repospbe.git.lock import repo_lock
from repospbe.governance.certsig import CertSigner
from repospbe.registry import load_registry
from repospbe.writefile import write_atomic

_URL = re.compile(r"^(https?://|ssh://|git@)")


@dataclass(frozen=True)
class Source:
    name: str
    role: str
    path: Path | None
    restore_path: str
    origin: str = ""


def discover(root: Path) -> list[Source]:
    """The registry repository plus every source repository its apps reference."""
    found = [Source("registry", "registry", root, ".")]
    reg = load_registry(root)
    for key, record in sorted(reg.apps.items()):
        repo = (record.get("sumber") or {}).get("repo")
        if not isinstance(repo, str):
            continue
        if _URL.match(repo):
            found.append(Source(f"source/{key}", "external", None, "", repo))
            continue
        path = (root / repo).resolve()
        if path.is_file() or not str(path).startswith(str(root.resolve()) + os.sep):
            continue  # a bundle file tracked in the registry travels with the registry bundle
        if path.is_dir():
            found.append(Source(f"source/{key}", "source", path, repo, repo))
    return found


def create_backup(
    root: Path,
    out_root: Path,
    key: Path | None,
    since: Path | None = None,
    now: datetime | None = None,
    *,
    allowed_signers: Path | None = None,
    cert: CertSigner | None = None,
    trust: BackupTrust | None = None,
) -> Path:
    """Write a new set under ``out_root``; return its directory.

    Signed with the SSH ``key`` (``manifest.json.sig``) and/or the certificate ``cert``
    (``manifest.p7s``), over the same manifest bytes. With ``allowed_signers`` (the backup
    signers list ``backup verify`` will use), a key that list would not accept is refused
    before anything is written; with ``trust``, likewise a certificate that does not
    validate now or names no listed operator (and a trust directory inside the registry or
    ``out_root``). The set is assembled in a hidden temporary directory and renamed into
    place only after its manifest is written and signed: a crash or a full disk never
    leaves a set that claims success."""
    _precheck(root, out_root, key, allowed_signers, cert, trust)
    now = now or datetime.now(UTC)
    previous = read_manifest(since.parent if since.name == MANIFEST else since) if since else None
    kind = "incremental" if previous else "full"
    name = now.strftime("%Y%m%dT%H%M%S%fZ") + ("-inc" if previous else "-full")
    out_root.mkdir(parents=True, exist_ok=True)
    tmp = out_root / f".tmp-{name}"
    tmp.mkdir()
    try:
        entries = [_backup_repo(src, tmp, previous[0] if previous else None) for src in discover(root)]
        main = entries[0].refs.get("refs/heads/main", "")
        manifest = Manifest(
            kind=kind,
            created=now.isoformat(timespec="seconds"),
            tool_version=__version__,
            registry_main=main,
            repos=tuple(entries),
            previous=_set_name(since) if since else "",
            previous_sha256=gitrepo.sha256_bytes(previous[1]) if previous else "",
        )
        write_atomic(tmp / MANIFEST, manifest.to_bytes())
        if key is not None:
            sign_file(tmp / MANIFEST, key, NAMESPACE)
        if cert is not None:
            sign_manifest(tmp / MANIFEST, cert)
        final = out_root / name
        os.rename(tmp, final)
        return final
    except BaseException:
        gitrepo.remove_tree(tmp)
        raise


def _precheck(
    root: Path,
    out_root: Path,
    key: Path | None,
    allowed_signers: Path | None,
    cert: CertSigner | None,
    trust: BackupTrust | None,
) -> None:
    """Refuse, before anything is written, a set nobody could verify."""
    if key is None and cert is None:
        raise InputError("backup.no-signer")
    if key is not None and allowed_signers is not None:
        require_accepted_key(key, allowed_signers, NAMESPACE)
    if cert is not None and trust is not None:
        ensure_outside(trust.directory, [root, out_root])
        require_operator_cert(cert, trust)


def _set_name(since: Path) -> str:
    return (since.parent if since.name == MANIFEST else since).name


def _backup_repo(src: Source, tmp: Path, previous: Manifest | None) -> RepoEntry:
    if src.path is None:
        return RepoEntry(src.name, src.role, src.restore_path, {}, origin=src.origin)
    gdir = gitrepo.git_dir(src.path)
    with repo_lock(gdir):
        refs = gitrepo.read_refs(src.path)
    prev = previous.repo(src.name) if previous else None
    exclude = sorted({s for s in (prev.refs.values() if prev else ()) if _exists(src.path, s)})
    bundle_name = src.name.replace("/", "__") + ".bundle"
    dest = tmp / bundle_name
    if not refs or not gitrepo.create_bundle(src.path, refs, exclude, dest):
        return RepoEntry(src.name, src.role, src.restore_path, refs, origin=src.origin, prerequisites=tuple(exclude))
    return RepoEntry(
        src.name,
        src.role,
        src.restore_path,
        refs,
        bundle=bundle_name,
        sha256=gitrepo.sha256_file(dest),
        size=dest.stat().st_size,
        prerequisites=tuple(exclude),
        origin=src.origin,
    )


def _exists(repo: Path, sha: str) -> bool:
    return gitrepo.has_object(repo, sha)


def require_key(key: Path) -> Path:
    if not key.is_file():
        raise InputError("backup.key-missing", key=str(key))
    return key
