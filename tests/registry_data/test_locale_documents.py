"""Every message of the documents and summary areas exists in both languages with the same placeholders."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
import yaml

import repospbe

LOCALE = Path(repospbe.__file__).parent / "locale"


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("area", ["documents", "summary"])
def test_both_languages_same_placeholders(area: str) -> None:
    data = yaml.safe_load((LOCALE / f"{area}.yaml").read_text(encoding="utf-8"))
    assert data
    for key, texts in data.items():
        assert set(texts) == {"id", "en"}, key
        assert fields(texts["id"]) == fields(texts["en"]), key
        assert not fields(texts["id"]) & {"key", "path", "line", "column", "hint", "severity", "check_id", "message"}


def test_every_doc_finding_has_message_and_hint() -> None:
    data = yaml.safe_load((LOCALE / "documents.yaml").read_text(encoding="utf-8"))
    ids = [
        "doc.missing",
        "doc.declared-missing",
        "doc.section-missing",
        "doc.section-empty",
        "doc.section-short",
        "doc.placeholder",
        "doc.lorem",
        "doc.rules-invalid",
        "doc.rules-missing",
        "doc.rules-path",
    ]
    assert sorted(data) == sorted([f"{i}.msg" for i in ids] + [f"{i}.hint" for i in ids])
