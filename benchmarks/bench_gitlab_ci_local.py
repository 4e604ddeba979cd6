#!/usr/bin/env python3
"""The shipped GitLab pipelines under gitlab-ci-local (shell executor), as tests/gitlabci runs them:
per pipeline the jobs run and each job's wall time; then the install step (``pip install`` of the
repospbe wheel with its dependencies into a fresh virtualenv, what every job's ``before_script``
does in a fresh container) with a cold and with a warm pip cache.

Needs ``scripts/ensure-node-tools.sh`` (gitlab-ci-local in .tools/); the install measurement needs
the package index (skipped with a note without it). ``--no-install`` skips it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.gitlabci.glcl import GLCL, run, scratch_repo  # noqa: E402
from tests.helpers.git import GIT_ENV, git  # noqa: E402

REGISTRY_CI = (
    "include:\n  - local: pipelines/gitlab/registry.yml\n  - local: pipelines/gitlab/dns.yml\n"
    "  - local: pipelines/gitlab/backup.yml\n"
)
APP = "registry/apps/diskominfo/si-antrean/app.yaml"
IMAGE = {"REPOSPBE_IMAGE": "python:3.11.7-slim-bookworm"}
_FINISHED = re.compile(r"^(\S+) finished in ([\d.]+) (ms|s|min)", re.M)
_UNIT = {"ms": 0.001, "s": 1.0, "min": 60.0}


def _cli(*args: str, cwd: Path) -> str:
    env = {**os.environ, **GIT_ENV, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-m", "repospbe", *args], cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"repospbe {' '.join(args)}: {proc.stdout}{proc.stderr}")
    return proc.stdout


def _report(name: str, root: Path, *args: str, variables: dict[str, str]) -> None:
    res = run(root, *args, variables=variables, label=f"bench: {name}")
    times = {m.group(1): float(m.group(2)) * _UNIT[m.group(3)] for m in _FINISHED.finditer(res.output)}
    print(f"{name}: {res.seconds:.1f} s in all (gitlab-ci-local)")
    for job, verdict in res.results().items():
        print(f"  {verdict}  {job:<40} {times.get(job, float('nan')):6.1f} s")


def _registry(tmp: Path) -> Path:
    root = tmp / "registri"
    for part in ("registry", "checks", "pipelines"):
        shutil.copytree(ROOT / part, root / part)
    return scratch_repo(root, REGISTRY_CI, "registri")


def _change(root: Path) -> str:
    base = git(root, "rev-parse", "HEAD").strip()
    rec = root / APP
    rec.write_text(
        rec.read_text().replace("sebuah Aplikasi Khusus.", "sebuah Aplikasi Khusus (diperbarui).")
        + "kebutuhan_uji: [pytest]\n"
    )
    git(root, "commit", "-qam", "Perbarui si-antrean")
    return base


def pipelines(tmp: Path) -> None:
    reg = _registry(tmp / "mr")
    git(reg, "switch", "-q", "-c", "perbarui")
    base = _change(reg)
    mr = {
        "CI_PIPELINE_SOURCE": "merge_request_event",
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
        "CI_MERGE_REQUEST_IID": "1",
    }
    _report("MR (parent)", reg, "validate", "generate-child-pipeline", variables=mr)
    _report("MR (child pipeline)", reg, "--file", "child-pipeline.yml", variables={**mr, **IMAGE})

    reg = _registry(tmp / "push")
    base = _change(reg)
    push = {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BEFORE_SHA": base}
    _report("push main (parent)", reg, "validate", "generate-child-pipeline", variables=push)

    reg = _registry(tmp / "web")
    state, zone = tmp / "dns" / "state.json", tmp / "dns" / "zona.db"
    plan = _cli("dns", "plan", "--state", str(state), "--registry", str(reg), cwd=reg)
    checksum = plan.split("sha256: ", 1)[1].split()[0]
    web = {
        "CI_PIPELINE_SOURCE": "web",
        "REPOSPBE_DNS_CHECKSUM": checksum,
        "REPOSPBE_DNS_STATE": str(state),
        "REPOSPBE_DNS_ZONE": str(zone),
    }
    _report("web DNS apply", reg, "--manual", "dns-apply", variables=web)

    key = tmp / "operator"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "operator", "-f", str(key)], check=True)
    signers = tmp / "backup_signers"
    signers.write_text("operator " + " ".join(key.with_suffix(".pub").read_text().split()[:2]) + "\n")
    schedule = {
        "CI_PIPELINE_SOURCE": "schedule",
        "REPOSPBE_JOB": "backup",
        "REPOSPBE_BACKUP_KEY": str(key),
        "REPOSPBE_BACKUP_SIGNERS": str(signers),
        "REPOSPBE_BACKUP_DIR": str(tmp / "cadangan"),
    }
    _report("schedule backup", reg, variables=schedule)

    app_yml(tmp / "app")


def app_yml(tmp: Path) -> None:
    reg = tmp / "registri"
    for part in ("registry", "checks", "pipelines", "templates"):
        shutil.copytree(ROOT / part, reg / part)
    git(reg, "init", "-q", "-b", "main")
    git(reg, "add", "-A")
    git(reg, "commit", "-qm", "awal")
    _cli("new", "app", "--nama", "Uji Pipeline", "--opd", "diskominfo", "--registry", str(reg),
         "--deskripsi", "Aplikasi uji pipeline", "--fungsi", "layanan-publik", cwd=tmp)  # fmt: skip
    app = tmp / "uji-pipeline"
    ci = (app / ".gitlab-ci.yml").read_text()
    shutil.copy(ROOT / "pipelines/gitlab/app.yml", app / "repospbe-app.yml")
    local_ci = (
        ci.split("include:")[0]
        + "include:\n  - local: repospbe-app.yml\n"
        + ci.split("file: /pipelines/gitlab/app.yml\n")[1]
    )
    scratch_repo(app, local_ci, "uji-pipeline")
    _report("app.yml (app repository)", app, variables={"CI_PIPELINE_SOURCE": "merge_request_event", **IMAGE})


def install(tmp: Path) -> None:
    """The before_script's pip install in a fresh environment, cold cache vs the cache kept between jobs."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env |= {"PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_CACHE_DIR": str(tmp / "pip-cache")}
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp / "dist"), str(ROOT)],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    if built.returncode != 0:
        print(f"install step: skipped (wheel not built: {built.stderr.strip()[-200:]})")
        return
    wheel = str(next((tmp / "dist").glob("repospbe-*.whl")))
    shutil.rmtree(tmp / "pip-cache", ignore_errors=True)  # the wheel build may have filled it
    for label in ("cold cache", "warm cache"):
        target = tmp / label.replace(" ", "-")
        venv.EnvBuilder(with_pip=True).create(target)
        started = time.monotonic()
        proc = subprocess.run(
            [str(target / "bin" / "pip"), "install", "--quiet", wheel], env=env, capture_output=True, text=True
        )
        seconds = time.monotonic() - started
        if proc.returncode != 0:
            print(f"install step ({label}): failed: {proc.stderr.strip()[-300:]}")
            return
        print(f"install step ({label}): {seconds:.1f} s")


def main(argv: list[str]) -> int:
    if not GLCL.exists():
        print("gitlab-ci-local not installed: run scripts/ensure-node-tools.sh")
        return 1
    with tempfile.TemporaryDirectory(prefix="bench-glcl-") as tmp:
        pipelines(Path(tmp))
        if "--no-install" not in argv:
            install(Path(tmp) / "install")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
