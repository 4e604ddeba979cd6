"""`new app --subdomain` and `new subdomain --nama` apply the same naming rule; refusals name
the real fix (``singkatan:``); next steps after `new app` print the real --opd and --app."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import run_cli

LETTER = ("--tujuan", "Situs cuti", "--surat-nomor", "1/2026", "--surat-tanggal", "2026-01-05", "--a", "192.0.2.40")


def _new_app(capsys: pytest.CaptureFixture[str], root: Path, tmp_path: Path, *extra: str):  # type: ignore[no-untyped-def]
    return run_cli(
        capsys, "new", "app", "--registry", str(root), "--sumber", str(tmp_path / "kode"),
        "--opd", "diskominfo", "--nama", "Si Cuti", *extra,
    )  # fmt: skip


def _new_subdomain(capsys: pytest.CaptureFixture[str], root: Path, name: str, *extra: str):  # type: ignore[no-untyped-def]
    return run_cli(
        capsys, "new", "subdomain", "--registry", str(root), "--nama", name, "--opd", "diskominfo",
        *extra, *LETTER, "--contoh",
    )  # fmt: skip


def test_new_app_refuses_a_subdomain_new_subdomain_would_refuse(
    treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    res = _new_app(capsys, treg, tmp_path, "--subdomain", "cuti")
    assert res.code == 2
    assert "singkatan: [cuti]" in res.err and "registry/opd/diskominfo.yaml" in res.err
    assert not (treg / "registry/apps/diskominfo/si-cuti").exists()
    assert not (tmp_path / "kode").exists()
    # the same name is refused by `new subdomain` too
    assert _new_app(capsys, treg, tmp_path).code == 0
    sub = _new_subdomain(capsys, treg, "cuti", "--app", "si-cuti")
    assert sub.code == 1
    assert "singkatan: [cuti] di registry/apps/diskominfo/si-cuti/app.yaml" in sub.out + sub.err


def test_both_accept_the_name_once_it_is_an_alias(
    treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opd = treg / "registry/opd/diskominfo.yaml"
    text = opd.read_text("utf-8")
    assert "singkatan:" in text
    opd.write_text(text.replace("singkatan: [", "singkatan: [cuti, ", 1), "utf-8")
    res = _new_app(capsys, treg, tmp_path, "--subdomain", "cuti")
    assert res.code == 0, res.err
    assert "--nama cuti --opd diskominfo --app si-cuti " in res.out
    assert "<opd>" not in res.out and "<id>" not in res.out
    sub = _new_subdomain(capsys, treg, "cuti", "--app", "si-cuti")
    assert sub.code == 0, sub.out + sub.err


def test_the_new_app_id_itself_is_accepted(treg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    res = _new_app(capsys, treg, tmp_path, "--subdomain", "si-cuti")
    assert res.code == 0, res.err
    assert "--nama si-cuti --opd diskominfo --app si-cuti " in res.out


def test_opd_alias_hint_without_app(treg: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sub = _new_subdomain(capsys, treg, "cuti")
    assert sub.code == 1
    assert "singkatan: [cuti] di registry/opd/diskominfo.yaml" in sub.out + sub.err
