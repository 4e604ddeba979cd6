"""The merge-request baseline extracts only the selected apps and the context, yet finds
exactly what a check over the whole registry at the base finds for that selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from repospbe.engine import run_checks
from repospbe.git.snapshot import registry_at
from repospbe.pipeline.baseline import target_findings
from repospbe.registry import load_registry
from repospbe.selection import expand
from tests.helpers.git import commit_all, rev_parse, write_files


def _full(root: Path, base: str, selection: frozenset[str] | None) -> set[str]:
    with registry_at(root, base, ("registry", "checks")) as snap:
        return {f.fingerprint for f in run_checks(load_registry(snap, selection))}


@pytest.mark.parametrize(
    "rel",
    [
        "registry/apps/diskominfo/si-antrean/app.yaml",
        "registry/apps/diskominfo/si-antrean/kak.md",
        "registry/apps/bkd/simakda/app.yaml",
    ],
)
def test_partial_baseline_equals_the_whole_registry_at_base(registry_copy: Path, rel: str) -> None:
    base = rev_parse(registry_copy)
    path = registry_copy / rel
    write_files(registry_copy, {rel: path.read_text(encoding="utf-8") + "\n# diubah\n"})
    commit_all(registry_copy, "ubah")
    selection = expand(registry_copy, {rel})
    assert selection is not None
    partial = target_findings(registry_copy, base, selection)
    assert partial, "the bundled registry has findings at base"
    assert partial == _full(registry_copy, base, selection)


def test_an_app_added_by_the_change_is_not_named_at_base(registry_copy: Path) -> None:
    base = rev_parse(registry_copy)
    src = registry_copy / "registry/apps/diskominfo/si-antrean/app.yaml"
    rel = "registry/apps/diskominfo/si-antrean-dua/app.yaml"
    write_files(registry_copy, {rel: src.read_text(encoding="utf-8").replace("id: si-antrean", "id: si-antrean-dua")})
    commit_all(registry_copy, "tambah")
    selection = expand(registry_copy, {rel})
    assert selection is not None
    assert target_findings(registry_copy, base, selection) == _full(registry_copy, base, selection)


def test_an_unselected_app_with_the_same_id_is_known_at_base(registry_copy: Path) -> None:
    src = registry_copy / "registry/apps/diskominfo/si-antrean/app.yaml"
    write_files(registry_copy, {"registry/apps/bkd/si-antrean/app.yaml": src.read_text(encoding="utf-8")})
    commit_all(registry_copy, "salinan")
    base = rev_parse(registry_copy)
    write_files(registry_copy, {"registry/apps/diskominfo/si-antrean/app.yaml": src.read_text() + "\n# diubah\n"})
    commit_all(registry_copy, "ubah")
    selection = expand(registry_copy, {"registry/apps/diskominfo/si-antrean/app.yaml"})
    assert selection is not None
    partial = target_findings(registry_copy, base, selection)
    with registry_at(registry_copy, base, ("registry", "checks")) as snap:
        duplicate = [f for f in run_checks(load_registry(snap, selection)) if f.check_id == "ref.app-duplicate"]
    assert duplicate and {f.fingerprint for f in duplicate} <= partial
    assert partial == _full(registry_copy, base, selection)


def test_an_unselected_record_rewritten_in_the_work_tree_does_not_move_the_baseline(registry_copy: Path) -> None:
    """The baseline reads an unselected app record from the objects at base, not from the checkout.

    At base, bkd owns a subdomain named ``absen``: no bkd app is called that, a naming finding. A job
    that ran before the pipeline (or anyone who can write the checkout) gives another bkd app, which
    the change does not touch, the alias ``absen`` without committing it. Read from the work tree,
    the base would lose its naming finding; the same finding in the change would then look old."""
    sub = (registry_copy / "registry/subdomains/data.yaml").read_text(encoding="utf-8")
    sub = sub.replace("opd: diskominfo", "opd: bkd").replace("app: satu-data-pontianak", "app: simakda")
    write_files(registry_copy, {"registry/subdomains/absen.yaml": sub})
    commit_all(registry_copy, "subdomain absen")
    base = rev_parse(registry_copy)
    write_files(registry_copy, {"registry/subdomains/absen.yaml": sub.replace("tujuan: ", "tujuan: (diubah) ")})
    commit_all(registry_copy, "ubah subdomain")
    selection = expand(registry_copy, {"registry/subdomains/absen.yaml"})
    assert selection is not None and "registry/apps/bkd/sima/app.yaml" not in selection
    honest = _full(registry_copy, base, selection)
    planted = registry_copy / "registry/apps/bkd/sima/app.yaml"
    planted.write_text(planted.read_text(encoding="utf-8") + "singkatan: [absen]\n", encoding="utf-8")
    partial = target_findings(registry_copy, base, selection)
    assert partial == honest
    with registry_at(registry_copy, base, ("registry", "checks")) as snap:
        naming = [f for f in run_checks(load_registry(snap, selection)) if f.check_id == "subdomain.naming"]
    assert naming and {f.fingerprint for f in naming} <= partial
