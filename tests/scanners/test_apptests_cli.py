"""The attack of issue 13 end to end: a vendor ``tests/conftest.py`` run by ``python -m pytest`` as the
app's ``perintah_uji``, through the real CLI (``repospbe scan <opd>/<app>`` in a subprocess) on a real
registry git repository, with a decoy signing key in the reviewer's HOME and a token in the environment.
Every attempt fails inside bubblewrap, the honest test still passes and its JUnit report is collected."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import uuid
from pathlib import Path

import pytest

from repospbe.scanners import isolation
from tests.helpers.git import git, make_repo
from tests.pipeline.test_pipeline import APP_YAML
from tests.scanners.sandboxing import require_sandbox
from tests.scanners.test_apptests import _alive

CONFTEST = """import json, os, socket, sys
T = json.load(open(os.path.join(os.path.dirname(__file__), "targets.json")))
R = {}


def attempt(name, fn):
    try:
        R[name] = "OK " + repr(fn())
    except Exception as exc:
        R[name] = "DENIED " + type(exc).__name__


def every_proc():
    out = []
    for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
        for part in ("cmdline", "environ"):
            try:
                out.append(open(f"/proc/{pid}/{part}", "rb").read().decode(errors="replace"))
            except OSError:
                pass
    return " ".join(out)


def append(path, text):
    with open(path, "a") as f:
        f.write(text)


attempt("key", lambda: open(T["key"]).read())
attempt("ssh-dir", lambda: os.listdir(os.path.dirname(T["key"])))
attempt("parent-environ", lambda: open(f"/proc/{os.getppid()}/environ", "rb").read().decode())
attempt("parent-cmdline", lambda: open(f"/proc/{os.getppid()}/cmdline", "rb").read().decode())
attempt("token", lambda: os.environ["GITLAB_TOKEN"])
attempt("fsmonitor", lambda: append(T["config"], "[core]\\n\\tfsmonitor = touch /tmp/pwned\\n"))
attempt("branch", lambda: append(T["branch"], "0" * 40 + "\\n"))
attempt("pth", lambda: append(T["pth"], "# planted\\n"))
attempt("loopback", lambda: socket.create_connection(("127.0.0.1", T["port"]), timeout=3).close())
R["every-proc"] = every_proc()
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        code = "import sys, time; time.sleep(1.0); open(sys.argv[1], 'w').write('alive')"
        os.execv(sys.executable, [sys.executable, "-c", code, T["marker"], T["tag"]])
    os._exit(0)
os.wait()
print("SERANGAN " + json.dumps(R))
"""
COMMAND = "python -m pytest -q -s -p no:cacheprovider --junitxml=hasil-uji/junit.xml tests"


@pytest.mark.slow
def test_hostile_conftest_through_the_cli_reaches_nothing(registry_copy: Path, tmp_path: Path) -> None:
    require_sandbox()
    home = tmp_path / "reviewer"
    (home / ".ssh").mkdir(parents=True)
    decoy = f"-----BEGIN OPENSSH PRIVATE KEY-----\ndecoy-{uuid.uuid4().hex}\n-----END OPENSSH PRIVATE KEY-----\n"
    (home / ".ssh" / "id_ed25519").write_text(decoy)
    token, tag = "glpat-" + uuid.uuid4().hex, "daemon-" + uuid.uuid4().hex
    config = registry_copy / ".git" / "config"
    config_before = config.read_bytes()
    pth = Path(sysconfig.get_paths()["purelib"]) / f"repospbe-cli-test-{uuid.uuid4().hex}.pth"
    marker = tmp_path / "daemon-marker"
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(0.1)
    targets = {
        "key": str(home / ".ssh" / "id_ed25519"),
        "config": str(config),
        "pth": str(pth),
        "branch": str(registry_copy / ".git" / "refs" / "heads" / "vendor"),
        "port": listener.getsockname()[1],
        "marker": str(marker),
        "tag": tag,
    }
    _add_app(
        registry_copy,
        tmp_path,
        {
            "tests/targets.json": json.dumps(targets),
            "tests/conftest.py": CONFTEST,
            "tests/test_app.py": "def test_ok():\n    assert 1 + 1 == 2\n",
            "LICENSE": "MIT License\nCopyright (c) 2026 Pemerintah Kota Pontianak\n",
        },
    )
    out = tmp_path / f"out-{tag}"  # the reviewer's command line names the daemon tag: it must not leak
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPOSPBE_")}
    env.update({"HOME": str(home), "GITLAB_TOKEN": token, "PYTHONPATH": os.pathsep.join(sys.path)})
    try:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "repospbe",
                "scan",
                "diskominfo/jahat",
                "--registry",
                str(registry_copy),
                "--stage",
                "test",
                "--output-dir",
                str(out),
                "--cache-dir",
                str(tmp_path / "cache"),
                "--format",
                "json",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
            cwd=registry_copy,
        )
        try:
            listener.accept()[0].close()
            reached = True
        except OSError:
            reached = False
    finally:
        listener.close()
        pth_planted = pth.exists()
        pth.unlink(missing_ok=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    log = (out / "app-tests.log").read_text()
    [line] = [ln for ln in log.splitlines() if ln.startswith("SERANGAN ")]
    attempts = json.loads(line.removeprefix("SERANGAN "))
    every = attempts.pop("every-proc")
    assert {name: result.split()[0] for name, result in attempts.items()} == dict.fromkeys(attempts, "DENIED")
    assert len(attempts) == 9
    assert "pytest" in every  # it did read its own sandbox's /proc
    assert token not in every and tag not in every and str(home) not in every
    for path in out.rglob("*"):
        text = path.read_text(errors="replace") if path.is_file() else ""
        assert decoy not in text and token not in text, path
    assert config.read_bytes() == config_before and not (registry_copy / ".git/refs/heads/vendor").exists()
    assert "fsmonitor" not in git(registry_copy, "config", "--list", "--local")
    assert not pth_planted and not reached
    record = json.loads((out / "pipeline-record.json").read_text())
    [app] = record["apps"]
    checks = {c["name"]: c for c in app["checks"]}
    assert checks["app-tests"]["status"] == "passed"
    assert checks["app-tests"]["detail"] == "kode keluar 0; 1 lulus, 0 gagal, 0 galat, 0 dilewati; isolasi: bubblewrap"
    assert '<testcase classname="tests.test_app" name="test_ok"' in (out / "app-tests.junit.xml").read_text()
    time.sleep(1.5)  # past the daemon's delay
    assert not marker.exists() and not _alive(tag, grace=0.0)


def _add_app(root: Path, tmp_path: Path, files: dict[str, str]) -> None:
    commit = make_repo(tmp_path / "src-jahat", dict(files))
    bundle = root / "registry" / "sources" / "diskominfo" / "jahat.bundle"
    bundle.parent.mkdir(parents=True, exist_ok=True)
    git(tmp_path / "src-jahat", "bundle", "create", str(bundle), "--all")
    rec = root / "registry" / "apps" / "diskominfo" / "jahat" / "app.yaml"
    rec.parent.mkdir(parents=True, exist_ok=True)
    rec.write_text(APP_YAML.format(app="jahat", commit=commit) + f"perintah_uji: {COMMAND}\n")
    for doc in ("kebutuhan.md", "kak.md"):
        shutil.copy(root / "registry" / "apps" / "diskominfo" / "si-antrean" / doc, rec.parent / doc)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "vendor app")


def test_isolation_variable_names_are_stable() -> None:
    assert (isolation.ISOLATION_ENV, isolation.CI_RUNNER, isolation.BWRAP_ENV) == (
        "REPOSPBE_ISOLATION",
        "ci-runner",
        "REPOSPBE_BWRAP",
    )
