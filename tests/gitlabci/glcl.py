"""Run the shipped GitLab pipelines with gitlab-ci-local (shell executor) on scratch repositories.

gitlab-ci-local is installed into ``.tools/`` by ``scripts/ensure-node-tools.sh`` (pinned
4.73.0, the newest that runs on Debian 12's Node 20). Jobs run on this machine with the test
environment's repospbe: ``REPOSPBE_PIP_SPEC=repospbe`` (already installed) stands in for the
Pemda's pinned spec, so each job's ``pip install`` step runs but downloads nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers.git import GIT_ENV, REPO_ROOT, git

GLCL = REPO_ROOT / ".tools" / "node_modules" / ".bin" / "gitlab-ci-local"
TIMES = REPO_ROOT / "test-artifacts" / "gitlab-ci-local-times.jsonl"
PREDEFINED = (
    "CI_PIPELINE_SOURCE",
    "CI_MERGE_REQUEST_DIFF_BASE_SHA",
    "CI_MERGE_REQUEST_IID",
    "CI_COMMIT_BEFORE_SHA",
    "CI_COMMIT_BRANCH",
    "CI_DEFAULT_BRANCH",
)
# What the test machine stands in for: repospbe and pytest already installed.
LOCAL_INSTALL = {"REPOSPBE_PIP_SPEC": "repospbe", "REPOSPBE_APP_TEST_REQUIREMENTS": "pytest"}
ORIGIN_URL = "git@gitlab.pemda.invalid:diskominfo/{name}.git"
_RESULT = re.compile(r"^\s*(PASS|FAIL)\s+(\S+)", re.M)


def require_glcl() -> Path:
    """The pinned gitlab-ci-local; missing: fail in CI, skip with a stated reason elsewhere."""
    if GLCL.exists() and shutil.which("rsync") and shutil.which("node"):
        return GLCL
    reason = "gitlab-ci-local/rsync tidak tersedia; jalankan scripts/ensure-node-tools.sh"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason=reason)


@dataclass
class Run:
    code: int
    output: str
    seconds: float

    def results(self) -> dict[str, str]:
        """Job name -> PASS or FAIL, from gitlab-ci-local's summary."""
        return {m.group(2): m.group(1) for m in _RESULT.finditer(self.output)}


def scratch_repo(root: Path, ci_yml: str, name: str) -> Path:
    """Commit everything in ``root`` on main; a local bare origin stands in for GitLab."""
    (root / ".gitlab-ci.yml").write_text(ci_yml)
    with (root / ".gitignore").open("a") as fh:
        fh.write(".gitlab-ci-local/\n.cache/\nlaporan/\nchild-pipeline.yml\n")
    if not (root / ".git").exists():
        git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "awal")
    origin = root.parent / f"{name}-origin.git"
    git(root.parent, "clone", "-q", "--bare", str(root), str(origin))
    url = ORIGIN_URL.format(name=name)
    git(root, "remote", "add", "origin", url)
    git(root, "config", f"url.{origin}.insteadOf", url)
    git(root, "fetch", "-q", "origin")
    git(root, "remote", "set-head", "origin", "main")
    return root


def run(root: Path, *args: str, variables: dict[str, str], label: str) -> Run:
    """gitlab-ci-local in ``root`` (shell executor) with ``variables``; wall time recorded."""
    glcl = require_glcl()
    env = {
        **os.environ,
        **GIT_ENV,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(REPO_ROOT / "src"),
        "GCL_IGNORE_PREDEFINED_VARS": ",".join(PREDEFINED),
    }
    env.pop("CI", None)  # gitlab-ci-local's own CI detection must not see the outer CI
    cmd = [str(glcl), "--force-shell-executor", "--no-color", "--max-job-name-padding", "0"]
    for key, value in {**LOCAL_INSTALL, **variables}.items():
        cmd += ["--variable", f"{key}={value}"]
    started = time.monotonic()
    proc = subprocess.run([*cmd, *args], cwd=root, env=env, capture_output=True, text=True, timeout=600)
    seconds = time.monotonic() - started
    result = Run(proc.returncode, proc.stdout + proc.stderr, seconds)
    if "--list-json" not in args:
        TIMES.parent.mkdir(exist_ok=True)
        with TIMES.open("a") as fh:
            fh.write(json.dumps({"pipeline": label, "jobs": result.results(), "seconds": round(seconds, 1)}) + "\n")
    return result


def listed(root: Path, variables: dict[str, str], *extra: str) -> dict[str, str]:
    """Jobs gitlab-ci-local would run for ``variables``: name -> when (rules evaluated)."""
    res = run(root, "--list-json", *extra, variables=variables, label="list")
    assert res.code == 0, res.output
    start = res.output.index("[")
    jobs = json.loads(res.output[start : res.output.rindex("]") + 1])
    return {j["name"]: j["when"] for j in jobs if j["when"] != "never"}
