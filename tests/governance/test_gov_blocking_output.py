"""A failing pipeline says what blocks: check id, file:line, message and hint on the terminal;
its stored reports name the registry's own paths, never the cache checkout it ran in."""

from __future__ import annotations

import json
import re

import pytest

from repospbe.governance import evidence as evs
from repospbe.pipeline.run import report_subject
from tests.governance.conftest import Gov
from tests.helpers.cli import run_cli

pytestmark = pytest.mark.slow


def _open(gov: Gov, capsys: pytest.CaptureFixture[str], reg: list[str]) -> int:
    return run_cli(
        capsys, "mr", "open", "--source", "isian", "--title", "t", "--kunci", str(gov.keys["dev"]), *reg
    ).code


def test_mr_pipeline_prints_each_blocking_finding_with_its_hint(gov: Gov, capsys: pytest.CaptureFixture[str]) -> None:
    gov.opd_change("isian", name='"[ISI: nama lengkap dinas]"')
    reg = ["--registry", str(gov.root)]
    assert (
        run_cli(capsys, "mr", "open", "--source", "isian", "--title", "t", "--kunci", str(gov.keys["dev"]), *reg).code
        == 0
    )
    res = run_cli(capsys, "mr", "pipeline", "1", *reg)
    assert res.code == 1
    assert "failed" in res.out
    assert "Temuan yang memblokir (1):" in res.err
    assert re.search(r"TINGGI\s+registry/opd/diskominfo\.yaml:\d+:\d+ record\.placeholder", res.err), res.err
    assert "Bidang nama masih berisi penanda templat [ISI: nama lengkap dinas]" in res.err
    assert "→ Ganti [ISI: nama lengkap dinas] dengan isi yang sebenarnya" in res.err
    # the stored report names the registry, not the cache worktree the pipeline ran in
    ev = evs.load(gov.repo, 1)
    assert ev is not None and len(ev.records) == 1
    reports = next(iter(ev.records.values())).reports
    texts = b"\n".join(reports.values()).decode("utf-8", "replace")
    assert reports and "pipeline-wt" not in texts
    subjects = [
        json.loads(raw)["subject"] for name, raw in reports.items() if name.endswith(".json") and b'"subject"' in raw
    ]
    assert subjects and all(s.startswith("registry @ ") for s in subjects), subjects


def test_mr_pipeline_english_run_is_all_english(gov: Gov, capsys: pytest.CaptureFixture[str]) -> None:
    gov.opd_change("isian", name='"[ISI]"')
    reg = ["--registry", str(gov.root), "--lang", "en"]
    assert (
        run_cli(capsys, "mr", "open", "--source", "isian", "--title", "t", "--kunci", str(gov.keys["dev"]), *reg).code
        == 0
    )
    res = run_cli(capsys, "mr", "pipeline", "1", *reg)
    assert res.code == 1
    assert "Blocking findings (1):" in res.err and re.search(r"HIGH\s+registry/opd/diskominfo\.yaml:\d+", res.err)
    assert "Field nama still holds the template placeholder [ISI]" in res.err


def test_pipeline_run_json_still_lists_blocking_findings_on_stderr(
    gov: Gov, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (gov.root / "registry/opd/dinkes.yaml").read_text("utf-8")
    (gov.root / "registry/opd/dinkes.yaml").write_text(text.replace("nama: Dinas Kesehatan Kota", 'nama: "[ISI]"'))
    res = run_cli(capsys, "pipeline", "run", "--registry-only", "--format", "json", "--registry", str(gov.root))
    assert res.code == 1
    assert json.loads(res.out)["findings"]
    assert re.search(r"TINGGI\s+registry/opd/dinkes\.yaml:\d+:\d+ record\.placeholder", res.err), res.err


def test_report_subject_is_the_app_directories_or_the_registry_commit() -> None:
    changed = {"registry/apps/dinkes/si-a/app.yaml", "registry/sources/dinkes/si-b.bundle", "registry/opd/x.yaml"}
    assert report_subject(changed, "a" * 40) == "registry/apps/dinkes/si-a, registry/apps/dinkes/si-b"
    assert report_subject({"registry/opd/x.yaml"}, "0123456789abcdef") == "registry @ 0123456789ab"
    assert report_subject(None, "0123456789abcdef") == "registry @ 0123456789ab"
