"""Strict YAML: same data as PyYAML's safe loader for ordinary files, refusals for the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from repospbe.yamlio import MAX_DEPTH, load_file, parse

REPO = Path(__file__).resolve().parents[1]

ORDINARY = [
    "a: 1\nb: 1.5\nc: true\nd: null\ne: ~\nf: 'teks'\ng: \"x\\ty\"\nh: [1, 2, {i: j}]\n",
    "tanggal: 2026-01-02\nwaktu: 2026-01-02T03:04:05Z\noktal: 0o17\nheks: 0x1F\nbesar: 1_000\n",
    "daftar:\n  - satu\n  - dua: 2\n    tiga: [3]\nblok: |\n  baris satu\n  baris dua\nlipat: >\n  a\n  b\n",
    "yes: no\n",
    "'1': satu\n1: int\n",
    "kosong:\n",
    "",
    "# hanya komentar\n",
    "- akar\n- daftar\n",
]


def _safe(text: str) -> object:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
    return yaml.load(text, Loader=Loader)  # noqa: S506 - a SafeLoader subclass


@pytest.mark.parametrize("text", ORDINARY)
def test_same_data_as_the_safe_loader(text: str) -> None:
    loaded = parse(text, "x.yaml")
    assert loaded.findings == ()
    assert loaded.data == _safe(text)


def test_every_bundled_yaml_file_parses_like_the_safe_loader() -> None:
    files = [p for p in (REPO / "registry").rglob("*.yaml")] + [p for p in (REPO / "checks").glob("*.yaml")]
    assert files
    for path in files:
        loaded = load_file(path, str(path))
        assert loaded.findings == (), path
        assert loaded.data == _safe(path.read_text(encoding="utf-8")), path


REFUSED = {
    "alias": ("a: &x [1]\nb: *x\n", "yaml.alias", 1),
    "recursive": ("a: &x [*x]\n", "yaml.alias", 1),
    "merge-key": ("a: {b: 1}\nc:\n  <<: {b: 2}\n", "yaml.alias", 3),
    "duplicate": ("a: 1\nb: 2\na: 3\n", "yaml.duplicate-key", 3),
    "duplicate-int": ("1: a\n0x1: b\n", "yaml.duplicate-key", 2),
    "duplicate-bool": ("yes: a\non: b\n", "yaml.duplicate-key", 2),  # both are the key True
    "complex-key": ("? [a, b]\n: c\n", "yaml.key-type", 1),
    "python-tag": ("!!python/object/apply:os.system [id]\n", "yaml.syntax", 1),
    "binary": ("a: !!binary aGFsbw==\n", "yaml.syntax", 1),
    "set": ("a: !!set {x, y}\n", "yaml.syntax", 1),
    "custom-tag": ("a: !rahasia x\n", "yaml.syntax", 1),
    "two-documents": ("a: 1\n---\nb: 2\n", "yaml.syntax", 2),
    "too-deep": ("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n", "yaml.too-deep", 1),
    "libyaml-depth": ("a: " + "[" * 20000 + "]" * 20000 + "\n", "yaml.too-deep", 1),
    "syntax": ("a: [1, 2\nb: 3\n", "yaml.syntax", 2),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused(case: str) -> None:
    text, check_id, line = REFUSED[case]
    loaded = parse(text, "x.yaml")
    assert loaded.data is None
    assert [(f.check_id, f.line, f.path) for f in loaded.findings] == [(check_id, line, "x.yaml")]


def test_depth_limit_is_exact() -> None:
    ok = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert parse(ok, "x.yaml").findings == ()
    too_deep = "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    assert [f.check_id for f in parse(too_deep, "x.yaml").findings] == ["yaml.too-deep"]
