"""copyright.document finds the statement line by a fast search: it must agree with the
plain definition (a line that, whitespace-collapsed and casefolded, holds ``hak cipta`` and
the Pemda's name) on every input, hostile ones included."""

from __future__ import annotations

import itertools
import random

from repospbe.checks.copyright import _norm, _states_copyright

PEMDA = _norm("Pemerintah Kota Pontianak")
PIECES = (
    "Hak", "cipta", "HAK", "ha", "k", "\u212a", "Pemerintah", "Kota", "Pontianak", "pemerintah  kota pontianak",
    "\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029", "\t", " ", "\u00a0", "\u1e96", "\u1e9a",
    "\u0130", "\u00df", "\u00a9", "\ud800", "hak\tcipta", "HAK CIPTA \u00a9", "cipt", "\u1e9a", "\u1e97", "pihak",
    "CIPT\u1e9a", "ci", "pta", "\ufb01", "\ufb06",
)  # fmt: skip


def _plain(text: str, want: str) -> bool:
    return any("hak cipta" in _norm(line) and want in _norm(line) for line in text.splitlines())


def test_agrees_with_the_definition_on_generated_text() -> None:
    rng = random.Random(19)
    texts = ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    texts += [
        "".join(p)
        for p in itertools.product(("Hak", "\u212a", "\n"), ("cipta", "\x85"), (" Pemerintah Kota Pontianak", ""))
    ]
    disagree = [t for t in texts if _plain(t, PEMDA) != _states_copyright(t, PEMDA)]
    assert not disagree, disagree[:5]
    assert any(_plain(t, PEMDA) for t in texts) and not all(_plain(t, PEMDA) for t in texts)


def test_real_statements() -> None:
    assert _states_copyright("# Judul\n\nHak cipta \u00a9 Pemerintah Kota Pontianak.\n", PEMDA)
    assert _states_copyright("x\r\nHAK   CIPTA  pemerintah kota\tpontianak", PEMDA)
    assert _states_copyright("Hak cipta \u212aota? no\nHak cipta Pemerintah \u212aota Pontianak", PEMDA)
    assert not _states_copyright("Hak cipta\nPemerintah Kota Pontianak", PEMDA)  # two lines
    assert not _states_copyright("Hak cipta\x85Pemerintah Kota Pontianak", PEMDA)  # NEL cuts the line
    assert not _states_copyright("Hakcipta Pemerintah Kota Pontianak", PEMDA)
    assert _states_copyright("pihak lain\nHak cipt\u1e9a Pemerintah Kota Pontianak", PEMDA)  # folds to "cipta\u02be"
    assert not _states_copyright("Hak ci pta Pemerintah Kota Pontianak", PEMDA)
