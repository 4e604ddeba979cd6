"""Each app's own test requirements (``kebutuhan_uji``) reach its child test job, and only those.

Hostile lists (pip options, URLs, local paths, smuggled newlines) are refused by ``repospbe check``
at the app.yaml line and by ``pipeline generate`` before a job is written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from repospbe.gitlabci.child import child_pipeline
from repospbe.gitlabci.testdeps import DEFAULT, PATTERN
from repospbe.pipeline.stages import load_stages
from tests.helpers.cli import run_cli
from tests.helpers.git import REPO_ROOT, git

APP = "registry/apps/diskominfo/si-antrean/app.yaml"
KEY = "diskominfo/si-antrean"
HOSTILE = [
    "--extra-index-url http://evil.invalid/simple",
    "--index-url=http://evil.invalid",
    "-e /etc",
    "-r /etc/passwd",
    "/etc",
    "./lokal",
    "repospbe @ https://evil.invalid/x.whl",
    "git+https://evil.invalid/x.git",
    "pytest==8.4.2\n--index-url=http://evil.invalid",
    "pytest==8.4.2;rm -rf ~",
    "pytest==8.4.2 $(id)",
]


def _declare(root: Path, values: list[str]) -> int:
    """Append ``kebutuhan_uji`` to the app record and commit; the line of the last item."""
    rec = root / APP
    text = rec.read_text().rstrip("\n") + "\nkebutuhan_uji:\n"
    text += "".join(f"  - {json.dumps(v)}\n" for v in values)
    rec.write_text(text)
    git(root, "commit", "-qam", "kebutuhan uji")
    return len(text.splitlines())


def test_schema_and_generator_share_one_pattern() -> None:
    schema = json.loads((REPO_ROOT / "checks/schemas/app.schema.json").read_text())
    assert schema["properties"]["kebutuhan_uji"]["items"]["pattern"] == PATTERN
    for ok in ("pytest==8.4.2", "requests>=2.31,<3", "flask[async]~=3.0", "iniconfig"):
        assert re.fullmatch(PATTERN, ok), ok
    for bad in HOSTILE:
        assert not re.fullmatch(PATTERN, bad), bad


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_requirement_is_refused_at_the_line_and_never_generated(
    registry_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    base = git(registry_copy, "rev-parse", "HEAD").strip()
    line = _declare(registry_copy, ["pytest==8.4.2", value])
    check = run_cli(capsys, "check", "--registry", str(registry_copy))
    assert check.code == 1
    assert re.search(rf"{re.escape(APP)}:{line}:\d+ schema\.(pattern|not)\b", check.out), check.out
    out = tmp_path / "child.yml"
    gen = run_cli(
        capsys, "pipeline", "generate", "--changed-since", base, "--output", str(out), "--registry", str(registry_copy)
    )
    assert gen.code == 2 and APP in gen.err and "kebutuhan_uji" in gen.err
    assert not out.exists()


def test_child_test_job_installs_exactly_the_declared_requirements(
    registry_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = git(registry_copy, "rev-parse", "HEAD").strip()
    _declare(registry_copy, ["pytest==8.4.2", "requests>=2.31,<3"])
    out = tmp_path / "child.yml"
    gen = run_cli(
        capsys, "pipeline", "generate", "--changed-since", base, "--output", str(out), "--registry", str(registry_copy)
    )
    assert gen.code == 0, gen.err
    doc = yaml.safe_load(out.read_text())
    test_job, scan_job = doc[f"test:{KEY}"], doc[f"scan:{KEY}"]
    assert test_job["before_script"][-1] == "pip install --quiet -- pytest==8.4.2 'requests>=2.31,<3'"
    assert not any("REPOSPBE_APP_TEST_REQUIREMENTS" in s for s in test_job["before_script"])
    assert not any(s.startswith("pip install --quiet --") for s in scan_job["before_script"])
    assert doc["variables"]["REPOSPBE_ISOLATION"] == "ci-runner"  # inside the throwaway runner container


def test_undeclared_gets_the_default_and_an_empty_list_nothing() -> None:
    stages = load_stages(REPO_ROOT)
    doc = child_pipeline(stages, ["a/x", "a/y", "a/z"], {"a/x": None, "a/y": []})
    assert doc["test:a/x"]["before_script"][-1] == DEFAULT
    assert doc["test:a/z"]["before_script"][-1] == DEFAULT
    assert not any(s.startswith("pip install --quiet -") or "TEST_REQ" in s for s in doc["test:a/y"]["before_script"])
