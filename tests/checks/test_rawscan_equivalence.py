"""The document checks scan each document's bytes (``documents.rawscan``, the copyright byte
search); on every input they must give exactly what the text scan gives (``scan.scan_document``,
the plain copyright definition): the example app's documents mutated at random with headings,
fences, guidance, placeholders, lorem ipsum, non-ASCII text, odd line ends and NUL bytes."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from repospbe.checks.copyright import _norm, states_copyright_raw
from repospbe.documents.rawscan import outline_raw, scan_raw
from repospbe.documents.rules import DEFAULT_RULES, DocRules, load_rules
from repospbe.documents.scan import outline, scan_document

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "registry" / "apps" / "diskominfo" / "si-antrean"
PEMDA = _norm("Pemerintah Kota Pontianak")
LINES = (
    "## Latar Belakang", "   ## Ruang Lingkup", "    ## Keluaran", "#Fungsi", "####### Fungsi", "###### Fungsi",
    "## Fungsi ##", "## Manfaat #", "##\tArsitektur Data", "# ", "#", "## 2.1 Manfaat Aplikasi", "## A. Data",
    "```", "~~~~", "   ```python", "````", " ~~~", "> Panduan: tulis fungsi di sini", "  > Panduan: x",
    "> lanjutan panduan", "\t> Panduan:", "[ISI]", "`[ISI]`", "[ISI: nama pejabat]", "[ ISI ]", "Lorem ipsum dolor",
    "lOrEm ipsum", "DOLOR SIT AMET", "consectetur\u00a0adipiscing", "Lorem\u2028ipsum", "kata " * 45, "kata " * 12,
    "", "caf\u00e9 \u2013 \u201ckutipan\u201d \U0001d518\U0001d52b", "\x00\x00", "\u2028## Manfaat", "## Manfaat\x85x",
    "\t## Tab", "\u00e9## Fungsi", " #  Ruang   Lingkup  ", "Hak cipta \u00a9 Pemerintah Kota Pontianak",
    "HAK  CIPTA pemerintah\tkota pontianak", "Hak cipta \u212aota", "hak\rcipta Pemerintah Kota Pontianak",
    "## \u00c9valuasi", "## Fungsi\r", "#" * 3000,
    "- Panduan (isi): tulis di sini", "  - Panduan (isi):", "\u00bb Catatan: isi", "Catatan \u00bb Catatan:",
    # more bytes than the quick "long enough" test needs, fewer characters: must be counted
    "## Fungsi\n" + "\u00e9" * 400, "## Manfaat\n" + "\u00e9" * 300, "## Latar Belakang\n" + "\U0001d518 " * 150,
)  # fmt: skip


@pytest.fixture(scope="module")
def rules() -> DocRules:
    loaded = load_rules(REPO, DEFAULT_RULES)
    assert isinstance(loaded, DocRules)
    return loaded


def _examples() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(EXAMPLE.glob("*.md"))]


def _mutate(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(0, 8)):
        i = rng.randrange(len(lines) + 1)
        op = rng.random()
        if op < 0.5:
            lines.insert(i, rng.choice(LINES))
        elif op < 0.7 and lines:
            del lines[min(i, len(lines) - 1)]
        elif lines:
            j = min(i, len(lines) - 1)
            cut = rng.randint(0, len(lines[j]))
            lines[j] = lines[j][:cut] + rng.choice(LINES) + lines[j][cut:]
    return rng.choice(("\n", "\r\n", "\n")).join(lines)


def _corpus() -> list[str]:
    rng = random.Random(19)
    examples = _examples()
    return examples + [_mutate(rng, rng.choice(examples)) for _ in range(1500)]


def test_raw_scan_is_the_text_scan(rules: DocRules) -> None:
    seen: set[str] = set()
    for text in _corpus():
        raw = text.encode("utf-8")
        for kind in rules.kinds.values():
            expected = scan_document(text, kind, rules)
            assert scan_raw(raw, kind, rules) == expected, (kind.kind, text[:300])
            seen |= {issue.check_id for issue in expected}
    # the corpus reaches every kind of issue, so the comparison means something
    assert seen == {"doc.section-missing", "doc.section-empty", "doc.section-short", "doc.placeholder", "doc.lorem"}


@pytest.mark.parametrize("guidance", ["- Panduan (isi):", "\u00bb Catatan:"])
def test_other_guidance_markers(rules: DocRules, guidance: str) -> None:
    """A guidance marker of the registry's own choosing: regex metacharacters, non-ASCII."""
    other = dataclasses.replace(rules, guidance=guidance)
    guided = 0
    for text in _corpus():
        for kind in other.kinds.values():
            assert scan_raw(text.encode("utf-8"), kind, other) == scan_document(text, kind, other)
        guided += outline(text, guidance)[1]
    assert guided > 10


def test_raw_outline_is_the_text_outline(rules: DocRules) -> None:
    """Same headings (level, text) and guidance verdict; offsets are the same places, in bytes."""
    for text in _corpus():
        heads, guided = outline(text, rules.guidance)
        raw_heads, raw_guided = outline_raw(text.encode("utf-8"), rules.guidance)
        assert raw_guided == guided
        assert [(h.level, h.norm) for h in raw_heads] == [(h.level, h.norm) for h in heads]
        assert [h.start for h in raw_heads] == [len(text[: h.start].encode("utf-8")) for h in heads]


def test_raw_copyright_search_is_the_definition() -> None:
    def plain(text: str) -> bool:
        return any("hak cipta" in _norm(line) and PEMDA in _norm(line) for line in text.splitlines())

    verdicts = [(plain(text), states_copyright_raw(text.encode("utf-8"), PEMDA)) for text in _corpus()]
    assert all(a == b for a, b in verdicts)
    assert {a for a, _ in verdicts} == {True, False}


def test_fast_paths_are_taken_and_left(rules: DocRules) -> None:
    """The example's documents take the headings-only path; a fence, guidance or a
    placeholder sends a document through the full line scan or the text scan, same answer."""
    kak = (EXAMPLE / "kak.md").read_text(encoding="utf-8")
    spec = rules.kinds["kak"]
    assert scan_raw(kak.encode(), spec, rules) == scan_document(kak, spec, rules) == []
    for extra in ("\n```\n## Latar Belakang\n```\n", "\n> Panduan: isi\n", "\n[ISI]\n", "\nLOREM ipsum\n"):
        for where in (0, kak.index("## Maksud"), len(kak)):
            text = kak[:where] + extra + kak[where:]
            assert scan_raw(text.encode(), spec, rules) == scan_document(text, spec, rules)
