"""Registry YAML is parsed with a cached tag resolver, no-op path resolvers and strings built
inline (``yamlio._Loader``, ``yamlnodes._mapping``): the data and the refusals must be those of
PyYAML's plain C loader composing the same text, built the general way (anchor bookkeeping on)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from repospbe.yamlio import MAX_DEPTH, parse
from repospbe.yamlnodes import Refused, build

REPO = Path(__file__).resolve().parents[2]
HOSTILE = (
    "a: 1\na: 2\n", "a: &x 1\nb: *x\n", "<<: {a: 1}\n", "? [a]\n: 1\n", "a: !!python/object:os.system x\n",
    "a: !!binary aGk=\n", "a: 2026-03-02\nb: 2026-03-02T09:00:00+07:00\n", "a: yes\nb: no\nc: ~\nd: .inf\ne: 0x1F\n",
    "a: '1'\nb: \"true\"\nc: 1.5e3\nd: -0\ne: null\nf: Null\n", "[" * 80 + "]" * 80, "a:\n  b:\n    c: [1, {d: e}]\n",
    "- a\n- b: c\n  d: [1, 2]\n", "a: [tidak ditutup\n", "a: b: c\n", "", "# kosong\n", "!!set {a, b}\n",
    "a: !custom x\n", "1: satu\n2: dua\n", "true: x\n", "a: |\n  baris\n  dua\n", "{a: 1, a: 2}\n", "x: &a [*a]\n",
)  # fmt: skip


def _plain(text: str) -> tuple[str, Any]:
    loader = yaml.CSafeLoader(text)
    try:
        return "ok", build(loader.get_single_node(), MAX_DEPTH, True)
    except Refused as exc:
        return exc.key, None
    except yaml.YAMLError as exc:
        return type(exc).__name__, None
    finally:
        loader.dispose()


def _fast(text: str) -> tuple[str, Any]:
    loaded = parse(text, "x.yaml")
    if not loaded.findings:
        return "ok", loaded.data
    return loaded.findings[0].check_id, None


def _texts() -> list[str]:
    files = [p for part in ("registry", "checks", "templates", "pipelines") for p in (REPO / part).rglob("*.yaml")]
    assert len(files) > 20
    return [p.read_text(encoding="utf-8") for p in sorted(files)]


def _assert_same(text: str) -> None:
    plain, fast = _plain(text), _fast(text)
    if plain[0] == "ok":
        assert fast == plain
    else:  # refused both ways; a registry rule's refusal with the same key
        assert fast[0] != "ok"
        if plain[0].startswith("yaml."):
            assert fast[0] == plain[0]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_yaml_same_verdict(text: str) -> None:
    _assert_same(text)


def test_every_bundled_yaml_same_data() -> None:
    texts = _texts()
    for text in texts:
        _assert_same(text)
    assert sum(_plain(t)[0] == "ok" for t in texts) > 20


def test_types_survive_the_cache() -> None:
    """The same scalar text resolved in a plain and a quoted position keeps its own type each time."""
    for _ in range(2):
        data = parse("a: 1\nb: '1'\nc: true\nd: 'true'\ne: 2026-03-02\nf: null\n", "x.yaml").data
        assert data == {"a": 1, "b": "1", "c": True, "d": "true", "e": "2026-03-02", "f": None}
