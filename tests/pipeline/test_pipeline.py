"""scan <opd>/<app>, waivers and pipeline run over a real registry git repository."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from repospbe.pipeline.policy import apply_waivers, load_waivers
from repospbe.pipeline.record import sha256_bytes
from repospbe.pipeline.run import apps_to_scan, not_scanned, run_pipeline
from repospbe.source import SourceCache
from tests.helpers.cli import run_cli
from tests.helpers.git import git, make_repo
from tests.scanners.conftest import RULES

APP_YAML = """id: {app}
nama: Aplikasi Uji
opd: diskominfo
jenis: khusus
fungsi: [uji]
status: pengembangan
deskripsi: Aplikasi untuk menguji pipeline.
sumber:
  repo: registry/sources/diskominfo/{app}.bundle
  commit: {commit}
lisensi: MIT
hak_cipta: Pemerintah Kota Pontianak
"""
SOURCE = {
    "app.py": '"""Aplikasi."""\nimport subprocess\n\n\ndef jalan(cmd):\n    """Jalankan perintah."""\n'
    "    subprocess.call(cmd, shell=True)\n",
    "LICENSE": "MIT License\nCopyright (c) 2026 Pemerintah Kota Pontianak\n",
}


def _add_app(root: Path, tmp_path: Path, app: str, files: dict[str, str]) -> str:
    commit = make_repo(tmp_path / f"src-{app}", files)
    bundle = root / "registry" / "sources" / "diskominfo" / f"{app}.bundle"
    bundle.parent.mkdir(parents=True, exist_ok=True)
    git(tmp_path / f"src-{app}", "bundle", "create", str(bundle), "--all")
    rec = root / "registry" / "apps" / "diskominfo" / app / "app.yaml"
    rec.parent.mkdir(parents=True, exist_ok=True)
    rec.write_text(APP_YAML.format(app=app, commit=commit))
    for doc in ("kebutuhan.md", "kak.md"):  # required for status pengembangan (checks/documents.yaml)
        shutil.copy(root / "registry" / "apps" / "diskominfo" / "si-antrean" / doc, rec.parent / doc)
    return commit


@pytest.fixture
def registry(registry_copy: Path, tmp_path: Path) -> Path:
    shutil.copytree(RULES, registry_copy / "checks" / "semgrep", dirs_exist_ok=True)
    for app in ("satu", "dua"):
        _add_app(registry_copy, tmp_path, app, SOURCE)
    git(registry_copy, "add", "-A")
    git(registry_copy, "commit", "-qm", "two apps")
    return registry_copy


def test_changed_apps_only(registry: Path) -> None:
    every = ["diskominfo/dua", "diskominfo/satu", "diskominfo/si-antrean"]  # si-antrean: the bundled example
    assert apps_to_scan(registry, None) == every
    assert apps_to_scan(registry, {"registry/apps/diskominfo/satu/kak.md"}) == ["diskominfo/satu"]
    assert apps_to_scan(registry, {"registry/sources/diskominfo/dua.bundle"}) == ["diskominfo/dua"]
    assert apps_to_scan(registry, {"checks/semgrep/python.yaml"}) == every


@pytest.mark.slow
def test_scan_app_writes_reports_record_and_exits_1(
    registry: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    res = run_cli(
        capsys,
        "scan",
        "diskominfo/satu",
        "--registry",
        str(registry),
        "--output-dir",
        str(out),
        "--cache-dir",
        str(tmp_path / "cache"),
        "--format",
        "json",
    )
    assert res.code == 1
    report = json.loads(res.out)
    assert ("bandit.B602", "app.py", 7) in [(f["check_id"], f["path"], f["line"]) for f in report["findings"]]
    record = json.loads((out / "pipeline-record.json").read_text())
    [app] = record["apps"]
    assert app["source_tree"] and len(app["source_commit"]) == 40
    assert record["registry_commit"] == git(registry, "rev-parse", "HEAD").strip()
    assert {c["name"]: c["status"] for c in app["checks"]}["bandit"] == "failed"
    for name, digest in record["reports"]:
        assert sha256_bytes((out / name).read_bytes()) == digest
    assert "sbom.cdx.json" in dict(record["reports"])
    assert {t[0] for t in record["tools"]} >= {"repospbe", "semgrep", "bandit", "detect-secrets"}

    waivers = registry / "registry" / "apps" / "diskominfo" / "satu" / "waivers.yaml"
    waivers.write_text(
        "pengecualian:\n"
        "  - temuan: bandit.B602\n    berkas: app.py\n    alasan: Perintah berasal dari konfigurasi tetap.\n"
        "    disetujui_oleh: Kepala Bidang Aptika\n    berlaku_sampai: 2999-12-31\n"
        "  - temuan: bandit.B999\n    alasan: Tidak cocok dengan apa pun di sini.\n"
        "    disetujui_oleh: Kepala Bidang Aptika\n    berlaku_sampai: 2999-12-31\n"
    )
    res = run_cli(
        capsys,
        "scan",
        "diskominfo/satu",
        "--registry",
        str(registry),
        "--cache-dir",
        str(tmp_path / "cache"),
        "--format",
        "json",
    )
    ids = [(f["check_id"], f["line"]) for f in json.loads(res.out)["findings"]]
    assert "bandit.B602" not in [i for i, _ in ids]
    assert ("waiver.applied", 2) in ids and ("waiver.unused", 7) in ids
    assert res.code == 0


def test_waivers_expired_unused_and_invalid(tmp_path: Path, bundled_root: Path) -> None:
    from repospbe.findings import Finding, Severity

    rel = "waivers.yaml"
    (tmp_path / rel).write_text(
        "pengecualian:\n"
        "  - temuan: bandit.B602\n    alasan: Sudah lama sekali dikecualikan.\n"
        "    disetujui_oleh: Aptika\n    berlaku_sampai: 2020-01-01\n"
    )
    waivers, problems = load_waivers(tmp_path, rel, bundled_root)
    finding = Finding.make("bandit.B602", Severity.HIGH, "raw.text", path="a.py", line=3, text="x")
    kept, about = apply_waivers({"bandit": [finding]}, waivers, rel, date(2026, 11, 1))
    assert kept == {"bandit": [finding]} and problems == []
    assert [(f.check_id, f.line, f.severity) for f in about] == [("waiver.expired", 2, Severity.MEDIUM)]
    (tmp_path / rel).write_text("pengecualian:\n  - alasan: pendek\n")
    _, problems = load_waivers(tmp_path, rel, bundled_root)
    assert problems and all(p.check_id == "waiver.invalid" and p.line == 2 for p in problems)


@pytest.mark.slow
def test_pipeline_run_changed_since_scans_only_the_changed_app(registry: Path, tmp_path: Path) -> None:
    base = git(registry, "rev-parse", "HEAD").strip()
    _add_app(registry, tmp_path / "v2", "dua", {**SOURCE, "app.py": '"""Aman."""\n'})
    git(registry, "add", "-A")
    git(registry, "commit", "-qm", "dua v2")
    cache = SourceCache(tmp_path / "cache")
    record, findings = run_pipeline(registry, base, output_dir=tmp_path / "out", cache_dir=cache.directory)
    assert [a.key for a in record.apps] == ["diskominfo/dua"]
    assert record.base_commit == base and record.status == "passed", [f.check_id for f in findings if f.blocks()]
    assert (tmp_path / "out" / "apps" / "diskominfo" / "dua" / "sbom.cdx.json").is_file()
    record_all, findings_all = run_pipeline(registry, None, cache_dir=cache.directory)
    scanned = [a.key for a in record_all.apps if a.source_commit]
    assert scanned == ["diskominfo/dua", "diskominfo/satu", "diskominfo/si-antrean"]
    owed = not_scanned(record_all)["source.not-handed-over"]  # the bundled apps without a handed-over source
    assert len(owed) == 24 and "bagian-hukum/jdih" in owed and len(record_all.apps) == 3 + 24
    assert record_all.status == "failed"
    assert ("bandit.B602", "diskominfo/satu/app.py", 7) in [(f.check_id, f.path, f.line) for f in findings_all]


@pytest.mark.parametrize(
    "lang,scanned,owed",
    [
        (
            "id",
            "Pipeline selesai: 0 aplikasi dipindai, status gagal.",
            "Tidak dipindai, kode sumber belum diserahkan (memblokir): bagian-hukum/jdih.",
        ),
        (
            "en",
            "Pipeline finished: 0 apps scanned, status failed.",
            "Not scanned, source code not handed over (blocking): bagian-hukum/jdih.",
        ),
    ],
)
def test_change_to_app_without_source_is_not_passed(
    registry: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, scanned: str, owed: str
) -> None:
    """The gap predates the change (baseline: info), yet the skipped source stage never reads as passed."""
    base = git(registry, "rev-parse", "HEAD").strip()
    rec = registry / "registry" / "apps" / "bagian-hukum" / "jdih" / "app.yaml"
    rec.write_text(
        rec.read_text(encoding="utf-8").replace("deskripsi: ", "deskripsi: Diperbarui. ", 1), encoding="utf-8"
    )
    git(registry, "commit", "-qam", "jdih: deskripsi")
    out = tmp_path / "out"
    res = run_cli(
        capsys,
        "pipeline",
        "run",
        "--registry",
        str(registry),
        "--changed-since",
        base,
        "--output-dir",
        str(out),
        "--cache-dir",
        str(tmp_path / "cache"),
        "--format",
        "json",
        "--lang",
        lang,
    )
    assert res.code == 1
    assert scanned in res.err and owed in res.err
    record = json.loads((out / "pipeline-record.json").read_text())
    assert record["status"] == "failed"
    assert [
        (a["key"], a["source_commit"], [(c["name"], c["status"], c["detail"]) for c in a["checks"]])
        for a in record["apps"]
    ] == [("bagian-hukum/jdih", "", [("source", "failed", "source.not-handed-over")])]
    found = [(f["check_id"], f["path"], f["line"]) for f in json.loads(res.out)["findings"]]
    assert ("source.not-handed-over", "registry/apps/bagian-hukum/jdih/app.yaml", 8) in found


def test_app_that_owes_no_source_is_named_as_skipped(
    registry: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = git(registry, "rev-parse", "HEAD").strip()
    rec = registry / "registry" / "apps" / "bagian-hukum" / "jdih" / "app.yaml"
    rec.write_text(rec.read_text(encoding="utf-8").replace("status: produksi", "status: usulan", 1), encoding="utf-8")
    git(registry, "commit", "-qam", "jdih: usulan")
    out = tmp_path / "out"
    res = run_cli(
        capsys,
        "pipeline",
        "run",
        "--registry",
        str(registry),
        "--changed-since",
        base,
        "--output-dir",
        str(out),
        "--cache-dir",
        str(tmp_path / "cache"),
        "--lang",
        "en",
    )
    assert (
        "Not scanned, no source required (proposed, retired or maintained by the central/provincial government): "
        "bagian-hukum/jdih." in res.err
    )
    assert "source code not handed over" not in res.err
    record = json.loads((out / "pipeline-record.json").read_text())
    assert [(c["name"], c["status"], c["detail"]) for a in record["apps"] for c in a["checks"]] == [
        ("source", "skipped", "source.not-required")
    ]
