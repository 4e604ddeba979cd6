"""Where app (vendor) code runs: a bubblewrap sandbox, or a declared CI runner job.

App code is hostile (DESIGN.md, trust model). Its test command runs only:

* ``bubblewrap``: new user, PID, network, IPC, UTS (and, where possible, cgroup)
  namespaces; no capabilities; an empty environment plus a fixed minimal one; a
  read-only view of ``/usr``, the host's ``/bin``, ``/sbin`` and ``/lib*`` (links
  where the host has merged ``/usr``), a few ``/etc`` files without secrets and a
  synthetic ``passwd``/``group``, and the Python installation the tests need
  (``sys.prefix`` and ``sys.base_prefix``, never a home directory itself); the
  throwaway copy of the source as the only writable tree; ``HOME`` and ``TMPDIR``
  on size-limited tmpfs; new ``/proc`` and a minimal ``/dev``; the rest of the
  sandbox root read-only. Limits on address space, processes, file size and core
  dumps are set inside (``prlimit``), after the namespaces exist, so only sandbox
  processes count. The command is PID 1 of its own PID namespace (no parent, no
  bwrap process visible); when it ends or is stopped (``--die-with-parent``) the
  kernel ends every process left in the namespace, ``setsid`` daemons included.
* ``ci-runner``: ``REPOSPBE_ISOLATION=ci-runner`` declares the run an isolated
  container job that holds no signing key; the command runs as a plain process
  group there. Any other value is refused.

Where neither holds (``bwrap`` missing or unable to create namespaces, probed once
per process), app tests do not run: a blocking finding says why.
"""

from __future__ import annotations

import ctypes
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from repospbe.states import Isolation

BWRAP_ENV = "REPOSPBE_BWRAP"
ISOLATION_ENV = "REPOSPBE_ISOLATION"
BUBBLEWRAP = Isolation.BUBBLEWRAP
CI_RUNNER = Isolation.CI_RUNNER
INSIDE = "/sandbox"
WORK = f"{INSIDE}/work"
HOME = f"{INSIDE}/home"
TMP = "/tmp"
UID = 1000
PROBE_TIMEOUT = 20.0
ETC = (
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "alternatives",
    "nsswitch.conf",
    "hosts",
    "host.conf",
    "localtime",
    "timezone",
    "ssl/certs",
    "ssl/openssl.cnf",
    "ca-certificates",
    "mime.types",
    "protocols",
    "services",
    "os-release",
    "debian_version",
    "locale.alias",
    "php",
    "fonts",
)
SYSTEM_DIRS = ("bin", "sbin", "lib", "lib32", "lib64", "libx32")
PASSWD = (
    f"root:x:0:0:root:/nonexistent:/usr/sbin/nologin\nuji:x:{UID}:{UID}:uji:{HOME}:/bin/sh\n"
    "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
)
GROUP = f"root:x:0:\nuji:x:{UID}:\nnogroup:x:65534:\n"
# keyctl(2) system call numbers; KEYCTL_JOIN_SESSION_KEYRING = 1.
KEYCTL = {
    "x86_64": 250,
    "aarch64": 219,
    "riscv64": 219,
    "i686": 288,
    "i386": 288,
    "armv7l": 311,
    "ppc64le": 271,
    "s390x": 280,
}


@dataclass(frozen=True)
class Limits:
    """Resource limits inside the sandbox (bytes, processes). The wall time is the scan option.
    ``processes`` counts the sandbox's own user namespace only; the kernel does not apply it when the
    caller is root (its processes are host root's), where the PID namespace and the timeout still hold."""

    address_space: int = 4 * 1024**3
    processes: int = 256
    file_size: int = 1024**3
    tmpfs: int = 512 * 1024**2

    def prlimit(self) -> list[str]:
        return [
            "/usr/bin/prlimit",
            f"--as={self.address_space}",
            f"--nproc={self.processes}",
            f"--fsize={self.file_size}",
            "--core=0",
            "--",
        ]


LIMITS = Limits()


@dataclass(frozen=True)
class Mode:
    """The isolation to use: ``kind`` is ``bubblewrap`` or ``ci-runner``; when empty, ``check`` (a finding
    id) and ``reason`` say why none is possible."""

    kind: Isolation = Isolation.NONE
    check: str = ""
    reason: str = ""


def bwrap_path() -> str:
    """``$REPOSPBE_BWRAP``, or ``bwrap`` on PATH, or ``/usr/bin/bwrap``."""
    return os.environ.get(BWRAP_ENV) or shutil.which("bwrap") or "/usr/bin/bwrap"


def choose() -> Mode:
    """The isolation for this process: a declared CI runner job, else a working bubblewrap, else none."""
    declared = os.environ.get(ISOLATION_ENV, "")
    if declared == CI_RUNNER:
        return Mode(CI_RUNNER)
    if declared:
        return Mode(check="app-tests.bad-isolation", reason=declared[:80])
    problem = probe(bwrap_path())
    return Mode(check="app-tests.no-sandbox", reason=problem) if problem else Mode(BUBBLEWRAP)


def basis() -> str:
    """The isolation as part of a scan-result cache key (results never cross isolations)."""
    mode = choose()
    return mode.kind.value or f"{mode.check}:{mode.reason}"


@lru_cache(maxsize=8)
def probe(bwrap: str) -> str:
    """'' when ``bwrap`` makes the sandbox (same arguments as a real run, command ``true``); else why not."""
    with tempfile.TemporaryDirectory(prefix="repospbe-probe-") as scratch:
        root = Path(scratch)
        (root / "work").mkdir()
        argv = command(bwrap, root, ["true"])
        try:
            proc = subprocess.run(
                argv, env={}, stdin=subprocess.DEVNULL, capture_output=True, timeout=PROBE_TIMEOUT, check=False
            )
        except (OSError, subprocess.SubprocessError) as exc:
            return f"{bwrap}: {getattr(exc, 'strerror', None) or exc}"
    if proc.returncode != 0:
        return (proc.stderr.decode("utf-8", "replace").strip() or f"exit {proc.returncode}")[-300:]
    return ""


def _syscall() -> Callable[..., int] | None:
    try:
        func: Callable[..., int] = ctypes.CDLL(None, use_errno=True).syscall
    except (OSError, AttributeError):
        return None
    return func


_SYSCALL = _syscall()
_KEYCTL = KEYCTL.get(platform.machine())


def fresh_keyring() -> None:
    """In the child before exec: join a new anonymous session keyring, so nothing the caller keeps in
    its kernel session keyring is reachable (a user namespace does not change the session keyring).
    Where keyctl is unavailable (e.g. refused by a container's seccomp) nothing can reach keys anyway."""
    if _SYSCALL is not None and _KEYCTL is not None:
        _SYSCALL(_KEYCTL, 1, None)


def search_path() -> list[str]:
    """PATH inside (and outside: the same directories are bound at the same places)."""
    return [str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"]


def environment() -> dict[str, str]:
    """The whole environment of the test command: nothing is inherited."""
    return {
        "PATH": ":".join(search_path()),
        "HOME": HOME,
        "TMPDIR": TMP,
        "USER": "uji",
        "LOGNAME": "uji",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "CI": "true",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def command(bwrap: str, scratch: Path, argv: list[str], limits: Limits | None = None) -> list[str]:
    """The bwrap command line running ``argv`` in ``scratch/work`` (the only writable host tree)."""
    limits = limits or LIMITS
    has = features(bwrap)
    etc = scratch / "etc"
    etc.mkdir(exist_ok=True)
    (etc / "passwd").write_text(PASSWD)
    (etc / "group").write_text(GROUP)
    out = [
        bwrap,
        "--unshare-user",
        "--uid",
        str(UID),
        "--gid",
        str(UID),
        "--unshare-pid",
        "--unshare-net",
        "--unshare-ipc",
        "--unshare-uts",
        "--unshare-cgroup-try",
        "--hostname",
        "uji",
        "--as-pid-1",
        "--die-with-parent",
        "--new-session",
        "--cap-drop",
        "ALL",
        "--clearenv",
    ]
    if "--disable-userns" in has:  # bwrap >= 0.8: no nested user namespaces (kernel attack surface)
        out.append("--disable-userns")
    for name, value in environment().items():
        out += ["--setenv", name, value]
    out += ["--ro-bind", "/usr", "/usr"]
    out += _system_dirs()
    for rel in ETC:
        out += ["--ro-bind-try", f"/etc/{rel}", f"/etc/{rel}"]
    out += ["--ro-bind", str(etc / "passwd"), "/etc/passwd", "--ro-bind", str(etc / "group"), "/etc/group"]
    size = ["--size", str(limits.tmpfs)] if "--size" in has else []  # bwrap >= 0.5
    out += ["--proc", "/proc", "--dev", "/dev", *size, "--tmpfs", TMP, *size, "--tmpfs", HOME]
    for prefix in python_dirs():  # after the tmpfs mounts: an interpreter under /tmp stays visible
        out += ["--ro-bind", prefix, prefix]
    out += ["--bind", str(scratch / "work"), WORK, "--remount-ro", "/", "--chdir", WORK, "--"]
    return out + limits.prlimit() + argv


@lru_cache(maxsize=8)
def features(bwrap: str) -> frozenset[str]:
    """The optional options this ``bwrap`` knows (from ``--help``); empty when it cannot run."""
    try:
        proc = subprocess.run([bwrap, "--help"], env={}, capture_output=True, timeout=PROBE_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    text = (proc.stdout + proc.stderr).decode("utf-8", "replace")
    return frozenset(opt for opt in ("--disable-userns", "--size") if opt in text)


def _system_dirs() -> list[str]:
    out: list[str] = []
    for name in SYSTEM_DIRS:
        host = Path("/") / name
        if host.is_symlink():
            out += ["--symlink", os.readlink(host), str(host)]
        elif host.is_dir():
            out += ["--ro-bind", str(host), str(host)]
    return out


def python_dirs() -> list[str]:
    """The interpreter's installation (venv and base), outermost first; never ``/``, ``/usr`` (bound
    already), a home directory or anything that contains one."""
    homes = {Path(os.path.expanduser("~")).resolve(), Path("/root"), Path("/home")}
    found: list[Path] = []
    for raw in (
        sys.prefix,
        sys.exec_prefix,
        sys.base_prefix,
        sys.base_exec_prefix,
        str(Path(os.path.realpath(sys.executable)).parent.parent),
    ):
        for path in (Path(os.path.abspath(raw)), Path(os.path.realpath(raw))):
            if path == Path("/") or path.is_relative_to("/usr") or not path.is_dir():
                continue
            if any(home.is_relative_to(path) for home in homes):
                continue
            found.append(path)
    keep = sorted(set(found), key=lambda p: len(p.parts))
    return [str(p) for i, p in enumerate(keep) if not any(p.is_relative_to(q) for q in keep[:i])]


def resolvable(program: str) -> bool:
    """Can the sandbox exec ``program``? (A bare name is looked up on the PATH inside, which holds the
    same read-only directories as outside.)"""
    if "/" in program:
        return True  # relative to the work copy or an absolute path: exec decides inside
    return shutil.which(program, path=os.pathsep.join(search_path())) is not None
