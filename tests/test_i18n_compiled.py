"""The merged locale catalogue kept as JSON: the same messages, rebuilt on any edit, never required."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from repospbe import i18n


@pytest.fixture
def locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    copy = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, copy)
    monkeypatch.setattr(i18n, "LOCALE_DIR", copy)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    i18n.catalog.cache_clear()
    yield copy
    i18n.catalog.cache_clear()


def _parsed(directory: Path) -> dict[str, dict[str, str]]:
    return i18n._merged([(p.name, p.read_bytes()) for p in sorted(directory.glob("*.yaml"))])


def _compiled(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "repospbe-locale").glob("*.json"))


def test_compiled_catalogue_gives_the_parsed_messages(locale: Path, tmp_path: Path) -> None:
    first = i18n.catalog()
    [kept] = _compiled(tmp_path)
    i18n.catalog.cache_clear()
    assert i18n.catalog() == first == _parsed(locale)
    assert json.loads(kept.read_text("utf-8"))["messages"] == first


def test_an_edited_locale_file_is_read_not_the_old_compiled_one(locale: Path, tmp_path: Path) -> None:
    i18n.catalog()
    target = sorted(locale.glob("*.yaml"))[0]
    target.write_text(target.read_text("utf-8") + '\nuji.kunci-baru:\n  id: "Baru"\n  en: "New"\n', "utf-8")
    i18n.catalog.cache_clear()
    assert i18n.catalog()["uji.kunci-baru"] == {"id": "Baru", "en": "New"}
    assert len(_compiled(tmp_path)) == 1  # the older one is removed


def test_a_tampered_compiled_file_is_not_used(locale: Path, tmp_path: Path) -> None:
    i18n.catalog()
    [kept] = _compiled(tmp_path)
    data = json.loads(kept.read_text("utf-8"))
    data["digest"] = "0" * 64
    data["messages"]["scan.status.passed"] = {"id": "LULUS PALSU", "en": "FAKE PASS"}
    kept.write_text(json.dumps(data), "utf-8")
    i18n.catalog.cache_clear()
    assert i18n.catalog() == _parsed(locale)
    kept.write_text("{bukan json", "utf-8")
    i18n.catalog.cache_clear()
    assert i18n.catalog() == _parsed(locale)


def test_duplicate_keys_still_refused_and_an_unwritable_cache_is_no_obstacle(locale: Path, tmp_path: Path) -> None:
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "repospbe-locale").write_text("bukan direktori", "utf-8")  # even root cannot write there
    assert i18n.catalog() == _parsed(locale)
    assert not list((tmp_path / "cache").glob(".locale-*"))
    shutil.copy(sorted(locale.glob("*.yaml"))[0], locale / "zz-salinan.yaml")
    i18n.catalog.cache_clear()
    with pytest.raises(RuntimeError, match="duplicate message key"):
        i18n.catalog()


@pytest.mark.parametrize(
    ("count", "lang", "text"),
    [(0, "id", "0 bita"), (1023, "en", "1023 bytes"), (1536, "id", "1,5 KB"), (5 * 1024**3, "en", "5.0 GB")],
)
def test_sizes_in_words(count: int, lang: str, text: str) -> None:
    assert i18n.size_text(count, lang) == text
