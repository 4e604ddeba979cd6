"""``backup verify``: signatures, digests, bundle completeness and the chain."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from repospbe.backup import gitrepo
from repospbe.backup.certtrust import backup_area, ensure_outside
from repospbe.backup.manifest import MANIFEST, Manifest, digest_of, read_manifest
from repospbe.backup.policy import SetSignatures, SignaturePolicy, judge
from repospbe.backup.sets import list_sets
from repospbe.errors import InputError
from repospbe.findings import Finding, Severity


def _bad(key: str, where: str, **params: Any) -> Finding:
    return Finding.make(key, Severity.HIGH, f"{key}.msg", path=where, hint=f"{key}.hint", **params)


@dataclass(frozen=True)
class Report:
    """What ``backup verify`` found: the policy, each set's signatures, every problem."""

    policy: SignaturePolicy
    sets: tuple[SetSignatures, ...]
    findings: list[Finding]


def _policy(policy: SignaturePolicy | Path) -> SignaturePolicy:
    """A bare path is the SSH backup signers list (what SSH-only callers pass)."""
    return policy if isinstance(policy, SignaturePolicy) else SignaturePolicy(signers=policy)


def verify_report(root: Path, policy: SignaturePolicy | Path) -> Report:
    """Every set under ``root`` judged under ``policy``; no findings means all verified."""
    policy = _policy(policy)
    if policy.trust is not None:  # a restore never trusts the backup's own contents
        ensure_outside(policy.trust.directory, backup_area(root))
    findings: list[Finding] = []
    judged: list[SetSignatures] = []
    sets = list_sets(root)
    for set_dir in sets:
        result, problems = verify_set(set_dir, policy)
        judged += [result] if result else []
        findings += problems
    findings += _verify_chains(sets)
    if not findings:
        findings += _replay(sets)
    return Report(policy, tuple(judged), findings)


def verify_backups(root: Path, policy: SignaturePolicy | Path) -> list[Finding]:
    """Every problem of every set under ``root``; an empty list means all verified."""
    return verify_report(root, policy).findings


def verify_set(set_dir: Path, policy: SignaturePolicy | Path) -> tuple[SetSignatures | None, list[Finding]]:
    try:
        manifest, _ = read_manifest(set_dir)
    except InputError as exc:
        return None, [_bad("backup.manifest-invalid", set_dir.name, error=str(exc.params.get("error", "")))]
    result, out = judge(set_dir, _policy(policy))
    for repo in manifest.repos:
        if repo.bundle:
            out += _check_bundle_file(set_dir, repo.bundle, repo.sha256, repo.size)
    return result, out


def _check_bundle_file(set_dir: Path, bundle: str, sha256: str, size: int) -> list[Finding]:
    path = set_dir / bundle
    where = f"{set_dir.name}/{bundle}"
    if not path.is_file():
        return [_bad("backup.bundle-missing", where, bundle=bundle)]
    if path.stat().st_size != size or gitrepo.sha256_file(path) != sha256:
        return [_bad("backup.bundle-corrupt", where, bundle=bundle)]
    return []


def _verify_chains(sets: list[Path]) -> list[Finding]:
    """Every incremental's previous set exists with the recorded digest; replay each
    chain into scratch repositories so ``git bundle verify`` sees its prerequisites."""
    out: list[Finding] = []
    by_name = {s.name: s for s in sets}
    for set_dir in sets:
        try:
            manifest, _ = read_manifest(set_dir)
        except InputError:
            continue
        if manifest.kind == "incremental":
            prev = by_name.get(manifest.previous) or set_dir.parent / manifest.previous
            if not (prev / MANIFEST).is_file():
                out.append(_bad("backup.chain-gap", set_dir.name, set=set_dir.name, previous=manifest.previous))
            elif digest_of(prev) != manifest.previous_sha256:
                out.append(_bad("backup.chain-digest", set_dir.name, set=set_dir.name, previous=manifest.previous))
    return out


def _replay(sets: list[Path]) -> list[Finding]:
    out: list[Finding] = []
    with tempfile.TemporaryDirectory(prefix="repospbe-verify-") as tmp:
        repos: dict[str, Path] = {}
        for set_dir in sets:
            manifest, _ = read_manifest(set_dir)
            if manifest.kind == "full":
                repos = {}
            out += _replay_set(Path(tmp) / set_dir.name, set_dir, manifest, repos)
    return out


def _replay_set(scratch: Path, set_dir: Path, manifest: Manifest, repos: dict[str, Path]) -> list[Finding]:
    out: list[Finding] = []
    for repo in manifest.repos:
        if not repo.bundle or not (set_dir / repo.bundle).is_file():
            continue
        target = repos.get(repo.name)
        if target is None:
            target = scratch / repo.bundle
            target.mkdir(parents=True)
            gitrepo.init_bare(target)
            repos[repo.name] = target
        ok, detail = gitrepo.bundle_verify(target, set_dir / repo.bundle)
        if not ok:
            out.append(
                _bad("backup.bundle-incomplete", f"{set_dir.name}/{repo.bundle}", bundle=repo.bundle, error=detail)
            )
            continue
        try:
            gitrepo.unbundle(target, set_dir / repo.bundle)
            gitrepo.set_refs(target, repo.refs)
        except InputError as exc:
            out.append(
                _bad(
                    "backup.bundle-incomplete",
                    f"{set_dir.name}/{repo.bundle}",
                    bundle=repo.bundle,
                    error=str(exc.params.get("error", ""))[:200],
                )
            )
    return out
