"""Every git call in ``src/`` goes through the one git runner (``repospbe.git.runner``).

1. A scan of the source: no module other than ``git/runner.py`` starts git itself (a
   ``subprocess``/``os`` call or an argument list whose first element is ``git``, or
   GitPython's ``Git``/``Repo``).
2. The runner's policy holds end to end: a hostile caller environment (``GIT_DIR``,
   ``GIT_INDEX_FILE``, ``GIT_CONFIG_*``) and a repository with ``core.fsmonitor`` set do
   not change what ``repospbe check --changed-since`` sees, and run nothing.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from tests.helpers.cli import run_cli
from tests.helpers.git import git

SRC = Path(__file__).resolve().parents[1] / "src" / "repospbe"
RUNNER = SRC / "git" / "runner.py"
_PROCESS_CALLS = {
    "subprocess": {"run", "Popen", "call", "check_call", "check_output", "getoutput", "getstatusoutput"},
    "os": {
        "system",
        "popen",
        "execv",
        "execvp",
        "execvpe",
        "execl",
        "execlp",
        "spawnv",
        "spawnvp",
        "posix_spawn",
        "posix_spawnp",
    },
}


def _is_git_word(node: ast.AST | None) -> bool:
    """``"git"``, ``"/usr/bin/git"`` or a shell string starting with ``git ``."""
    if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
        return False
    word = node.value.strip()
    return word == "git" or word.endswith("/git") or word.startswith("git ")


def _argv_is_git(node: ast.AST) -> bool:
    if isinstance(node, (ast.List, ast.Tuple)) and node.elts:
        return _is_git_word(node.elts[0])
    return _is_git_word(node)


def _call_name(func: ast.AST) -> tuple[str, str]:
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return func.value.id, func.attr
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute):
        return func.value.attr, func.attr  # git.cmd.Git(...)
    if isinstance(func, ast.Name):
        return "", func.id
    return "", ""


def _gitpython_names(tree: ast.Module) -> set[str]:
    """Names bound to GitPython (``import git``, ``from git import Repo``, ``from git.cmd import Git``)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names if a.name.split(".")[0] == "git"}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "git" and node.level == 0:
            names |= {a.asname or a.name for a in node.names}
    return names


def _git_argv_names(tree: ast.Module) -> set[str]:
    """Variables assigned an argument list that starts with ``git`` (``cmd = ["git", ...]``)."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _argv_is_git(node.value):
            out |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return out


def argv_builders(paths: list[Path]) -> set[str]:
    """Functions that build a git argument list (``def git_cmd(...): return ["git", ...]``)."""
    out: set[str] = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                isinstance(n, (ast.List, ast.Tuple)) and _argv_is_git(n) for n in ast.walk(node)
            ):
                out.add(node.name)
    return out


def _builds_argv(node: ast.AST, names: set[str], builders: set[str]) -> bool:
    if _argv_is_git(node):
        return True
    if isinstance(node, ast.Name):
        return node.id in names
    return isinstance(node, ast.Call) and _call_name(node.func)[1] in builders


def violations(path: Path, builders: frozenset[str] = frozenset()) -> list[str]:
    """Where ``path`` starts git itself, as ``file:line: what``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    rel = path.relative_to(SRC.parent).as_posix() if path.is_relative_to(SRC.parent) else path.name
    gitpython, argv_names = _gitpython_names(tree), _git_argv_names(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.List, ast.Tuple)) and _argv_is_git(node):
            found.append(f"{rel}:{node.lineno}: git argument list")
        if not isinstance(node, ast.Call):
            continue
        owner, name = _call_name(node.func)
        first = node.args[0] if node.args else None
        if (
            name in _PROCESS_CALLS.get(owner, set())
            and first is not None
            and _builds_argv(first, argv_names, set(builders))
        ):
            found.append(f"{rel}:{node.lineno}: {owner}.{name} starts git")
        if name in ("Git", "Repo") and (owner in gitpython or owner in ("git", "cmd", "repo") or name in gitpython):
            found.append(f"{rel}:{node.lineno}: GitPython {name}(...)")
    return sorted(set(found))


def test_policy_scan_catches_every_shape(tmp_path: Path) -> None:
    sample = tmp_path / "_git_policy_sample.py"  # never inside src/: a parallel test scans that tree
    code = (
        "import subprocess, os\nimport git\nfrom git import Repo\nfrom git.cmd import Git\n"
        "subprocess.run(['git', 'status'])\n"
        "cmd = ['git', '-c', 'x=y', 'log']\nsubprocess.Popen(cmd)\n"
        "subprocess.check_output(('/usr/bin/git', 'log'))\n"
        "os.system('git status')\n"
        "git.Repo('.')\nRepo('.')\nGit('.')\ngit.cmd.Git('.')\n"
        "def build():\n    return ['git', 'log']\n"
        "subprocess.Popen(build())\n"
        "subprocess.run(['ls'])\nprint('git')\n"
    )
    sample.write_text(code)
    shapes = [v.split(": ", 1)[1] for v in violations(sample, frozenset(argv_builders([sample])))]
    assert shapes.count("git argument list") == 4
    assert sum("starts git" in s for s in shapes) == 5
    assert sum("GitPython" in s for s in shapes) == 4
    assert len(shapes) == 13


def test_every_git_call_goes_through_the_runner() -> None:
    paths = [path for path in sorted(SRC.rglob("*.py")) if path != RUNNER]
    builders = frozenset(argv_builders(paths))
    found = [v for path in paths for v in violations(path, builders)]
    assert found == [], "git started outside repospbe/git/runner.py:\n" + "\n".join(found)


# --- the policy end to end, through the CLI -------------------------------------------------

APP = "id: uji\nnama: Uji\nopd: diskominfo\njenis: lain\nfungsi: [uji]\nstatus: usulan\ndeskripsi: Uji.\n"
CHANGED = "registry/apps/diskominfo/uji/app.yaml"


def _check(capsys: pytest.CaptureFixture[str], root: Path) -> tuple[int, list[tuple[object, object]]]:
    res = run_cli(capsys, "check", "--registry", str(root), "--format", "json", "--changed-since", "HEAD")
    assert res.err == "", res.err
    return res.code, sorted((f["check_id"], f["path"]) for f in json.loads(res.out)["findings"])


def test_hostile_environment_and_fsmonitor_do_not_change_changed_since(
    registry_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (registry_copy / CHANGED).parent.mkdir(parents=True)
    (registry_copy / CHANGED).write_text(APP)  # an invalid app (jenis: lain), not committed
    expected = _check(capsys, registry_copy)
    assert expected[0] == 1 and {p for _, p in expected[1]} == {CHANGED}

    decoy = tmp_path / "umpan"
    decoy.mkdir()
    (decoy / "lain.txt").write_text("umpan\n")
    git(decoy, "init", "-q", "-b", "main")
    git(decoy, "add", "-A")
    git(decoy, "commit", "-qm", "umpan")
    marker = tmp_path / "fsmonitor-ran"
    git(registry_copy, "config", "core.fsmonitor", f"touch {marker}; false")
    monkeypatch.setenv("GIT_DIR", str(decoy / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(decoy))
    monkeypatch.setenv("GIT_INDEX_FILE", str(tmp_path / "indeks-palsu"))
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "core.fsmonitor")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", f"touch {marker}; false")
    monkeypatch.setenv("GIT_CONFIG_PARAMETERS", f"'core.fsmonitor'='touch {marker}; false'")

    assert _check(capsys, registry_copy) == expected
    assert not marker.exists()
    assert not (tmp_path / "indeks-palsu").exists()


def test_quarantine_is_taken_only_when_it_is_this_repositorys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pre-receive hook needs git's quarantine variables; nothing else that looks like them is taken."""
    from repospbe.git.util import hook_quarantine

    bare = tmp_path / "server.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    real = bare / "objects" / "tmp_objdir-incoming-Ab12Cd"
    real.mkdir()
    elsewhere = tmp_path / "lain" / "tmp_objdir-incoming-Ab12Cd"
    elsewhere.mkdir(parents=True)
    assert hook_quarantine(bare) == {}
    for quarantine, alternate in [
        (elsewhere, bare / "objects"),
        (real, tmp_path / "lain"),
        (bare / "objects", bare / "objects"),
    ]:
        monkeypatch.setenv("GIT_QUARANTINE_PATH", str(quarantine))
        monkeypatch.setenv("GIT_OBJECT_DIRECTORY", str(quarantine))
        monkeypatch.setenv("GIT_ALTERNATE_OBJECT_DIRECTORIES", str(alternate))
        assert hook_quarantine(bare) == {}, quarantine
    monkeypatch.setenv("GIT_QUARANTINE_PATH", str(bare / "." / "objects" / real.name))  # as git writes it
    monkeypatch.setenv("GIT_OBJECT_DIRECTORY", str(bare / "." / "objects" / real.name))
    monkeypatch.setenv("GIT_ALTERNATE_OBJECT_DIRECTORIES", str(bare / "." / "objects"))
    assert set(hook_quarantine(bare)) == {
        "GIT_QUARANTINE_PATH",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    }
    assert hook_quarantine(tmp_path / "lain") == {}  # another repository's quarantine
