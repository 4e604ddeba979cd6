"""Hostile app tests against the real app-tests scanner: each abuse of issue 13 fails inside bubblewrap.

Every fixture app's test command is an attack (a Python script in the app's source). Where it is safe,
the same attack is first shown to work without the sandbox (a declared CI runner job, a plain process
group), so each assertion is one that could fail.
"""

from __future__ import annotations

import ctypes
import os
import platform
import socket
import subprocess
import sys
import sysconfig
import threading
import time
import uuid
from pathlib import Path

import pytest

from repospbe.scanners import apptests, isolation
from repospbe.scanners.base import AppInfo, ScanContext, ScanResult
from tests.helpers.git import git
from tests.scanners.conftest import options
from tests.scanners.sandboxing import require_sandbox
from tests.scanners.test_apptests import _alive

DECOY = "-----BEGIN OPENSSH PRIVATE KEY-----\ndecoy-" + uuid.uuid4().hex + "\n-----END OPENSSH PRIVATE KEY-----\n"

READ = """import sys
for path in sys.argv[1:]:
    try:
        print("READ", path, open(path).read())
    except OSError as exc:
        print("DENIED", path, exc.strerror)
"""
PROC = """import os
print("SELF", open("/proc/self/cmdline", "rb").read().replace(b"\\0", b" ").decode())
print("PPID", os.getppid())
for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
    for part in ("cmdline", "environ"):
        try:
            data = open(f"/proc/{pid}/{part}", "rb").read()
            if b"glpat-" in data or b"reviewer-" in data:  # what a thief looks for (the log keeps only a tail)
                print("PROC", pid, part, data.replace(b"\\0", b" ").decode())
        except OSError as exc:
            print("DENIED", pid, part, exc.strerror)
print("ENV", dict(os.environ))
"""
WRITE = """import sys
config, pth = sys.argv[1], sys.argv[2]
for path, text in ((config, "[core]\\n\\tfsmonitor = touch /tmp/pwned\\n"), (pth, "# planted\\n")):
    try:
        with open(path, "a") as out:
            out.write(text)
        print("WROTE", path)
    except OSError as exc:
        print("DENIED", path, exc.strerror)
"""
CONNECT = """import socket, sys
try:
    socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3).close()
    print("CONNECTED")
except OSError as exc:
    print("REFUSED", exc)
"""
DAEMON = """import os, sys
marker, tag = sys.argv[1], sys.argv[2]
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        code = "import sys, time; time.sleep(1.0); open(sys.argv[1], 'w').write('alive')"
        os.execv(sys.executable, [sys.executable, "-c", code, marker, tag])
    os._exit(0)
os.wait()
print("DAEMON STARTED", tag)
"""
LIMITS = """import sys
try:
    block = bytearray(768 * 1024 * 1024)
    print("ALLOCATED", len(block))
except MemoryError:
    print("NO MEMORY")
try:
    with open("big.bin", "wb") as out:
        out.write(b"x" * (2 * 1024 * 1024))
    print("WROTE BIG")
except OSError as exc:
    print("TOO BIG", exc.strerror)
"""


@pytest.fixture(autouse=True)
def sandbox(monkeypatch: pytest.MonkeyPatch) -> None:
    require_sandbox()
    monkeypatch.delenv(isolation.ISOLATION_ENV, raising=False)
    monkeypatch.delenv(isolation.BWRAP_ENV, raising=False)


def hostile(tmp_path: Path, script: str, *args: str, timeout: float = 30) -> ScanResult:
    """Run ``python evil.py ARGS`` as the app's test command through the real scanner."""
    src = tmp_path / "app"
    src.mkdir(exist_ok=True)
    (src / "evil.py").write_text(script)
    command = " ".join(["python", "evil.py", *(repr(a) for a in args)])
    ctx = ScanContext(
        src,
        "t",
        options(test_timeout=timeout),
        app=AppInfo(key="vendor/jahat", status="pengembangan", perintah_uji=command),
    )
    return apptests.run(ctx)


def log(result: ScanResult) -> str:
    return dict(result.artifacts)["app-tests.log"]


def as_ci_runner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(isolation.ISOLATION_ENV, isolation.CI_RUNNER)


def test_cannot_read_a_key_in_the_reviewers_home_or_any_file_outside_its_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "reviewer"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "id_ed25519").write_text(DECOY)
    (tmp_path / "registry.txt").write_text("registry-" + DECOY)
    monkeypatch.setenv("HOME", str(home))
    targets = (str(home / ".ssh" / "id_ed25519"), str(tmp_path / "registry.txt"), "/etc/shadow")
    as_ci_runner(monkeypatch)
    assert DECOY in log(hostile(tmp_path, READ, *targets))  # the attack, without a sandbox
    monkeypatch.delenv(isolation.ISOLATION_ENV)
    result = hostile(tmp_path, READ, *targets)
    assert result.status == "passed" and apptests.isolation_of(result) == "bubblewrap"
    assert DECOY not in log(result)
    assert [line.split()[0] for line in log(result).splitlines()] == ["DENIED"] * 3


def test_cannot_read_the_parents_environ_or_cmdline_nor_see_a_secret_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = "glpat-" + uuid.uuid4().hex
    tag = "reviewer-" + uuid.uuid4().hex
    monkeypatch.setenv("GITLAB_TOKEN", token)
    reviewer = _sleeper(tag, {**os.environ, "GITLAB_TOKEN": token})  # a process of the reviewer's session
    try:
        as_ci_runner(monkeypatch)
        unsandboxed = log(hostile(tmp_path, PROC))
        assert token in unsandboxed and tag in unsandboxed  # the attack, without a sandbox
        monkeypatch.delenv(isolation.ISOLATION_ENV)
        result = hostile(tmp_path, PROC)
    finally:
        reviewer.kill()
        reviewer.wait()
    seen = log(result)
    assert "SELF python evil.py" in seen  # the script ran and could read its own /proc
    assert token not in seen and tag not in seen
    assert "GITLAB_TOKEN" not in seen and "PPID 0" in seen  # it is PID 1 of its namespace: no parent visible


def test_cannot_write_the_registry_repository_or_the_virtualenv(tmp_path: Path) -> None:
    repo = tmp_path / "registry"
    repo.mkdir()
    git(repo, "init", "-q")
    config = repo / ".git" / "config"
    before = config.read_bytes()
    pth = Path(sysconfig.get_paths()["purelib"]) / f"repospbe-sandbox-test-{uuid.uuid4().hex}.pth"
    try:
        result = hostile(tmp_path, WRITE, str(config), str(pth))
        assert config.read_bytes() == before
        assert not pth.exists()
    finally:
        pth.unlink(missing_ok=True)
    assert [line.split()[0] for line in log(result).splitlines()] == ["DENIED", "DENIED"]
    assert "fsmonitor" not in git(repo, "config", "--list", "--local")


def test_cannot_reach_a_server_on_the_hosts_loopback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    accepted: list[str] = []
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(4)
        server.settimeout(0.2)
        stop = threading.Event()

        def serve() -> None:
            while not stop.is_set():
                try:
                    conn, _ = server.accept()
                except OSError:
                    continue
                accepted.append("x")
                conn.close()

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        port = str(server.getsockname()[1])
        try:
            as_ci_runner(monkeypatch)
            assert "CONNECTED" in log(hostile(tmp_path, CONNECT, port)) and accepted  # without a sandbox
            accepted.clear()
            monkeypatch.delenv(isolation.ISOLATION_ENV)
            result = hostile(tmp_path, CONNECT, port)
        finally:
            stop.set()
            thread.join(timeout=5)
    assert "REFUSED" in log(result) and "CONNECTED" not in log(result)
    assert accepted == []


def test_leaves_no_process_behind_even_after_setsid_and_a_double_fork(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "daemon-marker"
    as_ci_runner(monkeypatch)  # the attack, without a sandbox: the daemon escapes the process group
    hostile(tmp_path, DAEMON, str(marker), "daemon-" + uuid.uuid4().hex)
    deadline = time.monotonic() + 5
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert marker.read_text() == "alive"
    marker.unlink()
    monkeypatch.delenv(isolation.ISOLATION_ENV)
    tag = "daemon-" + uuid.uuid4().hex
    result = hostile(tmp_path, DAEMON, str(marker), tag)
    assert "DAEMON STARTED" in log(result) and result.status == "passed"
    assert not _alive(tag, grace=0.5)
    time.sleep(1.5)  # past the daemon's delay: it would have written its marker by now
    assert not marker.exists() and not _alive(tag, grace=0.0)


def test_limits_memory_and_file_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(isolation, "LIMITS", isolation.Limits(address_space=512 * 1024**2, file_size=1024**2))
    out = log(hostile(tmp_path, LIMITS))
    assert "NO MEMORY" in out and "TOO BIG File too large" in out
    monkeypatch.setattr(isolation, "LIMITS", isolation.Limits())
    out = log(hostile(tmp_path, LIMITS))
    assert "ALLOCATED" in out and "WROTE BIG" in out


def _sleeper(tag: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", tag], env=env)
    deadline = time.monotonic() + 5
    while not _alive(tag, grace=0.0) and time.monotonic() < deadline:
        time.sleep(0.05)
    return proc


def test_runs_without_capabilities_privileges_or_nested_namespaces(tmp_path: Path) -> None:
    script = (
        "import subprocess\n"
        'print(open("/proc/self/status").read())\n'
        'print("UNSHARE", subprocess.run(["unshare", "-U", "true"]).returncode)\n'
        'print("HOSTNAME", open("/proc/sys/kernel/hostname").read().strip())\n'
        'print(open("/proc/self/limits").read())\n'
    )
    out = log(hostile(tmp_path, script))
    status = dict(line.split(":\t", 1) for line in out.splitlines() if ":\t" in line)
    assert status["CapEff"].strip() == status["CapBnd"].strip() == "0" * 16
    assert status["NoNewPrivs"].strip() == "1" and status["Uid"].split()[0] == "1000"
    assert "UNSHARE 0" not in out and "UNSHARE" in out and "HOSTNAME uji" in out
    limits = {line[:26].strip(): line[26:].split()[:2] for line in out.splitlines() if line.startswith("Max ")}
    expected = isolation.LIMITS
    assert limits["Max address space"] == [str(expected.address_space)] * 2
    assert limits["Max processes"] == [str(expected.processes)] * 2  # per sandbox user namespace
    assert limits["Max file size"] == [str(expected.file_size)] * 2 and limits["Max core file size"] == ["0", "0"]


def test_cannot_read_keys_in_the_reviewers_kernel_session_keyring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    arch = platform.machine()
    if libc.syscall(isolation.KEYCTL.get(arch, -1), 1, b"repospbe-test") < 0:  # a session keyring of our own
        pytest.skip(reason="keyctl tidak tersedia di sini (mis. seccomp kontainer); kunci kernel tak terjangkau")
    payload = DECOY.encode()
    key = libc.syscall(ADD_KEY.get(arch, -1), b"user", b"repospbe-decoy", payload, len(payload), -3)
    assert key > 0, os.strerror(ctypes.get_errno())
    script = (
        "import ctypes, os, sys\n"
        "buf = ctypes.create_string_buffer(4096)\n"
        "n = ctypes.CDLL(None, use_errno=True).syscall(int(sys.argv[1]), 11, int(sys.argv[2]), buf, 4096)\n"
        "print('READ', buf.raw[:n].decode() if n >= 0 else os.strerror(ctypes.get_errno()))\n"
    )
    as_ci_runner(monkeypatch)
    assert DECOY in log(hostile(tmp_path, script, str(isolation.KEYCTL[arch]), str(key)))  # without a sandbox
    monkeypatch.delenv(isolation.ISOLATION_ENV)
    out = log(hostile(tmp_path, script, str(isolation.KEYCTL[arch]), str(key)))
    assert DECOY not in out and out.startswith("READ ") and "Permission denied" in out


ADD_KEY = {
    "x86_64": 248,
    "aarch64": 217,
    "riscv64": 217,
    "i686": 286,
    "i386": 286,
    "armv7l": 309,
    "ppc64le": 269,
    "s390x": 278,
}


def test_cannot_reach_the_reviewers_ssh_agent_socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "agent.sock"
    script = (
        "import os, socket, sys\n"
        "target = os.environ.get('SSH_AUTH_SOCK') or sys.argv[1]\n"
        "try:\n"
        "    socket.socket(socket.AF_UNIX).connect(target)\n"
        "    print('CONNECTED', target)\n"
        "except OSError as exc:\n"
        "    print('REFUSED', exc.strerror)\n"
    )
    with socket.socket(socket.AF_UNIX) as agent:
        agent.bind(str(path))
        agent.listen(4)
        monkeypatch.setenv("SSH_AUTH_SOCK", str(path))
        as_ci_runner(monkeypatch)
        assert "CONNECTED" in log(hostile(tmp_path, script, str(path)))  # without a sandbox
        monkeypatch.delenv(isolation.ISOLATION_ENV)
        out = log(hostile(tmp_path, script, str(path)))
    assert out.startswith("REFUSED No such file or directory")


def test_a_fifo_or_a_link_left_as_junit_xml_neither_hangs_nor_leaks(tmp_path: Path) -> None:
    (tmp_path / "secret.xml").write_text('<testsuite name="s" tests="1"><testcase name="' + DECOY + '"/></testsuite>')
    script = "import os, sys\nos.mkfifo('hang.xml')\nos.symlink(sys.argv[1], 'link.xml')\n"
    done: list[ScanResult] = []
    runner = threading.Thread(
        target=lambda: done.append(hostile(tmp_path, script, str(tmp_path / "secret.xml"))), daemon=True
    )
    runner.start()
    runner.join(timeout=30)
    assert done, "app-tests hung on a FIFO written by the tests"
    [result] = done
    assert result.status == "passed" and "app-tests.junit.xml" not in dict(result.artifacts)
    assert all(DECOY not in text for _, text in result.artifacts)
