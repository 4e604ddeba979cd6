"""One language per run: --lang is checked (id, en), read before click parses, and click's own
words (usage errors, help page) follow it; severity labels are translated; mistyped OPD codes
and app keys get near-miss suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import run_cli
from tests.helpers.git import copy_registry


@pytest.mark.parametrize(
    "args",
    [("--lang", "fr", "check"), ("check", "--lang", "fr"), ("check", "--lang=fr"), ("--lang", "FR", "summary")],
)
def test_unknown_language_is_refused(capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> None:
    res = run_cli(capsys, *args)
    assert res.code == 2
    assert "tidak dikenal" in res.err and "id, en" in res.err


def test_usage_error_before_lang_speaks_english(capsys: pytest.CaptureFixture[str]) -> None:
    res = run_cli(capsys, "check", "--foo", "--lang", "en")
    assert res.code == 2
    assert "Usage error: No such option: --foo" in res.err
    assert "Penggunaan" not in res.err and "Try 'repospbe check --help' for help." in res.err


def test_usage_error_in_indonesian_is_all_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    res = run_cli(capsys, "check", "--fomat", "json")
    assert res.code == 2
    assert "Penggunaan salah: Opsi --fomat tidak dikenal. Maksud Anda: --format?" in res.err
    assert "No such option" not in res.err and "Possible options" not in res.err
    assert "Lihat 'repospbe check --help'." in res.err


@pytest.mark.parametrize(
    ("args", "indonesian", "english"),
    [
        (("mr", "open"), "Opsi '--source' / '--sumber' wajib diisi.", "Missing option '--source' / '--sumber'."),
        (("chek",), "Perintah chek tidak dikenal. Maksud Anda: check?", "No such command: chek. Did you mean: check?"),
        (("mr", "pipeline", "abc"), "harus berupa bilangan bulat.", "must be a whole number."),
        (("scan", "a", "b"), "Argumen berlebih yang tidak dikenal: b", "Got unexpected extra arguments: b"),
        (("check", "--format"), "Opsi '--format' memerlukan 1 nilai.", "Option '--format' requires 1 value(s)."),
    ],
)
def test_click_usage_errors_are_translated(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], indonesian: str, english: str
) -> None:
    res = run_cli(capsys, *args)
    assert res.code == 2 and indonesian in res.err, res.err
    res = run_cli(capsys, *args, "--lang", "en") if args[-1] != "--format" else run_cli(capsys, "--lang", "en", *args)
    assert res.code == 2 and english in res.err, res.err


def test_help_page_fixed_texts_follow_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    res = run_cli(capsys, "check", "--help")
    assert res.code == 0
    for word in (
        "Penggunaan: repospbe check",
        "Opsi",
        "Argumen",
        "Tampilkan bantuan ini lalu keluar.",
        "[bawaan: text]",
    ):
        assert word in res.out, word
    assert "Show this message and exit." not in res.out and "Usage:" not in res.out
    res = run_cli(capsys, "check", "--help", "--lang", "en")
    assert res.code == 0
    for word in (
        "Usage: repospbe check",
        "Options",
        "Show this message and exit.",
        "Check the registry",
        "[default: text]",
    ):
        assert word in res.out, word
    assert "Tampilkan bantuan" not in res.out and "Periksa registri" not in res.out and "Akar repositori" not in res.out
    res = run_cli(capsys, "--lang", "en", "--help")
    assert "Commands" in res.out and "Perintah" not in res.out


def test_severity_labels_are_translated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_registry(tmp_path / "reg")
    res = run_cli(capsys, "check", "--registry", str(root), str(root / "registry/opd"))
    assert res.code == 1
    assert "\nTINGGI   registry/opd/" in "\n" + res.out and " tinggi) di " in res.out
    assert "HIGH" not in res.out and " high" not in res.out
    res = run_cli(capsys, "check", "--registry", str(root), str(root / "registry/opd"), "--lang", "en")
    assert "\nHIGH     registry/opd/" in "\n" + res.out and " high) in " in res.out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("maturity", "--opd", "diskominfoo"),
            "OPD diskominfoo tidak terdaftar di registry/opd/. Maksud Anda: diskominfo?",
        ),
        (("maturity", "--opd", "Kominfo"), "Maksud Anda: diskominfo?"),
        (("maturity", "--opd", "zzzz"), "Kode OPD adalah nama berkasnya"),
        (("maturity", "si-antrean"), "Maksud Anda: diskominfo/si-antrean?"),
        (("maturity", "diskominfo/si-antren"), "Maksud Anda: diskominfo/si-antrean"),
        (("scan", "diskominfo/si-antrian"), "Maksud Anda: diskominfo/si-antrean"),
        (("new", "app", "--opd", "diskominfoo", "--nama", "X"), "Maksud Anda: diskominfo?"),
        (
            (
                "new",
                "subdomain",
                "--nama",
                "x",
                "--opd",
                "diskomnfo",
                "--tujuan",
                "t",
                "--surat-nomor",
                "1",
                "--surat-tanggal",
                "2026-01-01",
            ),
            "Maksud Anda: diskominfo?",
        ),  # fmt: skip
    ],
)
def test_mistyped_opd_and_app_names_get_suggestions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], expected: str
) -> None:
    root = copy_registry(tmp_path / "reg", ("registry", "checks", "templates"))
    res = run_cli(capsys, *args, "--registry", str(root))
    assert res.code == 2, res.err
    assert expected in res.err, res.err
    assert not (root / "registry/apps/diskominfoo").exists()


def test_english_suggestion(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_registry(tmp_path / "reg")
    res = run_cli(capsys, "maturity", "--opd", "diskominfoo", "--registry", str(root), "--lang", "en")
    assert res.code == 2 and "OPD diskominfoo is not registered in registry/opd/. Did you mean: diskominfo?" in res.err


def test_new_subdomain_mistyped_app_gets_a_suggestion(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_registry(tmp_path / "reg")
    res = run_cli(
        capsys, "new", "subdomain", "--registry", str(root), "--nama", "antrean2", "--opd", "diskominfo",
        "--app", "si-antren", "--tujuan", "t", "--surat-nomor", "1", "--surat-tanggal", "2026-01-01",
        "--a", "192.0.2.5", "--contoh",
    )  # fmt: skip
    assert res.code == 1
    assert "subdomain.app-missing" in res.err and "Maksud Anda: --app si-antrean?" in res.err


@pytest.mark.parametrize("value", ["fr", "FR", "english", " en", "id_ID"])
def test_unknown_repospbe_lang_is_refused_in_both_languages(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("REPOSPBE_LANG", value)
    for args in (("check",), ("summary", "--format", "json"), ("check", "--help")):
        res = run_cli(capsys, *args)
        assert res.code == 2 and res.out == "", (args, res.out)
        indonesian = f"Variabel lingkungan REPOSPBE_LANG={value} bukan bahasa yang dikenal; pilihan: id, en"
        english = f"Environment variable REPOSPBE_LANG={value} is not a known language; choices: id, en"
        assert indonesian in res.err and english in res.err
        assert res.err.index(indonesian) < res.err.index(english)  # Indonesian first


def test_a_known_repospbe_lang_or_an_explicit_flag_is_obeyed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPOSPBE_LANG", "EN")  # case does not matter, as with --lang
    res = run_cli(capsys, "check", "--foo")
    assert res.code == 2 and "No such option: --foo" in res.err
    monkeypatch.setenv("REPOSPBE_LANG", "fr")
    res = run_cli(capsys, "check", "--foo", "--lang", "id")  # the flag beats the environment
    assert res.code == 2 and "Opsi --foo tidak dikenal" in res.err and "REPOSPBE_LANG" not in res.err
    monkeypatch.setenv("REPOSPBE_LANG", "")  # set but empty: as if unset
    res = run_cli(capsys, "check", "--foo")
    assert res.code == 2 and "Opsi --foo tidak dikenal" in res.err
