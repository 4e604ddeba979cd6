"""The dynamic child pipeline: one job per changed app and per app stage.

Every job installs what it runs: repospbe from ``$REPOSPBE_PIP_SPEC`` (forwarded from the
parent pipeline, see ``pipelines/gitlab/registry.yml``) with pip's cache kept between jobs,
and, for the test stage, the app's own test requirements (``kebutuhan_uji`` in its app.yaml,
checked in ``repospbe.gitlabci.testdeps``; ``$REPOSPBE_APP_TEST_REQUIREMENTS``, pytest, when the
app declares none). Jobs run in throwaway runner containers holding no signing key: the
declared isolation for app tests is ``REPOSPBE_ISOLATION=ci-runner``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from repospbe.gitlabci.testdeps import Requirements, install_line
from repospbe.pipeline.stages import Stage, app_stages

IMAGE = "${REPOSPBE_IMAGE}"
REPORTS = {
    "test": {"junit": "laporan/{slug}/test/junit.xml"},
    "scan": {
        "sast": "laporan/{slug}/scan/gl-sast-report.json",
        "codequality": "laporan/{slug}/scan/gl-code-quality-report.json",
        "dependency_scanning": "laporan/{slug}/scan/gl-dependency-scanning-report.json",
        "junit": "laporan/{slug}/scan/junit.xml",
    },
}
INSTALL = [
    "command -v git >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq git >/dev/null; }",
    'pip install --quiet "$REPOSPBE_PIP_SPEC"',
]
VARIABLES = {
    "GIT_DEPTH": "0",
    "REPOSPBE_LANG": "id",
    "REPOSPBE_ISOLATION": "ci-runner",
    "PIP_CACHE_DIR": "$CI_PROJECT_DIR/.cache/pip",
}
CACHE_KEY, CACHE_PATH = "repospbe-pip", ".cache/pip"


def child_pipeline(
    stages: tuple[Stage, ...], apps: list[str], requirements: Requirements | None = None
) -> dict[str, Any]:
    """GitLab CI configuration (as data) checking each of ``apps`` in its own jobs;
    ``requirements``: app -> its checked test requirements (missing or None: the default)."""
    per_app = app_stages(stages)
    doc: dict[str, Any] = {
        "stages": [s.id for s in per_app],
        "default": {"image": IMAGE, "interruptible": True},
        "variables": dict(VARIABLES),
    }
    if not apps:
        doc["tidak-ada-aplikasi-berubah"] = {
            "stage": per_app[0].id,
            "script": ["echo 'Tidak ada aplikasi yang berubah; tidak ada pemindaian sumber.'"],
        }
        return doc
    for app in apps:
        for stage in per_app:
            doc[f"{stage.id}:{app}"] = _job(stage, app, (requirements or {}).get(app))
    return doc


def _job(stage: Stage, app: str, requirements: Sequence[str] | None) -> dict[str, Any]:
    slug = app.replace("/", "-")
    out = f"laporan/{slug}/{stage.id}"
    reports = {k: v.format(slug=slug) for k, v in REPORTS.get(stage.id, {}).items()}
    install = list(INSTALL)
    if "app-tests" in stage.checks and (line := install_line(requirements)):
        install.append(line)
    job: dict[str, Any] = {
        "stage": stage.id,
        "dependencies": [],
        "cache": {"key": CACHE_KEY, "paths": [CACHE_PATH]},
        "before_script": install,
        "script": [f"repospbe scan {app} --stage {stage.id} --output-dir {out}"],
        "artifacts": {"when": "always", "expire_in": "90 days", "paths": [out]},
    }
    if reports:
        job["artifacts"]["reports"] = reports
    return job


def to_yaml(doc: dict[str, Any]) -> str:
    header = "# Dibuat oleh 'repospbe pipeline generate'; jangan disunting.\n"
    return header + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=120)
