"""Judge a change (base..head) against the opener's roles."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

from repospbe.findings import Finding, Severity
from repospbe.git.runner import git_text
from repospbe.git.snapshot import registry_at
from repospbe.git.util import hook_quarantine
from repospbe.ownership.members import Role, normalise_key, roles_of
from repospbe.ownership.rules import Authority, needed
from repospbe.registry import load_registry
from repospbe.registry.paths import app_key


def changed(root: Path, base: str, head: str, env: Mapping[str, str] | None = None) -> list[str]:
    out = git_text(root, "diff", "--name-only", "--no-renames", "-z", base, head, "--", env=env)
    return sorted(p for p in out.split("\0") if p)


def check_change(
    root: Path, base: str, head: str, opener_key: str, today: date, env: Mapping[str, str] | None = None
) -> list[Finding]:
    """Findings for every path the opener may not touch (empty list: allowed).

    ``env``: explicit git variables; by default a pre-receive hook's quarantine of ``root``
    (``gitutil.hook_quarantine``), so the hook sees the pushed objects."""
    env = hook_quarantine(root) if env is None else env
    paths = changed(root, base, head, env)
    parts = _parts_needed(paths, _records_naming(root, base, opener_key, env))
    with registry_at(root, base, parts, env) as b, registry_at(root, head, parts, env) as h:
        base_reg, head_reg = load_registry(b), load_registry(h)
    roles = roles_of(base_reg, opener_key)  # an SSH key, or a certificate's NIP (opening signed with it)
    opener = (
        ", ".join(f"{r.kind}:{r.member}" + (f"@{r.app or r.opd}" if r.opd else "") for r in roles)
        or normalise_key(opener_key)[:40]
    )
    active = [r for r in roles if r.active(today)]
    if not active:
        key = "owner.vendor-expired" if roles else "owner.unknown-opener"
        return [Finding.make(key, Severity.HIGH, f"{key}.msg", hint=f"{key}.hint", opener=opener)]
    findings = []
    for path in paths:
        for auth in needed(path, base_reg, head_reg):
            if not any(_holds(r, auth) for r in active):
                findings.append(
                    Finding.make(
                        "owner.forbidden",
                        Severity.HIGH,
                        "owner.forbidden.msg",
                        path=path,
                        hint=f"owner.rule.{auth.rule}",
                        owner=auth.target or "Diskominfo",
                        opener=opener,
                        rule=auth.rule,
                    )
                )
    return findings


def _holds(role: Role, auth: Authority) -> bool:
    if role.kind == "diskominfo":
        return True
    if auth.kind == "app":
        if role.kind == "vendor":
            return role.app == auth.target
        return role.kind == "maintainer" and role.opd == auth.target.split("/")[0]
    if auth.kind == "opd":
        return role.kind == "maintainer" and role.opd == auth.target
    return False


def _parts_needed(paths: list[str], naming_opener: list[str]) -> tuple[str, ...]:
    """Membership (instance, reviewers, OPD records), the app records that name the opener
    (vendors) and the records the change touches: never the documents, never every app, so
    the cost follows the change, not the registry's size."""
    parts = {"registry/instance.yaml", "registry/reviewers.yaml", "registry/opd", *naming_opener}
    for path in paths:
        key = app_key(path)
        pieces = path.split("/")
        if key is None and len(pieces) == 4 and pieces[:2] == ["registry", "sources"]:
            key = f"{pieces[2]}/{pieces[3].removesuffix('.bundle')}"
        if key:
            parts.add(f"registry/apps/{key}/app.yaml")
        elif len(pieces) == 3 and pieces[:2] == ["registry", "subdomains"]:
            parts.add(path)
    return tuple(sorted(parts))


def _records_naming(root: Path, ref: str, opener_key: str, env: Mapping[str, str] | None) -> list[str]:
    """App records at ``ref`` that contain the opener's key (``git grep`` on the tree, no checkout)."""
    body = normalise_key(opener_key).split(" ")[-1]
    if len(body) < 32:
        return []
    out = git_text(root, "grep", "-l", "-F", "-e", body, ref, "--", "registry/apps/*/*/app.yaml", check=False, env=env)
    return sorted({line.split(":", 1)[1] for line in out.splitlines() if ":" in line})
