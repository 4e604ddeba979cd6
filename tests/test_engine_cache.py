"""``engine.run_checks(reg, cache=...)``: the cacheable checks run only over the apps the cache
does not know, and the findings are exactly those of a run without a cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.gen_registry import generate
from repospbe.engine import CACHEABLE_CHECKS, cache_basis, run_checks
from repospbe.findings import Finding
from repospbe.registry import load_registry


class DictCache:
    """The smallest ``FindingsCache``: what was stored, by app."""

    def __init__(self) -> None:
        self.kept: dict[str, dict[str, list[Finding]]] = {}
        self.asked: list[str] = []

    def cached(self, key: str) -> dict[str, list[Finding]] | None:
        self.asked.append(key)
        return self.kept.get(key)

    def store(self, key: str, findings: dict[str, list[Finding]]) -> None:
        self.kept[key] = findings


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("gen") / "reg"
    generate(12, root)
    apps = sorted((root / "registry/apps").glob("*/*"))
    kak = apps[0] / "kak.md"
    kak.write_text(kak.read_text(encoding="utf-8") + "\n[ISI: belum ditulis]\nLorem ipsum dolor sit amet.\n")
    first = next(apps[1].glob("*.md"))
    first.write_text("# Judul saja\n", encoding="utf-8")
    record = apps[2] / "app.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("status: produksi", "status: entah"))
    return root


def test_a_cached_run_gives_the_findings_of_a_run_without_cache(root: Path) -> None:
    want = run_checks(load_registry(root))
    assert {f.check_id for f in want} & {"doc.placeholder", "doc.lorem", "doc.section-missing"}
    cache = DictCache()
    assert run_checks(load_registry(root), cache=cache) == want  # nothing known: everything runs
    assert len(cache.kept) == 12 and all(set(v) == set(CACHEABLE_CHECKS) for v in cache.kept.values())
    assert sum(len(items) for v in cache.kept.values() for items in v.values()) > 0
    stored = dict(cache.kept)
    assert run_checks(load_registry(root), cache=cache) == want  # everything known: taken from the cache
    assert cache.kept == stored


def test_a_cache_holding_a_finding_of_another_app_is_not_used(root: Path) -> None:
    want = run_checks(load_registry(root))
    cache = DictCache()
    run_checks(load_registry(root), cache=cache)
    keys = sorted(cache.kept)
    alien = Finding.make("doc.lorem", want[0].severity, path=f"registry/apps/{keys[1]}/kak.md", line=1)
    cache.kept[keys[0]] = {**cache.kept[keys[0]], "documents": [alien]}
    del cache.kept[keys[1]]  # asked again: its run would report the finding the cache claims too
    assert run_checks(load_registry(root), cache=cache) == want


def test_an_entry_missing_a_check_is_computed_again(root: Path) -> None:
    want = run_checks(load_registry(root))
    cache = DictCache()
    run_checks(load_registry(root), cache=cache)
    key = sorted(cache.kept)[0]
    cache.kept[key] = {"documents": []}  # the copyright findings unknown
    assert run_checks(load_registry(root), cache=cache) == want
    assert set(cache.kept[key]) == set(CACHEABLE_CHECKS)


def test_the_basis_follows_every_registry_wide_input(root: Path, tmp_path: Path) -> None:
    reg = load_registry(root)
    basis = cache_basis(reg)
    assert cache_basis(load_registry(root)) == basis
    lisensi = root / "checks" / "lisensi.yaml"
    before = lisensi.read_bytes()
    try:
        lisensi.write_bytes(before + b"\n# diubah\n")
        assert cache_basis(load_registry(root)) != basis
    finally:
        lisensi.write_bytes(before)
    instance = root / "registry/instance.yaml"
    text = instance.read_text(encoding="utf-8")
    try:
        instance.write_text(text + "# diubah\n", encoding="utf-8")
        assert cache_basis(load_registry(root)) != basis
    finally:
        instance.write_text(text, encoding="utf-8")
    assert cache_basis(load_registry(root)) == basis
