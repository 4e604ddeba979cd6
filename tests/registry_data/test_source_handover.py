"""source.*: the source of every Pemda app in pengembangan/produksi is handed over (6.2.5.2, 6.2.5.3)."""

from __future__ import annotations

import json

import pytest

from tests.helpers.cli import run_cli
from tests.registry_data.conftest import ALL_DOCS, MiniRegistry

APP_YAML = "registry/apps/diskominfo/{}/app.yaml"
CENTRAL = "pemeliharaan:\n  jenis: pusat\n  penyedia: Kementerian Contoh\n"
BASIS = "  dasar: Surat Kementerian Contoh nomor 123/2026 tentang penggunaan aplikasi nasional\n"


def _source_findings(
    capsys: pytest.CaptureFixture[str], mini: MiniRegistry, lang: str = "id"
) -> tuple[int, list[dict[str, object]]]:
    res = run_cli(capsys, "check", "--registry", str(mini.root), "--format", "json", "--lang", lang)
    found = [f for f in json.loads(res.out)["findings"] if str(f["check_id"]).startswith("source.")]
    return res.code, found


@pytest.mark.parametrize("status", ["produksi", "pengembangan"])
def test_no_source_blocks_at_the_status_line(
    mini: MiniRegistry, capsys: pytest.CaptureFixture[str], status: str
) -> None:
    mini.app("tanpa", status=status, docs=ALL_DOCS, source=False)
    code, found = _source_findings(capsys, mini)
    assert code == 1
    assert [(f["check_id"], f["path"], f["line"], f["severity"]) for f in found] == [
        ("source.not-handed-over", APP_YAML.format("tanpa"), 6, "high")
    ]
    assert "belum diserahkan" in str(found[0]["message"])
    assert "repospbe handover ingest" in str(found[0]["hint"]) and "--app diskominfo/tanpa" in str(found[0]["hint"])


def test_english(mini: MiniRegistry, capsys: pytest.CaptureFixture[str]) -> None:
    mini.app("tanpa", source=False)
    _, found = _source_findings(capsys, mini, "en")
    assert "has not been handed over" in str(found[0]["message"])
    assert "Hand the source over" in str(found[0]["hint"])


def test_repo_without_commit_is_not_handed_over(mini: MiniRegistry, capsys: pytest.CaptureFixture[str]) -> None:
    mini.app("tanpa-pin", extra="sumber:\n  repo: https://git.contohkota.go.id/a.git\n")
    _, found = _source_findings(capsys, mini)
    assert [(f["check_id"], f["line"]) for f in found] == [("source.not-handed-over", 9)]


@pytest.mark.parametrize("status", ["usulan", "dihentikan"])
def test_no_source_needed_before_development_or_after_retirement(
    mini: MiniRegistry, capsys: pytest.CaptureFixture[str], status: str
) -> None:
    mini.app("baru", status=status, source=False)
    assert _source_findings(capsys, mini)[1] == []


def test_pinned_source_passes(mini: MiniRegistry, capsys: pytest.CaptureFixture[str]) -> None:
    mini.app("lengkap", docs=ALL_DOCS)
    code, found = _source_findings(capsys, mini)
    assert (code, found) == (0, [])


def test_central_app_with_cited_basis_is_exempt(mini: MiniRegistry, capsys: pytest.CaptureFixture[str]) -> None:
    mini.app("nasional", jenis="umum", source=False, extra=CENTRAL + BASIS)
    assert _source_findings(capsys, mini)[1] == []


def test_provincial_app_with_cited_basis_is_exempt(mini: MiniRegistry, capsys: pytest.CaptureFixture[str]) -> None:
    mini.app("provinsi", jenis="umum", source=False, extra=CENTRAL.replace("pusat", "provinsi") + BASIS)
    assert _source_findings(capsys, mini)[1] == []


def test_exemption_without_basis_is_a_finding(mini: MiniRegistry, capsys: pytest.CaptureFixture[str]) -> None:
    mini.app("klaim", jenis="umum", source=False, extra=CENTRAL)
    code, found = _source_findings(capsys, mini)
    assert code == 1
    assert [(f["check_id"], f["path"], f["line"]) for f in found] == [
        ("source.exemption-without-basis", APP_YAML.format("klaim"), 9)
    ]
    _, found_en = _source_findings(capsys, mini, "en")
    assert "without a basis" in str(found_en[0]["message"])


def test_bundled_registry_reports_every_app_without_source(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.registry_data.conftest import REPO_ROOT

    res = run_cli(capsys, "check", "--registry", str(REPO_ROOT), "--format", "json")
    found = [f for f in json.loads(res.out)["findings"] if str(f["check_id"]).startswith("source.")]
    apps = {str(f["path"]).split("/")[2] + "/" + str(f["path"]).split("/")[3] for f in found}
    assert len(apps) == 24 and "diskominfo/si-antrean" not in apps and "bagian-hukum/jdih" in apps
    # LPSE and SP4N-LAPOR! claim central upkeep without a cited basis: the claim is itself a finding
    assert sorted(str(f["path"]) for f in found if f["check_id"] == "source.exemption-without-basis") == [
        "registry/apps/bpbj/lpse/app.yaml",
        "registry/apps/diskominfo/sp4n-lapor/app.yaml",
    ]
