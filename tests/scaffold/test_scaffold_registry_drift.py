"""`repospbe new registry` and template drift (`repospbe template check`, check `template.*`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from repospbe.engine import check_registry, exit_code
from tests.helpers.cli import run_cli


def new_registry(capsys: pytest.CaptureFixture[str], root: Path, dest: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli(capsys, "new", "registry", str(dest), "--registry", str(root), *args)


def test_fresh_registry_for_another_pemda(treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "registri-contohkab"
    res = new_registry(
        capsys,
        treg,
        dest,
        "--pemda",
        "Pemerintah Kabupaten Contoh Raya",
        "--domain",
        "contohkab.go.id",
        "--diskominfo-kode",
        "kominfo",
        "--pusat-data",
        "103.31.20.0/24, 2001:db8:77::/48",
        "--no-input",
    )
    assert res.code == 0, res.err
    inst = yaml.safe_load((dest / "registry/instance.yaml").read_text("utf-8"))
    assert inst["pemda"] == "Pemerintah Kabupaten Contoh Raya" and inst["domain"] == "contohkab.go.id"
    assert inst["opd_diskominfo"] == "kominfo"
    assert [r["cidr"] for r in inst["pusat_data"]] == ["103.31.20.0/24", "2001:db8:77::/48"]
    # a public range is the Pusat Data itself; a documentation range is recorded as an example
    assert [r.get("contoh", False) for r in inst["pusat_data"]] == [False, True]
    assert sorted(p.name for p in (dest / "registry/opd").iterdir()) == ["kominfo.yaml"]
    assert not (dest / "registry/apps").exists()
    for part in ("checks/schemas/app.schema.json", "templates/aplikasi-khusus/cookiecutter.json"):
        assert (dest / part).is_file()
    findings = check_registry(dest)
    assert exit_code(findings) == 0, [f.as_dict() for f in findings]
    own = [p for p in (dest / "registry").rglob("*") if p.is_file()] + [dest / "README.md"]
    assert not [p for p in own if "ontianak" in p.read_text("utf-8")]


def test_new_registry_scaffolds_apps_with_its_own_pemda(
    treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "lain"
    assert (
        new_registry(
            capsys,
            treg,
            dest,
            "--pemda",
            "Pemerintah Kota Lain",
            "--domain",
            "lainkota.go.id",
            "--pusat-data",
            "203.0.113.0/24",
        ).code
        == 0
    )
    res = run_cli(
        capsys,
        "new",
        "app",
        "--registry",
        str(dest),
        "--opd",
        "diskominfo",
        "--nama",
        "Si Lain",
        "--sumber",
        str(tmp_path / "kode"),
    )
    assert res.code == 0, res.err
    record = yaml.safe_load((dest / "registry/apps/diskominfo/si-lain/app.yaml").read_text())
    assert record["hak_cipta"] == "Pemerintah Kota Lain"


@pytest.mark.parametrize(
    "args,message",
    [
        (
            ["--pemda", "P", "--domain", "Contoh_Kab.go.id", "--pusat-data", "10.0.0.0/8"],
            "Domain contoh_kab.go.id tidak sah",
        ),
        (["--pemda", "P", "--domain", "contoh.go.id", "--pusat-data", "10.0.0.1/8"], "bukan CIDR yang sah"),
        (["--pemda", "P", "--domain", "contoh.go.id"], "Jawaban pusat_data wajib diisi"),
        (
            [
                "--pemda",
                "P",
                "--domain",
                "contoh.go.id",
                "--pusat-data",
                "10.0.0.0/8",
                "--diskominfo-kode",
                "Kominfo Kab",
            ],
            "bukan slug",
        ),
    ],
)
def test_new_registry_bad_answers(
    treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    dest = tmp_path / "r"
    res = new_registry(capsys, treg, dest, *args)
    assert res.code == 2 and message in res.err
    assert not dest.exists() and not list(tmp_path.glob(".repospbe-registri-*"))


def _make_app(capsys: pytest.CaptureFixture[str], root: Path, tmp_path: Path, name: str) -> Path:
    res = run_cli(
        capsys,
        "new",
        "app",
        "--registry",
        str(root),
        "--opd",
        "diskominfo",
        "--nama",
        name,
        "--sumber",
        str(tmp_path / name.replace(" ", "-")),
    )
    assert res.code == 0, res.err
    return next((root / "registry/apps/diskominfo").glob(name.lower().replace(" ", "-"))) / "app.yaml"


def _bump_template(root: Path) -> None:
    path = root / "templates/aplikasi-khusus/templat.yaml"
    data = yaml.safe_load(path.read_text())
    data["versi"] = "1.2.0"
    data["perubahan"].append({"versi": "1.2.0", "tanggal": "2026-12-04", "ringkasan": "SECURITY.md ditambahkan"})
    path.write_text(yaml.safe_dump(data, allow_unicode=True))


def test_template_check_lists_apps_behind(treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _make_app(capsys, treg, tmp_path, "Si Lama")
    res = run_cli(capsys, "template", "check", "--registry", str(treg))
    assert res.code == 0 and "Semua 1 aplikasi bertemplat memakai versi templat terbaru." in res.out
    _bump_template(treg)
    _make_app(capsys, treg, tmp_path, "Si Baru")
    res = run_cli(capsys, "template", "check", "--registry", str(treg))
    assert res.code == 0
    assert "1 dari 2 aplikasi bertemplat tertinggal" in res.out
    assert "diskominfo/si-lama: aplikasi-khusus 1.1.0 -> 1.2.0" in res.out
    assert "1.2.0: SECURITY.md ditambahkan" in res.out and "si-baru" not in res.out
    data = json.loads(run_cli(capsys, "template", "check", "--registry", str(treg), "--format", "json").out)
    assert [(d["aplikasi"], d["versi"], d["versi_terbaru"]) for d in data] == [("diskominfo/si-lama", "1.1.0", "1.2.0")]
    # in the pipeline: an INFO finding at the templat.versi line, never a block
    behind = [f for f in check_registry(treg) if f.check_id == "template.behind"]
    assert len(behind) == 1
    rel = old.relative_to(treg).as_posix()
    line = old.read_text().splitlines().index('  versi: "1.1.0"') + 1
    assert (behind[0].path, behind[0].line, behind[0].severity.value) == (rel, line, "info")
    assert not behind[0].blocks()


def test_unknown_template_is_a_low_finding(treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _make_app(capsys, treg, tmp_path, "Si Salah")
    path.write_text(path.read_text().replace("nama: aplikasi-khusus", "nama: aplikasi-tidak-ada"))
    found = [f for f in check_registry(treg) if f.check_id.startswith("template.")]
    assert [(f.check_id, f.severity.value) for f in found] == [("template.unknown", "low")]
    res = run_cli(capsys, "template", "check", "--registry", str(treg), "--lang", "en")
    assert "diskominfo/si-salah: unknown template aplikasi-tidak-ada" in res.out


def test_every_template_renders_with_its_own_defaults(tmp_path: Path) -> None:
    """Each template in templates/ renders from cookiecutter.json alone; every YAML it makes parses."""
    from repospbe.scaffold.render import render, template_dir
    from repospbe.yamlio import load_file
    from tests.helpers.git import REPO_ROOT

    names = sorted(p.parent.name for p in (REPO_ROOT / "templates").glob("*/cookiecutter.json"))
    assert {"aplikasi-khusus", "registry"} <= set(names)
    for name in names:
        out = render(template_dir(REPO_ROOT, name), {}, tmp_path / name)
        files = [p for p in out.rglob("*") if p.is_file()]
        assert files, name
        for path in files:
            text = path.read_text("utf-8")
            assert "{{" not in text and "cookiecutter." not in text, path
            if path.suffix == ".yaml" or path.name == ".gitlab-ci.yml":
                assert not load_file(path, path.name).findings, path
