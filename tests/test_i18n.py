"""Every message exists in Bahasa Indonesia and English with the same placeholders,
every key the code uses exists, and --lang / REPOSPBE_LANG switch the language."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from repospbe.findings import Severity
from repospbe.i18n import LOCALE_DIR, catalog
from repospbe.yamlio import parse
from tests.helpers.cli import run_cli

SRC = Path(__file__).resolve().parents[1] / "src" / "repospbe"
LOCALE_FILES = sorted(LOCALE_DIR.glob("*.yaml"))
# Keys the code builds from parts rather than writing out whole.
BUILT_KEYS = {
    *(f"severity.{s.value}" for s in Severity),
    *(f"report.md.{col}" for col in ("severity", "location", "check", "message", "hint")),
    "schema.required",
    "schema.unknown-key",
    "schema.enum",
    "schema.type",
    "schema.pattern",
    "schema.other",
}
_LITERAL_KEY = re.compile(r"""["']([a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)*\.(?:msg|hint))["']""")
_PLACEHOLDER = string.Formatter()
# Modules that hand message keys to an exception another module renders with ``f"{key}.msg"``.
_RAISES_KEYS = {"yamlnodes.py"}


def _placeholders(text: str, lang: str) -> set[str]:
    """Placeholder names; ``{x_id}`` in the Indonesian text pairs with ``{x_en}`` in the English one
    (a tool's own text given in both languages)."""
    names = {name.split(".")[0].split("[")[0] for _, name, _, _ in _PLACEHOLDER.parse(text) if name is not None}
    return {name.removesuffix(f"_{lang}") + ("_<lang>" if name.endswith(f"_{lang}") else "") for name in names}


def _sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("path", LOCALE_FILES, ids=lambda p: p.name)
def test_every_message_has_both_languages_with_the_same_placeholders(path: Path) -> None:
    loaded = parse(path.read_text(encoding="utf-8"), path.name)  # strict: duplicate keys refused
    assert loaded.findings == ()
    assert isinstance(loaded.data, dict) and loaded.data
    problems = []
    for key, texts in loaded.data.items():
        if not isinstance(texts, dict) or not all(
            isinstance(texts.get(lang), str) and texts[lang].strip() for lang in ("id", "en")
        ):
            problems.append(f"{key}: needs non-empty id and en")
            continue
        ids, ens = _placeholders(texts["id"], "id"), _placeholders(texts["en"], "en")
        if ids != ens:
            problems.append(f"{key}: placeholders {ids} != {ens}")
    assert problems == []


def test_no_key_is_defined_in_two_files() -> None:
    seen: dict[str, str] = {}
    clashes = []
    for path in LOCALE_FILES:
        for key in parse(path.read_text(encoding="utf-8"), path.name).data:
            if key in seen:
                clashes.append(f"{key}: {seen[key]} and {path.name}")
            seen[key] = path.name
    assert clashes == []
    assert set(catalog()) == set(seen)


def test_message_and_hint_literals_in_src_exist() -> None:
    missing = sorted(
        {
            f"{path.relative_to(SRC)}: {key}"
            for path in _sources()
            for key in _LITERAL_KEY.findall(path.read_text(encoding="utf-8"))
            if key not in catalog()
        }
    )
    assert missing == []


def _key_builders(tree: ast.Module) -> set[str]:
    """Suffixes (``.msg``, ``.hint``) a module appends to a variable: ``f"{key}.msg"``."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and len(node.values) == 2:
            head, tail = node.values
            if (
                isinstance(head, ast.FormattedValue)
                and isinstance(head.value, ast.Name)
                and isinstance(tail, ast.Constant)
                and tail.value in (".msg", ".hint")
            ):
                out.add(str(tail.value))
    return out


_KEY_SHAPE = re.compile(r"^[a-z][a-z0-9-]*(?:\.[a-z0-9-]*[a-z0-9])+$")
_FILE_NAME = re.compile(
    r"\.(md|ya?ml|json|xml|txt|log|py|php|js|ts|java|html|sarif|pub|bundle|toml|cfg|ini|lock|zip|tar|gz)$"
)


def _key_shaped(tree: ast.Module, areas: set[str]) -> set[str]:
    """String literals that look like message keys of a known area (f-string fragments excluded)."""
    fragments = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in fragments
        and _KEY_SHAPE.match(node.value)
        and not _FILE_NAME.search(node.value)
        and node.value.split(".", 1)[0] in areas
    }


def test_keys_built_by_helpers_exist() -> None:
    """A module that renders ``f"{key}.msg"`` (``_problem(rel, "yaml.alias")``, ``Refused("yaml.alias")``,
    ``key = "layout.symlink" if ...``): every key-like literal of a known area in it is a catalogue key,
    or the base of the suffixes the module builds."""
    areas = {key.split(".", 1)[0] for key in catalog()}
    missing, modules, checked = [], 0, 0
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        suffixes = _key_builders(tree) or ({".msg", ".hint"} if path.name in _RAISES_KEYS else set())
        if not suffixes:
            continue
        modules += 1
        source = path.read_text(encoding="utf-8")
        for literal in _key_shaped(tree, areas):
            checked += 1
            if literal in catalog() or f'"{literal}.msg"' in source:  # a key written out whole is checked above
                continue
            missing += [
                f"{path.relative_to(SRC)}: {literal}{s}" for s in sorted(suffixes) if literal + s not in catalog()
            ]
    assert modules >= 4 and checked >= 20  # the scan itself works (yamlio, yamlnodes, walk, crossref)
    assert missing == []


def test_keys_given_to_errors_and_t_exist() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in _sources())
    # The error classes of errors.py take a message key first; subclasses elsewhere may not.
    errors = ("RepospbeError", "InputError", "PolicyError")
    used = set(re.findall(r"\b(?:{})\(\s*\"([^\"]+)\"".format("|".join(errors)), text))
    used |= set(re.findall(r"\bt\(\s*\"([^\"]+)\"", text))
    assert "registry.not-found" in used and "report.clean" in used
    assert sorted(k for k in used | BUILT_KEYS if k not in catalog()) == []


def test_lang_option_and_environment_switch_language(
    registry_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (registry_copy / "registry/opd/latin.yaml").write_bytes(b"kode: latin\nnama: \xe9\n")
    default = run_cli(capsys, "check", "--registry", str(registry_copy))
    assert "Berkas bukan UTF-8 yang sah." in default.out
    flag = run_cli(capsys, "check", "--registry", str(registry_copy), "--lang", "en")
    assert "File is not valid UTF-8." in flag.out and "Berkas bukan" not in flag.out
    monkeypatch.setenv("REPOSPBE_LANG", "en")
    env = run_cli(capsys, "check", "--registry", str(registry_copy))
    assert "File is not valid UTF-8." in env.out and "Save the file again as UTF-8." in env.out
    usage = run_cli(capsys, "check", "--registry", str(registry_copy / "nowhere"))
    assert usage.code == 2 and "No registry found" in usage.err
    explicit = run_cli(capsys, "check", "--registry", str(registry_copy), "--lang", "id")
    assert "Berkas bukan UTF-8 yang sah." in explicit.out  # the flag beats the environment
