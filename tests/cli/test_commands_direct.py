"""The commands are plain functions: call them without typer, with the globals set by ``use_globals``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from repospbe.cli import Globals, gitlab, governance, maturity, registry, scaffold, use_globals
from repospbe.cli.options import current
from repospbe.errors import InputError, PolicyError
from repospbe.governance.rules import SIGNERS_FILE


def test_check_and_summary_as_functions(bundled_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with use_globals(Globals(registry=bundled_root, lang="en")):
        code = registry.check(fmt="json")
        report = json.loads(capsys.readouterr().out)
        assert "schema" in report["checks"] and report["findings"]
        assert code == (1 if report["summary"].get("high") else 0)
        assert registry.summary(fmt="json") == 0
        summary = json.loads(capsys.readouterr().out)
    assert summary["jumlah"]["aplikasi"] >= 1


def test_check_text_report_speaks_the_globals_language(bundled_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with use_globals(Globals(registry=bundled_root, lang="en")):
        registry.check(fmt="markdown")
    english = capsys.readouterr().out
    with use_globals(Globals(registry=bundled_root, lang="id")):
        registry.check(fmt="markdown")
    indonesian = capsys.readouterr().out
    assert english != indonesian


def test_unknown_format_and_missing_registry_raise_input_errors(tmp_path: Path) -> None:
    with use_globals(Globals(registry=tmp_path)):
        with pytest.raises(InputError) as missing:
            registry.check(fmt="json")
        with pytest.raises(InputError) as unknown:
            registry.check(fmt="pdf")
    assert missing.value.key == "registry.not-found" and missing.value.exit_code == 2
    assert unknown.value.key == "format.unknown"


def test_stale_signers_is_a_policy_error(registry_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with use_globals(Globals(registry=registry_copy)):
        assert governance.reviewer_signers() == 0  # writes registry/allowed_signers
        assert governance.reviewer_signers(check=True) == 0
        (registry_copy / SIGNERS_FILE).write_text("usang\n", encoding="utf-8")
        with pytest.raises(PolicyError) as stale:
            governance.reviewer_signers(check=True)
    assert stale.value.exit_code == 1


def test_codeowners_template_and_maturity(bundled_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with use_globals(Globals(registry=bundled_root)):
        assert gitlab.codeowners() == 0
        assert "@" in capsys.readouterr().out
        assert scaffold.template_check(fmt="json") == 0
        assert isinstance(json.loads(capsys.readouterr().out), list)
        assert maturity.maturity(fmt="json") == 0
        assert json.loads(capsys.readouterr().out)


def test_globals_are_scoped_to_use_globals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPOSPBE_LANG", "en")
    assert current() == Globals(lang="en")
    with use_globals(Globals(registry=tmp_path, lang="id")) as g:
        assert current() is g and g.lang == "id"
    assert current().registry is None
    assert Globals(lang="fr").lang == "id"  # unknown languages fall back to the default


def test_optional_root_outside_a_registry(tmp_path: Path, bundled_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert Globals().optional_root() is None  # nothing found upwards: no registry, no error
    assert Globals(registry=bundled_root).optional_root() == bundled_root.resolve()
    with pytest.raises(InputError):
        Globals(registry=tmp_path).optional_root()  # an explicit --registry must exist
