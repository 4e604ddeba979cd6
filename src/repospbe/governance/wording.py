"""Refusals in words: each ``mr.problem.*`` with its hint (``mr.hint.*``), and the merge refusal."""

from __future__ import annotations

from typing import Any

from repospbe.errors import PolicyError
from repospbe.i18n import catalog, t


def hint_key(problem_key: str) -> str | None:
    """The hint of a ``mr.problem.*`` key: ``mr.hint.<rest>`` (None when there is none)."""
    rest = problem_key.removeprefix("mr.problem.")
    key = f"mr.hint.{rest}"
    return key if key in catalog() else None


def problem_lines(problems: list[tuple[str, dict[str, Any]]], lang: str) -> list[str]:
    """Each problem in words, with its hint on the next line."""
    out = []
    for key, params in problems:
        out.append(f"  - {t(key, lang, **params)}")
        if (hint := hint_key(key)) is not None:
            out.append(t("review.hint-line", lang, hint=t(hint, lang, **params)))
    return out


class MergeBlocked(PolicyError):
    """``mr merge`` refused: key ``mr.merge.blocked`` (``reasons`` = the problem codes, for programs);
    rendered as every problem in words with its hint."""

    def __init__(self, number: int, problems: list[tuple[str, dict[str, Any]]]) -> None:
        super().__init__(
            "mr.merge.blocked", number=number, reasons="; ".join(k.rsplit(".", 1)[-1] for k, _ in problems)
        )
        self.problems = problems

    def render(self, lang: str) -> str:
        reasons = "\n".join(problem_lines(self.problems, lang))
        return t("review.merge-blocked", lang, number=self.params["number"], reasons=reasons)
