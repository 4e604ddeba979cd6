"""`repospbe new app`: defaults, odd inputs, refusals, and what the rendered app contains."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from repospbe.engine import check_registry
from tests.helpers.cli import run_cli
from tests.helpers.git import REPO_ROOT

DOCS = ("kebutuhan", "kak", "pengujian", "manual", "bast")


def new_app(capsys: pytest.CaptureFixture[str], root: Path, tmp_path: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli(capsys, "new", "app", "--registry", str(root), "--sumber", str(tmp_path / "kode"), *args)


def app_files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in (root / "registry/apps").rglob("*") if p.is_file()}


def test_defaults_render_a_schema_valid_app_with_unfinished_documents(
    treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    res = new_app(capsys, treg, tmp_path, "--opd", "diskominfo", "--nama", "Aplikasi Contoh", "--no-input")
    assert res.code == 0, res.err
    base = "registry/apps/diskominfo/aplikasi-contoh"
    assert app_files(treg) >= {f"{base}/app.yaml", *(f"{base}/{d}.md" for d in DOCS)}
    record = yaml.safe_load((treg / base / "app.yaml").read_text("utf-8"))
    assert record["templat"] == {"nama": "aplikasi-khusus", "versi": "1.1.0"}
    assert (record["jenis"], record["status"], record["hak_cipta"]) == ("khusus", "usulan", "Pemerintah Kota Pontianak")
    for doc in DOCS:  # the Pemda's copyright on every document (6.2.5.2): no copyright.document finding later
        assert "Hak cipta © Pemerintah Kota Pontianak" in (treg / base / f"{doc}.md").read_text("utf-8")
    findings = check_registry(treg)
    mine = [f for f in findings if f.path.startswith(base)]
    assert not [f for f in mine if f.check_id.startswith(("schema.", "ref.", "yaml.", "layout.", "copyright."))]
    assert "Langkah berikutnya" in res.out and "repospbe check registry/apps/diskominfo/aplikasi-contoh" in res.out


@pytest.mark.skipif(
    not (REPO_ROOT / "checks/documents.yaml").is_file(),
    reason="aturan dokumen (checks/documents.yaml, issue registri) belum tergabung",
)
def test_untouched_documents_are_reported_unfinished(
    treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new_app(capsys, treg, tmp_path, "--opd", "diskominfo", "--nama", "Aplikasi Contoh").code == 0
    base = "registry/apps/diskominfo/aplikasi-contoh"
    mine = [f for f in check_registry(treg) if f.path.startswith(base)]
    for doc in ("kebutuhan", "kak"):  # required at usulan: block
        assert [f for f in mine if f.path == f"{base}/{doc}.md" and f.blocks()], doc
    for doc in ("pengujian", "manual", "bast"):  # required only later: reported, not blocking
        found = [f for f in mine if f.path == f"{base}/{doc}.md"]
        assert found and not [f for f in found if f.blocks()], doc
    res = run_cli(capsys, "check", "--registry", str(treg), str(treg / base))
    assert res.code == 1


def test_documents_follow_the_shared_convention(treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new_app(capsys, treg, tmp_path, "--opd", "diskominfo", "--nama", "Si Loket").code == 0
    rules = (
        yaml.safe_load((treg / "checks/documents.yaml").read_text("utf-8"))
        if (treg / "checks/documents.yaml").is_file()
        else None
    )
    base = treg / "registry/apps/diskominfo/si-loket"
    for doc in DOCS:
        text = (base / f"{doc}.md").read_text("utf-8")
        assert "> Panduan:" in text and "[ISI" in text, doc
        if rules:
            for section in rules["dokumen"][doc]["bagian"]:
                assert f"## {section['judul']}\n" in text, (doc, section["judul"])


def test_starter_source_has_license_ci_and_a_test_command_that_works(
    treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new_app(capsys, treg, tmp_path, "--opd", "diskominfo", "--nama", "Si Loket").code == 0
    src = tmp_path / "kode"
    assert (
        "Copyright (c) " in (src / "LICENSE").read_text()
        and "Pemerintah Kota Pontianak" in (src / "LICENSE").read_text()
    )
    ci = yaml.safe_load((src / ".gitlab-ci.yml").read_text())
    assert ci["include"][0]["file"] == "/pipelines/gitlab/app.yml"
    record = yaml.safe_load((treg / "registry/apps/diskominfo/si-loket/app.yaml").read_text())
    assert record["lisensi"] == "MIT"
    cmd = record["perintah_uji"].split()
    assert cmd[0] == "python3"
    proc = subprocess.run([sys.executable, *cmd[1:]], cwd=src, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "Ran 6 tests" in proc.stderr
    log = subprocess.run(["git", "log", "--format=%s"], cwd=src, capture_output=True, text=True, check=True).stdout
    assert log.strip() == "Kode awal Si Loket dari templat"


def test_unicode_name_kept_and_slug_transliterated(
    treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = 'Sistem Informasi Layanan "Ñandú" Café — Kecamatan Pontianak Kota'
    res = new_app(capsys, treg, tmp_path, "--opd", "diskominfo", "--nama", name)
    assert res.code == 0, res.err
    base = treg / "registry/apps/diskominfo/sistem-informasi-layanan-nandu-cafe-kecamatan-pontianak-kota"
    assert yaml.safe_load((base / "app.yaml").read_text("utf-8"))["nama"] == name
    assert name in (base / "kebutuhan.md").read_text("utf-8")


def test_names_with_spaces_and_long_names(treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        new_app(capsys, treg, tmp_path, "--opd", "diskominfo", "--nama", "   Aplikasi    Antrean   Online ").code == 0
    )
    assert (treg / "registry/apps/diskominfo/aplikasi-antrean-online").is_dir()
    long_name = " ".join(["Pelayanan"] * 15)  # 149 characters
    res = run_cli(
        capsys,
        "new",
        "app",
        "--registry",
        str(treg),
        "--sumber",
        str(tmp_path / "k2"),
        "--opd",
        "diskominfo",
        "--nama",
        long_name,
    )
    assert res.code == 0, res.err
    made = [p.name for p in (treg / "registry/apps/diskominfo").iterdir() if p.name.startswith("pelayanan")]
    assert len(made) == 1 and len(made[0]) <= 63 and not made[0].endswith("-")
    assert "id aplikasi dibentuk dari nama" in res.out


@pytest.mark.parametrize(
    "args,message",
    [
        (["--nama", "🎉🎉"], "Tidak dapat membentuk id"),
        (["--nama", "x" * 201], "terlalu panjang"),
        (["--nama", "Baris\nbaru"], "karakter kendali"),
        (
            ["--nama", "Aplikasi", "--id", "Si_Antrean"],
            "bukan slug yang sah (huruf kecil, angka, tanda hubung, maks. 63). Usulan: si-antrean",
        ),
        (["--nama", "Aplikasi", "--opd", "tidak-ada"], "OPD tidak-ada tidak terdaftar"),
        (["--nama", "Aplikasi", "--subdomain", "-antrean"], "bukan label DNS yang sah"),
        (["--nama", "Aplikasi", "--subdomain", "xn--abc"], "bukan label DNS yang sah"),
        (["--nama", "Aplikasi", "--pemeliharaan", "outsourcing"], "pilihan: swakelola, vendor"),
        (["--nama", "Aplikasi", "--fungsi", "Layanan Publik"], "bukan slug"),
    ],
)
def test_bad_answers_refused_before_rendering(
    treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    opts = args if "--opd" in args else ["--opd", "diskominfo", *args]
    before = app_files(treg)
    res = new_app(capsys, treg, tmp_path, *opts)
    assert res.code == 2
    assert message in res.err
    assert app_files(treg) == before and not (tmp_path / "kode").exists()
    assert not list(treg.glob(".repospbe-new-*"))


def test_app_id_must_be_unique_across_opds(treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (treg / "registry/apps/dinkes/si-loket").mkdir(parents=True)
    (treg / "registry/apps/dinkes/si-loket/app.yaml").write_text("id: si-loket\n")
    res = new_app(capsys, treg, tmp_path, "--opd", "diskominfo", "--nama", "Si Loket")
    assert res.code == 2
    assert "id aplikasi si-loket sudah dipakai (registry/apps/dinkes/si-loket)" in res.err


def test_answers_file_and_options_override(treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "jawaban.yaml"
    answers.write_text(
        "nama: Sistem Perizinan\nopd: diskominfo\nid: si-izin\nsubdomain: si-perizinan\npemeliharaan: vendor\n"
    )
    res = new_app(capsys, treg, tmp_path, "--answers", str(answers), "--id", "si-perizinan", "--no-input")
    assert res.code == 0, res.err
    record = yaml.safe_load((treg / "registry/apps/diskominfo/si-perizinan/app.yaml").read_text())
    assert record["subdomain"] == ["si-perizinan"] and record["alamat"] == ["https://si-perizinan.pontianakkota.go.id/"]
    assert record["pemeliharaan"] == {"jenis": "vendor"}
    assert "repospbe new subdomain --nama si-perizinan --opd diskominfo --app si-perizinan" in res.out


def test_answers_file_unknown_key(treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "jawaban.yaml"
    answers.write_text("nama: X\nopd: diskominfo\nhook: rm -rf /\n")
    res = new_app(capsys, treg, tmp_path, "--answers", str(answers))
    assert res.code == 2 and "pertanyaan hook tidak dikenal" in res.err


def test_template_with_hooks_is_refused(treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hooks = treg / "templates/aplikasi-khusus/hooks"
    hooks.mkdir()
    marker = tmp_path / "DIJALANKAN"
    (hooks / "pre_gen_project.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    res = new_app(capsys, treg, tmp_path, "--opd", "diskominfo", "--nama", "X Y")
    assert res.code == 2 and "hooks/" in res.err
    assert not marker.exists()


def test_nothing_hard_codes_pontianak(treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inst = treg / "registry/instance.yaml"
    inst.write_text(
        inst.read_text()
        .replace("Pemerintah Kota Pontianak", "Pemerintah Kabupaten Contoh")
        .replace("pontianakkota.go.id", "contohkab.go.id")
    )
    assert (
        new_app(capsys, treg, tmp_path, "--opd", "diskominfo", "--nama", "Si Loket", "--subdomain", "si-loket").code
        == 0
    )
    rendered = [*(treg / "registry/apps/diskominfo/si-loket").rglob("*"), *(tmp_path / "kode").rglob("*")]
    texts = [p.read_text("utf-8") for p in rendered if p.is_file() and ".git/" not in p.as_posix()]
    assert len(texts) >= 12 and not [t for t in texts if "ontianak" in t]
    assert any("Pemerintah Kabupaten Contoh" in t for t in texts)
    assert any("https://si-loket.contohkab.go.id/" in t for t in texts)


def test_default_source_dir_is_beside_the_registry(treg: Path, capsys: pytest.CaptureFixture[str]) -> None:
    res = run_cli(capsys, "new", "app", "--registry", str(treg), "--opd", "diskominfo", "--nama", "Si Samping")
    assert res.code == 0, res.err
    assert (treg.parent / "si-samping/LICENSE").is_file()
    assert not (treg / "si-samping").exists()
