"""The layered JSON of the reports: the same data as ``json.dumps``, one entry per line."""

from __future__ import annotations

import json

import pytest

from repospbe.formatters.common import report_json

BODY = {
    "versi": "1",
    "kosong": {},
    "daftar": [],
    "temuan": [
        {"z": 1, "a": {"b": [1, 2, {"c": None}]}, "teks": 'Kata "sandi"\n\u00e9 \u2028 \x07'},
        {"nilai": 1.5, "benar": True, "pesan": "</script><!--"},
    ],
}


@pytest.mark.parametrize("depth", [0, 1, 2, 3, 5])
def test_same_data_and_key_order_as_json_dumps(depth: int) -> None:
    text = report_json(BODY, depth)
    assert json.loads(text) == BODY
    assert text.endswith("\n")
    compact = json.dumps(BODY, sort_keys=True, ensure_ascii=False, indent=2)
    assert [k for k in json.loads(text)] == [k for k in json.loads(compact)]


def test_each_entry_below_the_depth_is_one_line() -> None:
    lines = report_json(BODY, 2).rstrip("\n").split("\n")
    entries = [ln for ln in lines if ln.startswith("    {")]
    assert len(entries) == 2 and all(json.loads(ln.strip().rstrip(",")) for ln in entries)
    assert lines[0] == "{" and lines[-1] == "}"
