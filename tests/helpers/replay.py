"""Helpers for the replay tests: a small app, waiting out the replay's two-second window, and a
runner of ``repospbe.launch`` as a new process with its own caches and pipes for output."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from repospbe.replay import SETTLE_NS

REPO_ROOT = Path(__file__).resolve().parents[2]
APP_FILES = {
    "app.py": "import subprocess\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n",
    "web/index.js": "function f(x) { return eval(x); }\n",
    "README.md": "# Contoh\n",
}


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    replayed: bool  # the command line (typer) was never imported


def make_app(root: Path) -> Path:
    for rel, text in APP_FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def settle() -> None:
    """Wait out the replay's window: files written just now are never bound to a run."""
    time.sleep(SETTLE_NS / 1e9 + 0.2)


class Runner:
    def __init__(self, work: Path) -> None:
        self.work = work
        self.env = {
            **os.environ,
            "PYTHONPATH": str(REPO_ROOT / "src"),
            "XDG_CACHE_HOME": str(work / "xdg-cache"),
            "REPOSPBE_CACHE_DIR": str(work / "source-cache"),
            "REPOSPBE_LANG": "id",
        }
        self.env.pop("REPOSPBE_NO_REPLAY", None)

    def scan(self, app: Path, *extra: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
        argv = ["scan", "--path", str(app), "-f", "json", "--output-dir", str(self.work / "out"), *extra]
        probe = (
            "import sys\n"
            "from repospbe.launch import main\n"
            f"code = main({argv!r})\n"
            "sys.stderr.write('\\nTYPER=' + str('typer' in sys.modules))\n"
            "raise SystemExit(code)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", probe],
            cwd=cwd or self.work,
            env={**self.env, **(env or {})},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        err, _, flag = done.stderr.rpartition("\nTYPER=")
        return Run(done.returncode, done.stdout, err, flag.strip() == "False")

    def entries(self) -> list[Path]:
        store = self.work / "xdg-cache" / "repospbe-replay"
        return sorted(p for p in store.iterdir() if not p.name.startswith(".")) if store.is_dir() else []
