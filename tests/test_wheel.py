"""The built wheel works where users run it: a virtualenv outside the checkout.

Builds the wheel, installs it (with its dependencies, from the package index; the virtualenv of
the dependencies is kept between runs, keyed by what the wheel declares) into a virtualenv, and
runs ``repospbe scan --path`` on a copy of the example app from a directory that is not the
checkout: the default stages, semgrep rules and locale must come from the installed package.
Then ``pre-commit try-repo`` runs the hooks of ``.pre-commit-hooks.yaml`` on a scratch repository.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.helpers.git import GIT_ENV, REPO_ROOT, git, init_repo

# One worker builds the wheel and its environment once (module fixture) for the tests that use it.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]


def _run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    work = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(work / "dist"), str(REPO_ROOT)],
        work,
        env,
    )
    if built.returncode != 0 and os.environ.get("CI") != "true" and "hatchling" in built.stderr:
        pytest.skip(reason="hatchling tidak dapat dipasang (tanpa akses indeks paket)")
    assert built.returncode == 0, built.stderr
    wheel = next((work / "dist").glob("repospbe-*.whl"))
    with _environment_for(wheel, work, env) as bindir:
        check = _run([str(bindir / "pip"), "check"], work, env)
        assert check.returncode == 0, check.stdout
        env["PATH"] = f"{bindir}{os.pathsep}{env.get('PATH', '')}"
        env["HOME"] = str(work / "home")
        yield bindir, env


@contextmanager
def _environment_for(wheel: Path, work: Path, env: dict[str, str]) -> Iterator[Path]:
    """A virtualenv outside the checkout holding this wheel and the dependencies it declares.

    Installing the dependencies (semgrep, bandit, pyHanko, ...) takes most of a minute, so the
    virtualenv is kept between runs, keyed by the interpreter and the wheel's ``Requires-Dist``:
    a changed dependency gets a new one. The wheel itself is always installed afresh, and
    ``pip check`` (in the caller) proves what it declares is satisfied. Its users hold a shared
    lock while they run it (the tests of this module may run on two pytest-xdist workers at
    once); reinstalling takes the exclusive lock, so a wheel is never swapped under a test."""
    with zipfile.ZipFile(wheel) as zf:
        meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        requires = sorted(ln for ln in zf.read(meta).decode().splitlines() if ln.startswith("Requires-Dist:"))
    key = hashlib.sha256("\n".join([sys.version, *requires]).encode()).hexdigest()[:16]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "repospbe-tests" / f"wheel-env-{key}"
    cache.parent.mkdir(parents=True, exist_ok=True)
    # Another test run on this machine may use the same virtualenv: one pip at a time in it.
    with open(cache.parent / f"wheel-env-{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _install(wheel, cache, work, env)
        fcntl.flock(lock, fcntl.LOCK_SH)  # kept while the tests use it
        yield cache / "bin"


def _install(wheel: Path, cache: Path, work: Path, env: dict[str, str]) -> None:
    bindir = cache / "bin"
    if (cache / "lengkap").is_file():
        again = [str(bindir / "pip"), "install", "--quiet", "--no-deps", "--force-reinstall", str(wheel)]
        if _run(again, work, env).returncode == 0:
            return
        (cache / "lengkap").unlink()  # a damaged kept virtualenv (an interrupted run): made anew
    shutil.rmtree(cache, ignore_errors=True)
    venv.EnvBuilder(with_pip=True).create(cache)
    inst = _run([str(bindir / "pip"), "install", "--quiet", str(wheel)], work, env)
    assert inst.returncode == 0, inst.stderr
    (cache / "lengkap").write_text(wheel.name + "\n")


def test_installed_wheel_scans_the_example_app_outside_the_checkout(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    bindir, env = installed
    app = tmp_path / "si-antrean"
    shutil.copytree(REPO_ROOT / "examples" / "si-antrean", app)
    where = _run([str(bindir / "python"), "-c", "import repospbe, sys; print(repospbe.__file__)"], tmp_path, env)
    assert str(REPO_ROOT) not in where.stdout and "site-packages" in where.stdout
    out = tmp_path / "laporan"
    res = _run(
        [str(bindir / "repospbe"), "scan", "--path", str(app), "--output-dir", str(out)],
        tmp_path,
        {**env, "REPOSPBE_ISOLATION": "ci-runner"},
    )
    assert res.returncode in (0, 1), res.stdout + res.stderr  # a verdict, never a usage or internal error
    record = json.loads((out / "pipeline-record.json").read_text())
    ran = {c["name"] for a in record["apps"] for c in a["checks"]}
    assert {"semgrep", "bandit", "secrets", "license"} <= ran
    assert all(c["status"] != "error" for a in record["apps"] for c in a["checks"]), record
    for report in ("gl-sast-report.json", "gl-code-quality-report.json", "junit.xml"):
        assert (out / report).is_file(), report


def test_installed_wheel_creates_a_new_registry_outside_any_checkout(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    # A Pemda starting out has only the installed package: templates, schemas, rules and stages are shipped.
    bindir, env = installed
    dest = tmp_path / "registri-contohkab"
    res = _run(
        [
            str(bindir / "repospbe"),
            "new",
            "registry",
            str(dest),
            "--pemda",
            "Pemerintah Kabupaten Contoh",
            "--domain",
            "contohkab.go.id",
            "--diskominfo-kode",
            "kominfo",
            "--pusat-data",
            "203.0.113.0/24",
            "--no-input",
        ],
        tmp_path,
        env,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    for part in (
        "checks/schemas/app.schema.json",
        "checks/semgrep",
        "pipelines/stages.yaml",
        "templates/aplikasi-khusus/cookiecutter.json",
    ):
        assert (dest / part).exists(), part
    check = _run([str(bindir / "repospbe"), "check", "--registry", str(dest)], tmp_path, env)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.fixture(scope="module")
def pre_commit(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """pre-commit alone in a clean virtualenv: it builds the hook's own environment from the repository."""
    work = tmp_path_factory.mktemp("pre-commit")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    venv.EnvBuilder(with_pip=True).create(work / "venv")
    bindir = work / "venv" / "bin"
    inst = _run([str(bindir / "pip"), "install", "--quiet", "pre-commit>=4,<5"], work, env)
    assert inst.returncode == 0, inst.stderr
    env["PATH"] = f"{bindir}{os.pathsep}{env.get('PATH', '')}"
    env["HOME"] = str(work / "home")
    return bindir, env


def test_pre_commit_try_repo_runs_the_hooks(pre_commit: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    bindir, env = pre_commit
    hooks = tmp_path / "repospbe-hooks"
    # try-repo installs the hook repository from a git repository: a snapshot of this checkout.
    shutil.copytree(
        REPO_ROOT,
        hooks,
        ignore=shutil.ignore_patterns(
            ".venv",
            ".tools",
            ".git",
            "site",
            "test-artifacts",
            "__pycache__",
            ".mypy_cache",
            ".pytest_cache",
            ".repospbe*",
            "tests",
            "benchmarks",
            "docs",
        ),
    )
    env = {**env, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}
    init_repo(hooks, "hooks")
    repo = tmp_path / "aplikasi"
    shutil.copytree(REPO_ROOT / "examples" / "si-antrean", repo)
    (repo / "LICENSE").write_text("SPDX-License-Identifier: MIT\n\n" + (repo / "LICENSE").read_text())
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    res = _run([str(bindir / "pre-commit"), "try-repo", str(hooks), "repospbe-scan", "--all-files"], repo, env)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "repospbe scan" in res.stdout and "Passed" in res.stdout
