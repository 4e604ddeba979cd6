"""Which files a check run covers: everything, given paths, or what changed."""

from __future__ import annotations

import os
from pathlib import Path

from repospbe.errors import InputError
from repospbe.git.util import changed_paths
from repospbe.registry.paths import CHECKS_DIR, REGISTRY_DIR, app_key, kind_of

# A change to any of these can change the verdict on every record: check all.
_GLOBAL_PREFIXES = ("checks/", "registry/instance.yaml", "registry/reviewers.yaml", "registry/trust/")
# Records others refer to by name: deleting one can break any other record.
_REFERENCED_KINDS = ("opd", "subdomain", "app")


def from_paths(root: Path, paths: list[Path]) -> frozenset[str] | None:
    """Files under the given paths (relative to cwd), as repo-relative paths.

    A path outside the repository, or inside it but outside ``registry/`` and
    ``checks/``, is a usage error. A path that passes through a symbolic link
    selects the link itself, so the walk reports it; the link is never followed."""
    if not paths:
        return None
    selected: set[str] = set()
    for raw in paths:
        rel = _relative(root, raw)
        if rel == ".":
            return None
        full = root / rel
        link = _first_link(root, rel)
        if link is not None:
            selected.add(link)
            continue
        if not full.exists():
            raise InputError("path.missing", path=str(raw))
        selected.update(_files_under(root, rel))
    return expand(root, selected)


def _relative(root: Path, raw: Path) -> str:
    """``raw`` (relative to cwd, or failing that to ``root``) as a repo-relative path inside
    ``registry/`` or ``checks/``; InputError otherwise."""
    full = Path(os.path.abspath(raw))
    if not raw.is_absolute() and not _inside(root, full) and not full.exists():
        full = Path(os.path.abspath(root / raw))  # e.g. `--registry R check registry/apps/x/y` from elsewhere
    if not _inside(root, full):
        raise InputError("path.outside", path=str(raw), root=str(root))
    rel = full.relative_to(root).as_posix()
    if rel != "." and rel.split("/", 1)[0] not in (REGISTRY_DIR, CHECKS_DIR):
        raise InputError("path.not-registry", path=str(raw))
    return rel


def _inside(root: Path, full: Path) -> bool:
    return full == root or root in full.parents


def report_scope(root: Path, paths: list[Path]) -> tuple[str, ...] | None:
    """The repo-relative paths a report is limited to (``None``: the whole registry).

    The checks may run wider (a changed policy file re-checks everything), but
    ``repospbe check registry/reviewers.yaml`` reports only findings on that path."""
    rels = [_relative(root, raw) for raw in paths]
    if not rels or "." in rels:
        return None
    # a path through a symbolic link is reported on the link (where the finding is)
    return tuple(_first_link(root, rel) or rel for rel in rels)


def in_scope(path: str, scope: tuple[str, ...] | None) -> bool:
    """Whether a finding on ``path`` belongs in a report limited to ``scope``; a finding
    on no file (a crashed check) is always reported."""
    if scope is None or not path:
        return True
    return any(path == s or path.startswith(s.rstrip("/") + "/") for s in scope)


def expand(root: Path, changed: set[str]) -> frozenset[str] | None:
    """Widen a set of changed files to what must be re-checked with them.

    A changed app file brings the whole app directory (documents depend on the
    record); a changed policy file, or a deleted record others may name, means
    everything."""
    if any(p.startswith(_GLOBAL_PREFIXES) for p in changed):
        return None
    if any(kind_of(p) in _REFERENCED_KINDS and not os.path.lexists(root / p) for p in changed):
        return None
    out = set(changed)
    for key in {k for p in changed if (k := app_key(p))}:
        out.update(_files_under(root, f"registry/apps/{key}"))
    return frozenset(out)


def _first_link(root: Path, rel: str) -> str | None:
    """The first component of ``rel`` (under ``root``) that is a symbolic link."""
    parts = rel.split("/")
    for i in range(1, len(parts) + 1):
        prefix = "/".join(parts[:i])
        if os.path.islink(root / prefix):
            return prefix
    return None


def _files_under(root: Path, rel: str) -> set[str]:
    full = root / rel
    if not full.is_dir() or full.is_symlink():
        return {rel}
    out: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(full):
        dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
        base = Path(dirpath).relative_to(root).as_posix()
        out.update(f"{base}/{name}" for name in filenames)
        out.update(f"{base}/{d}" for d in dirnames)
    out.add(rel)
    return out


def changed_apps(root: Path, changed: set[str]) -> list[str]:
    """``opd/app`` keys touched by ``changed`` (record, documents or source bundle),
    limited to apps that still exist; sorted."""
    keys: set[str] = set()
    for rel in changed:
        key = app_key(rel)
        if key:
            keys.add(key)
        parts = rel.split("/")
        if len(parts) == 4 and parts[:2] == ["registry", "sources"] and parts[3].endswith(".bundle"):
            keys.add(f"{parts[2]}/{parts[3][:-7]}")
    return sorted(k for k in keys if (root / "registry" / "apps" / k / "app.yaml").is_file())


def select(root: Path, paths: list[Path], changed_since: str | None) -> frozenset[str] | None:
    """What ``repospbe check`` checks: the given paths, narrowed to what changed since a ref
    (``None``: everything)."""
    selection = from_paths(root, paths)
    if not changed_since:
        return selection
    changed = expand(root, changed_paths(root, changed_since))
    return changed if selection is None else (selection & changed if changed is not None else selection)
