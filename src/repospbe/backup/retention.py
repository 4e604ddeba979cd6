"""Retention: keep N daily and M monthly sets, shown as a plan before deletion.

A kept incremental set keeps every set of its chain. The plan has a sha256
checksum; deletion happens only when the caller passes that checksum back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from repospbe.backup.gitrepo import remove_tree
from repospbe.backup.sets import chain_of, list_sets
from repospbe.canonical import digest
from repospbe.errors import InputError, PolicyError


@dataclass(frozen=True)
class PrunePlan:
    keep: tuple[str, ...]
    delete: tuple[str, ...]

    @property
    def checksum(self) -> str:
        return digest({"keep": self.keep, "delete": self.delete})


def plan_prune(root: Path, keep_daily: int, keep_monthly: int) -> PrunePlan:
    if keep_daily < 1 and keep_monthly < 1:
        raise InputError("backup.retention-zero")
    sets = list_sets(root)
    names = [s.name for s in sets]
    wanted = _newest_per(names, 8, keep_daily) | _newest_per(names, 6, keep_monthly)
    keep: set[str] = set()
    for set_dir in sets:
        if set_dir.name in wanted:
            keep.update(p.name for p, _ in chain_of(set_dir))
    return PrunePlan(tuple(n for n in names if n in keep), tuple(n for n in names if n not in keep))


def _newest_per(names: list[str], prefix: int, count: int) -> set[str]:
    """Newest set per period (period = first ``prefix`` chars: YYYYMMDD or YYYYMM)."""
    newest: dict[str, str] = {}
    for name in names:
        newest[name[:prefix]] = max(newest.get(name[:prefix], ""), name)
    periods = sorted(newest, reverse=True)[:count]
    return {newest[p] for p in periods}


def apply_prune(root: Path, plan: PrunePlan, checksum: str) -> list[str]:
    if checksum != plan.checksum:
        raise PolicyError("backup.plan-checksum", given=checksum, computed=plan.checksum)
    for name in plan.delete:
        remove_tree(root / name)
    return list(plan.delete)
