"""deploy: plan + checksum, evidence required, signed release record, hook, audit of releases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from repospbe.errors import PolicyError
from repospbe.governance import query
from repospbe.governance import releases as rel
from repospbe.governance.audit import verify
from repospbe.governance.deploy import HOOK_ENV, apply, plan
from repospbe.governance.types import Release
from tests.governance.conftest import Gov
from tests.governance.test_gov_release_gates import APP as EXAMPLE  # noqa: F401
from tests.governance.test_gov_release_gates import merged, merged_template  # noqa: F401 - fixtures
from tests.helpers.cli import run_cli
from tests.helpers.git import git

APP = "registry/apps/diskominfo/si-uji/app.yaml"
APP_YAML = """id: si-uji
nama: Sistem Informasi Uji
opd: diskominfo
jenis: umum
fungsi: [uji-coba]
status: produksi
deskripsi: Aplikasi uji untuk alur rilis.
hosting:
  lokasi: nasional
pemeliharaan:
  jenis: pusat
  penyedia: Kementerian Contoh
  dasar: Surat Kementerian Contoh 800/1/2026 (contoh uji)
"""
MANUAL = """# Manual Penggunaan

## Pendahuluan

Sistem Informasi Uji dipakai Perangkat Daerah untuk mencoba alur rilis. Manual ini menjelaskan akses,
langkah penggunaan sehari-hari, dan tempat meminta bantuan bila ada kendala teknis.

## Akses dan Instalasi

Aplikasi dibuka melalui peramban web pada alamat resmi yang diumumkan Diskominfo. Pengguna masuk dengan
akun dari admin OPD; tidak ada perangkat lunak yang perlu dipasang.

## Penggunaan

Setelah masuk, pengguna memilih menu sesuai tugasnya. Setiap isian wajib dilengkapi sebelum disimpan,
dan setiap perubahan tercatat beserta nama pengguna dan waktunya. Laporan dapat diunduh dari menu laporan
dalam format PDF atau lembar kerja. Pengguna keluar dari aplikasi setelah selesai bekerja.

## Bantuan

Hubungi layanan bantuan Diskominfo melalui surel helpdesk atau telepon kantor pada jam kerja.
"""


@pytest.fixture
def released_app(gov: Gov) -> Gov:
    gov.commit_on("app", {APP: APP_YAML, APP.replace("app.yaml", "manual.md"): MANUAL})
    n = gov.open("app", title="Aplikasi si-uji")
    gov.approve(n, "rahmat")
    gov.approve(n, "siti")
    gov.merge(n)
    return gov


@pytest.mark.slow
def test_plan_then_apply_with_the_approved_checksum(
    merged: Gov, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gov = merged
    log = tmp_path / "deploy.log"
    script = tmp_path / "hook.sh"
    script.write_text(
        f'#!/bin/sh\necho "$REPOSPBE_APP $REPOSPBE_ENV $REPOSPBE_VERSI" >> {log}\nls "$REPOSPBE_DIREKTORI"\n'
    )
    script.chmod(0o755)
    monkeypatch.setenv(HOOK_ENV, str(script))
    p = plan(gov.repo, EXAMPLE, "produksi")
    assert p.data["tindakan"] == "buat" and p.data["bukti"]["mr"] == 1 and p.data["hook"] == [str(script)]
    with pytest.raises(PolicyError) as exc:
        apply(gov.repo, p, "0" * 64, gov.keys["rahmat"])
    assert exc.value.key == "deploy.checksum" and not log.exists()
    with pytest.raises(PolicyError) as exc:
        apply(gov.repo, p, p.checksum, gov.keys["dev"])
    assert exc.value.key == "deploy.not-reviewer"
    path, out = apply(gov.repo, p, p.checksum, gov.keys["agus"])
    assert path == f"rilis/{EXAMPLE}/produksi/0001" and "app.yaml" in out
    assert log.read_text() == f"{EXAMPLE} produksi {p.data['versi']}\n"
    [release] = query.releases(gov.root, EXAMPLE)
    assert release == Release(
        app=EXAMPLE,
        version=p.data["versi"],
        commit=gov.main(),
        time=release.time,
        who="agus",
        verified=True,
        env="produksi",
        merge_commit=gov.main(),
        plan_checksum=p.checksum,
    )
    assert not verify(gov.repo).breaches
    assert plan(gov.repo, EXAMPLE, "produksi").data["tindakan"] == "tetap"


@pytest.mark.slow
def test_failing_hook_writes_no_release(merged: Gov, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(HOOK_ENV, "sh -c 'echo gagal; exit 3'")
    p = plan(merged.repo, EXAMPLE, "produksi")
    with pytest.raises(PolicyError) as exc:
        apply(merged.repo, p, p.checksum, merged.keys["agus"])
    assert exc.value.key == "deploy.hook-failed" and exc.value.params["code"] == 3
    assert rel.load_all(merged.repo) == []


def test_deploy_refused_when_the_last_change_was_a_direct_commit(released_app: Gov) -> None:
    gov = released_app
    gov.write(APP, APP_YAML.replace("Aplikasi uji", "Diubah langsung"))
    git(gov.root, "commit", "-qam", "langsung")
    with pytest.raises(PolicyError) as exc:
        plan(gov.repo, "diskominfo/si-uji", "produksi")
    assert exc.value.key == "deploy.no-evidence"


@pytest.mark.slow
def test_tampered_release_record_is_caught_by_audit(merged: Gov, monkeypatch: pytest.MonkeyPatch) -> None:
    gov = merged
    monkeypatch.setenv(HOOK_ENV, "true")
    p = plan(gov.repo, EXAMPLE, "produksi")
    path, _ = apply(gov.repo, p, p.checksum, gov.keys["agus"])
    [item] = rel.load_all(gov.repo)
    data = item.signed.data
    data["versi"] = "9.9.9"
    gov.repo.append(rel.RELEASE_REF, {f"{path}.json": json.dumps(data).encode()}, "edit\n")
    breaches = verify(gov.repo).breaches
    edit = gov.repo.must_resolve(rel.RELEASE_REF)
    assert [(e.kind, e.check_id or e.detail) for e in breaches] == [
        ("rilis", "audit.release.tanda-tangan"),
        ("bukti-diubah", "audit.evidence-modified"),
    ]
    assert dict(breaches[1].params) == {"commit": edit[:12], "file": f"{path}.json"}


@pytest.mark.slow
def test_deploy_cli_shows_plan_and_applies(
    merged: Gov, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    gov = merged
    monkeypatch.setenv(HOOK_ENV, "true")
    res = run_cli(capsys, "deploy", EXAMPLE, "--registry", str(gov.root), "--format", "json")
    assert res.code == 0
    checksum = json.loads(res.out)["checksum"]
    res = run_cli(
        capsys, "deploy", EXAMPLE, "--registry", str(gov.root), "--terapkan", checksum, "--kunci", str(gov.keys["siti"])
    )
    assert res.code == 0, res.err
    assert f"Rilis dicatat dan ditandatangani: rilis/{EXAMPLE}/produksi/0001" in res.out
    res = run_cli(capsys, "deploy", "bukan-app", "--registry", str(gov.root))
    assert res.code == 2 and "<opd>/<aplikasi>" in res.err


def test_query_api_reports_decisions_and_records_of_an_app(released_app: Gov) -> None:
    decisions = query.decisions(released_app.root, "diskominfo/si-uji")
    assert sorted((d.mr, d.reviewer, d.decision, d.verified, d.counted) for d in decisions) == [
        ("1", "rahmat", "setuju", True, True),
        ("1", "siti", "setuju", True, True),
    ]
    records = query.pipeline_records(released_app.root, "diskominfo/si-uji")
    assert [r.status for r in records] == ["passed"]
    assert query.releases(released_app.root, "diskominfo/si-uji") == []
    kinds = [e.kind for e in query.audit_events(released_app.root)]
    assert sorted(kinds) == ["gabung", "genesis", "persetujuan", "persetujuan"]
