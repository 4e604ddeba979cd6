"""CVSS v3.x base scores against the specification's worked values; a vector-only advisory gets its rating."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from repospbe.advisories import cvss, database
from repospbe.advisories.store import import_file


@pytest.mark.parametrize(
    ("vector", "score", "rating"),
    [
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "CRITICAL"),
        ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9, "CRITICAL"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, "MEDIUM"),
        ("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 5.5, "MEDIUM"),
        ("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N", 3.7, "LOW"),
        ("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, "HIGH"),
        ("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N", 0.0, "NONE"),
        # temporal metrics after the base ones do not change the base score
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O", 9.8, "CRITICAL"),
    ],
)
def test_base_score_and_rating(vector: str, score: float, rating: str) -> None:
    assert cvss.base_score(vector) == score
    assert cvss.rating(score) == rating


@pytest.mark.parametrize(
    "vector",
    [
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",  # another version: not guessed
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",  # a base metric missing
        "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",  # an unknown value
        "CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",  # a metric twice
        "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",  # no version prefix
        "",
    ],
)
def test_invalid_vectors_give_no_score(vector: str) -> None:
    assert cvss.base_score(vector) is None
    assert cvss.severity_of([{"type": "CVSS_V3", "score": vector}]) == ""


def test_a_vector_only_advisory_is_imported_with_its_rating(tmp_path: Path) -> None:
    """No GHSA severity word: the CVSS vector decides; the word wins when both are present."""
    docs = [
        {
            "id": "OSV-2026-0001",
            "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
            "affected": [{"package": {"ecosystem": "npm", "name": "a"}, "versions": ["1.0.0"]}],
        },
        {
            "id": "GHSA-2026-0002",
            "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
            "database_specific": {"severity": "LOW"},
            "affected": [{"package": {"ecosystem": "npm", "name": "b"}, "versions": ["1.0.0"]}],
        },
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for doc in docs:
            zf.writestr(f"{doc['id']}.json", json.dumps(doc))
    (tmp_path / "osv.zip").write_bytes(buf.getvalue())
    import_file(tmp_path / "osv.zip", tmp_path / "db")
    npm = database.advisories("npm", tmp_path / "db")
    assert [e["severity"] for e in npm["a"]] == ["CRITICAL"]
    assert [e["severity"] for e in npm["b"]] == ["LOW"]
