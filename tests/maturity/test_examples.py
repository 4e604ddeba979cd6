"""Records marked contoh: true get a badge in maturity reports and never count in the aggregates."""

from __future__ import annotations

import json

from repospbe.maturity.aggregate import per_opd
from repospbe.maturity.ladder import AppLevel
from repospbe.maturity.report import MaturityReport, as_csv, as_json, as_markdown, as_text, build_report
from tests.registry_data.conftest import REPO_ROOT


def level(key: str, index: int, example: bool = False) -> AppLevel:
    name = ("", "dasar")[index + 1]
    return AppLevel(key, key.split("/")[0], name, index, (), (), "", "", (), example=example)


def test_examples_are_left_out_of_the_aggregates_and_badged() -> None:
    levels = [level("dinas/a", -1), level("dinas/contoh", 0, example=True), level("lain/b", 0)]
    summary = {o.opd: o for o in per_opd(levels, ["dasar"])}
    assert summary["dinas"].apps == 1 and dict(summary["dinas"].counts) == {"": 1, "dasar": 0}
    assert summary["dinas"].lowest == "" and summary["dinas"].average == 0.0
    rep = MaturityReport(tuple(levels), tuple(per_opd(levels, ["dasar"])), None, ("dasar",), "id")
    assert "[bold]dinas/contoh[/] [magenta]CONTOH[/]" in as_text(rep)
    assert "[bold]dinas/a[/]  " in as_text(rep)
    assert "| `dinas/contoh` **CONTOH** |" in as_markdown(rep)
    english = MaturityReport(rep.levels, rep.opds, None, rep.level_ids, "en")
    assert "| `dinas/contoh` **EXAMPLE** |" in as_markdown(english)
    data = json.loads(as_json(rep))
    assert [a["example"] for a in data["apps"]] == [False, True, False]
    assert as_csv(rep).splitlines()[2].endswith(",true")


def test_bundled_example_app_is_not_counted() -> None:
    rep = build_report(REPO_ROOT, "id", opd="diskominfo")
    examples = [lv.key for lv in rep.levels if lv.example]
    assert examples == ["diskominfo/si-antrean"]
    (diskominfo,) = rep.opds
    assert diskominfo.apps == len(rep.levels) - 1 == 9
