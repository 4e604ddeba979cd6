"""registry/instance.yaml is parsed once, typed, and fails closed; every reader sees the same value."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from repospbe.errors import InputError
from repospbe.governance.gitrepo import Repo
from repospbe.governance.rules import UNREACHABLE, load_rules
from repospbe.ownership.codeowners import generate
from repospbe.pipeline.app import options_for
from repospbe.pipeline.inputs import policy_inputs
from repospbe.registry import load_registry
from repospbe.registry.instance import InstanceConfig, config_of, load_instance
from repospbe.states import ApprovalBasis
from tests.helpers.git import git

INSTANCE = "registry/instance.yaml"


def _edit(root: Path, old: str, new: str) -> None:
    path = root / INSTANCE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _line_of(root: Path, needle: str) -> int:
    lines = (root / INSTANCE).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_bundled_instance_parses(bundled_root: Path) -> None:
    config = load_instance(bundled_root)
    assert config.required_approvals == 2 and config.approver_role == "diskominfo"
    assert config.persetujuan.uji_pada is ApprovalBasis.SOURCE
    assert config.persetujuan.namespace == "repospbe-approval@pontianakkota.go.id"
    assert config.domain == "pontianakkota.go.id" and config.pemda == "Pemerintah Kota Pontianak"
    assert [r.cidr for r in config.pusat_data] == ["192.0.2.0/24", "2001:db8:6105::/48"]
    assert all(r.contoh for r in config.pusat_data)
    assert config.ambang_dokumentasi == 100.0 and config.aturan_dokumen == "checks/documents.yaml"
    assert config.umur_maks_basis_kerentanan == 30
    assert "pengaduan-publik" in config.aplikasi_umum_fungsi
    with pytest.raises(AttributeError):
        config.pemda = "lain"  # type: ignore[misc]  # frozen


def test_missing_approvals_fail_closed_naming_file_and_line(registry_copy: Path) -> None:
    _edit(registry_copy, "  jumlah: 2\n", "")
    with pytest.raises(InputError) as err:
        load_instance(registry_copy)
    assert err.value.key == "config.missing" and err.value.params["field"] == "persetujuan.jumlah"
    # the deepest part that exists: the persetujuan block (its first line)
    assert err.value.params["line"] == _line_of(registry_copy, "persetujuan:") + 1
    text = err.value.render("en")
    assert re.search(rf"registry/instance\.yaml:{err.value.params['line']}: 'persetujuan\.jumlah' is required", text)
    assert "wajib" in err.value.render("id")


@pytest.mark.parametrize("value", ["dua", "0", "11", "true", "1.5"])
def test_invalid_approvals_fail_closed_at_their_line(registry_copy: Path, value: str) -> None:
    _edit(registry_copy, "  jumlah: 2\n", f"  jumlah: {value}\n")
    with pytest.raises(InputError) as err:
        load_instance(registry_copy)
    assert err.value.key == "config.invalid"
    assert err.value.params["line"] == _line_of(registry_copy, "  jumlah:")
    assert f"registry/instance.yaml:{err.value.params['line']}:" in err.value.render("id")


def test_invalid_optional_values_are_refused_not_defaulted(registry_copy: Path) -> None:
    _edit(registry_copy, "ambang_dokumentasi: 100", "ambang_dokumentasi: delapan puluh")
    with pytest.raises(InputError) as err:
        load_instance(registry_copy)
    assert (err.value.key, err.value.params["field"]) == ("config.invalid", "ambang_dokumentasi")


@pytest.mark.parametrize("value", ["0", "366", "tiga puluh", "7.5", "true"])
def test_advisory_age_limit_out_of_range_is_refused_at_its_line(registry_copy: Path, value: str) -> None:
    _edit(registry_copy, "umur_maks_basis_kerentanan: 30", f"umur_maks_basis_kerentanan: {value}")
    with pytest.raises(InputError) as err:
        load_instance(registry_copy)
    assert (err.value.key, err.value.params["field"]) == ("config.invalid", "umur_maks_basis_kerentanan")
    assert err.value.params["line"] == _line_of(registry_copy, "umur_maks_basis_kerentanan:")


def test_advisory_age_limit_reaches_the_scan_options(registry_copy: Path) -> None:
    _edit(registry_copy, "umur_maks_basis_kerentanan: 30", "umur_maks_basis_kerentanan: 7")
    assert options_for(registry_copy).advisory_max_age == 7


def test_unknown_test_basis_is_refused(registry_copy: Path) -> None:
    _edit(registry_copy, "  jumlah: 2\n", "  jumlah: 2\n  uji_pada: keduanya\n")
    with pytest.raises(InputError) as err:
        load_instance(registry_copy)
    assert err.value.params["field"] == "persetujuan.uji_pada" and "hasil-gabung" in err.value.params["expected"]


def test_unreadable_or_not_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        load_instance(tmp_path)
    assert err.value.key == "config.unreadable"
    with pytest.raises(InputError) as err:
        InstanceConfig.from_mapping(["bukan", "pemetaan"], "x.yaml")
    assert err.value.key == "config.unreadable" and err.value.params["file"] == "x.yaml"


def test_parsed_once_per_content(registry_copy: Path) -> None:
    first = load_instance(registry_copy)
    assert load_instance(registry_copy) is first  # same content: the cached value
    _edit(registry_copy, "  jumlah: 2\n", "  jumlah: 3\n")
    assert load_instance(registry_copy).required_approvals == 3


def test_codeowners_governance_and_pipeline_read_the_same_value(registry_copy: Path) -> None:
    """One value, three readers: CODEOWNERS (work tree), governance rules and the pipeline
    snapshot (both from git objects of a commit). They used to default to 1, fail closed and 2."""
    _edit(registry_copy, "  jumlah: 2\n", "  jumlah: 3\n")
    git(registry_copy, "commit", "-qam", "tiga persetujuan")
    head = git(registry_copy, "rev-parse", "HEAD").strip()
    assert "[Diskominfo][3]" in generate(load_registry(registry_copy), date(2026, 1, 1))
    assert load_rules(Repo(registry_copy), head).jumlah == 3
    with policy_inputs(registry_copy, head) as snap:
        assert snap.instance().required_approvals == 3

    _edit(registry_copy, "  jumlah: 3\n", "")
    git(registry_copy, "commit", "-qam", "tanpa jumlah")
    head = git(registry_copy, "rev-parse", "HEAD").strip()
    with pytest.raises(InputError):  # no silent default of 1
        generate(load_registry(registry_copy), date(2026, 1, 1))
    rules = load_rules(Repo(registry_copy), head)
    assert rules.jumlah == UNREACHABLE and "persetujuan.jumlah" in rules.problems
    with policy_inputs(registry_copy, head) as snap, pytest.raises(InputError):
        snap.instance()


def test_config_of_a_loaded_registry(registry_copy: Path) -> None:
    reg = load_registry(registry_copy)
    assert config_of(reg) == load_instance(registry_copy)


def test_from_text_is_the_git_object_path(bundled_root: Path) -> None:
    text = (bundled_root / INSTANCE).read_text(encoding="utf-8")
    assert InstanceConfig.from_text(text) == load_instance(bundled_root)
