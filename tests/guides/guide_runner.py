"""The GUIDE-TEST CONVENTION: every ``bash``/``sh`` block of ``docs/panduan/*.md`` is executed.

A guide runs as ONE ``bash -eo pipefail`` session (cwd a fresh scratch directory, HOME a scratch home, the
installed venv's bin first on PATH, ``$REPOSPBE_SRC`` the checkout). A marker on the line just before a fence:
``<!-- uji: lewati; <alasan> -->`` (not executed; a reason is required) or ``<!-- uji: gagal; <alasan> -->``
(the block must exit non-zero). ``<!-- uji: lanjutan <file>.md -->`` before a guide's first block runs that
guide's blocks first in the same session. Blocks with any other info string are never executed.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]
GUIDES = CHECKOUT / "docs" / "panduan"
EXECUTED = frozenset({"bash", "sh"})
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_MARKER = re.compile(r"^\s*<!--\s*uji:\s*(?P<body>.*?)\s*-->\s*$")
_KINDS = ("lewati", "gagal")


class GuideError(Exception):
    """A guide that breaks the convention itself (unknown marker, missing reason, unclosed fence)."""


@dataclass(frozen=True)
class Block:
    guide: str  # file name under docs/panduan
    line: int  # 1-based line of the opening fence
    code: str
    mode: str  # "run" | "lewati" | "gagal"
    reason: str = ""

    @property
    def where(self) -> str:
        return f"docs/panduan/{self.guide}:{self.line}"


@dataclass(frozen=True)
class Guide:
    name: str
    blocks: tuple[Block, ...]
    continues: str = ""  # guide whose blocks run first (``uji: lanjutan``)


def _marker(line: str, where: str) -> tuple[str, str] | None:
    """(kind, reason) of a ``<!-- uji: ... -->`` line, None for any other line."""
    m = _MARKER.match(line)
    if m is None:
        return None
    body = m.group("body")
    kind, _, reason = body.partition(";")
    kind, reason = kind.strip(), reason.strip()
    if kind.startswith("lanjutan"):
        return ("lanjutan", kind.removeprefix("lanjutan").strip())
    if kind not in _KINDS:
        raise GuideError(f"{where}: penanda tidak dikenal {body!r} (lewati; <alasan> | gagal; <alasan>)")
    if not reason:
        raise GuideError(f"{where}: penanda 'uji: {kind}' tanpa alasan")
    return (kind, reason)


def parse_guide(name: str, text: str) -> Guide:
    lines = text.splitlines()
    blocks: list[Block] = []
    continues = ""
    i = 0
    while i < len(lines):
        where = f"docs/panduan/{name}:{i + 1}"
        mark = _marker(lines[i], where)
        if mark is not None and mark[0] == "lanjutan":
            if blocks or continues or not mark[1].endswith(".md") or "/" in mark[1]:
                raise GuideError(f"{where}: 'uji: lanjutan <berkas>.md' hanya sekali, sebelum blok pertama")
            continues = mark[1]
        fence = _FENCE.match(lines[i])
        if fence is None:
            i += 1
            continue
        end = _closing(lines, i, fence.group("fence"), where)
        info = fence.group("info").strip()
        prev = _marker(lines[i - 1], f"docs/panduan/{name}:{i}") if i else None
        if prev is not None and prev[0] == "lanjutan":
            prev = None
        if info in EXECUTED:
            indent = len(fence.group("indent"))
            code = "\n".join(ln[indent:] if ln[:indent].strip() == "" else ln for ln in lines[i + 1 : end])
            mode, reason = prev if prev is not None else ("run", "")
            blocks.append(Block(name, i + 1, code + "\n", mode, reason))
        elif prev is not None:
            raise GuideError(f"{where}: penanda uji hanya untuk blok bash/sh, bukan {info or '(tanpa bahasa)'!r}")
        i = end + 1
    return Guide(name, tuple(blocks), continues)


def _closing(lines: list[str], start: int, fence: str, where: str) -> int:
    for j in range(start + 1, len(lines)):
        m = _FENCE.match(lines[j])
        if (
            m
            and m.group("fence")[0] == fence[0]
            and len(m.group("fence")) >= len(fence)
            and not m.group("info").strip()
        ):
            return j
    raise GuideError(f"{where}: blok kode tidak ditutup")


def load(name: str, guides: Path = GUIDES) -> Guide:
    return parse_guide(name, (guides / name).read_text(encoding="utf-8"))


def session_blocks(name: str, guides: Path = GUIDES) -> list[Block]:
    """Blocks of ``name`` preceded by those of the guides it continues (cycles refused)."""
    chain: list[Guide] = []
    seen: set[str] = set()
    current = name
    while current:
        if current in seen:
            raise GuideError(f"docs/panduan/{name}: rantai 'uji: lanjutan' berputar ({current})")
        if not (guides / current).is_file():
            raise GuideError(f"docs/panduan/{name}: 'uji: lanjutan {current}' tidak ada")
        seen.add(current)
        guide = load(current, guides)
        chain.insert(0, guide)
        current = guide.continues
    return [b for g in chain for b in g.blocks]


@dataclass(frozen=True)
class Outcome:
    ok: bool
    failed: Block | None
    output: str
    detail: str

    def report(self) -> str:
        if self.ok or self.failed is None:
            return self.detail
        return f"{self.failed.where}: {self.detail}\n--- blok ---\n{self.failed.code}--- keluaran ---\n{self.output}"


def _driver(blocks: list[Block], work: Path) -> str:
    """The session script: each block sourced in the one shell; its output kept per block."""
    out = ["set -eo pipefail"]
    for n, block in enumerate(blocks):
        path = work / f"blok-{n}.sh"
        path.write_text(block.code, encoding="utf-8")
        log, state = shlex.quote(str(work / f"blok-{n}.log")), shlex.quote(str(work / "status"))
        out.append(f"echo {n} > {state}")
        if block.mode == "gagal":
            out.append(f"set +e; (set -e; source {shlex.quote(str(path))}) > {log} 2>&1 < /dev/null; rc=$?; set -e")
            out.append(f'if [ "$rc" = 0 ]; then echo "{n} sukses-padahal-gagal" > {state}; exit 97; fi')
        else:
            out.append(f"source {shlex.quote(str(path))} > {log} 2>&1 < /dev/null")
    out.append(f"echo selesai > {shlex.quote(str(work / 'status'))}")
    return "\n".join(out) + "\n"


def environment(home: Path) -> dict[str, str]:
    venv_bin = str(Path(sys.executable).parent)
    env = {
        "PATH": os.pathsep.join([venv_bin, "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": str(home),
        "REPOSPBE_SRC": str(CHECKOUT),
        # The checkout under test wins over whatever the venv has installed (the same as CI's editable install).
        "PYTHONPATH": str(CHECKOUT / "src"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TMPDIR": str(home.parent / "tmp"),
        "VIRTUAL_ENV": str(Path(sys.executable).parent.parent),
    }
    for name in ("CI", "REPOSPBE_CACHE_DIR"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def _home(root: Path) -> Path:
    """A scratch home of a user who has set up git once (name, e-mail, default branch)."""
    home = root / "home"
    home.mkdir(parents=True)
    (root / "tmp").mkdir()
    (home / ".gitconfig").write_text(
        "[user]\n\tname = Pengguna Panduan\n\temail = pengguna@panduan.example\n"
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n",
        encoding="utf-8",
    )
    return home


def run_session(blocks: list[Block], root: Path, timeout: float = 900, cache: Path | None = None) -> Outcome:
    """Run ``blocks`` (already chained) as one bash session under ``root``; the first failing block.
    ``cache``: the user's scan cache (``REPOSPBE_CACHE_DIR``), kept across guides as on one machine."""
    work, cwd = root / "sesi", root / "kerja"
    work.mkdir(parents=True)
    cwd.mkdir()
    executed = [b for b in blocks if b.mode != "lewati"]
    script = work / "sesi.sh"
    script.write_text(_driver(executed, work), encoding="utf-8")
    env = environment(_home(root))
    if cache is not None:
        env["REPOSPBE_CACHE_DIR"] = str(cache)
    try:
        proc = subprocess.run(
            ["bash", "-eo", "pipefail", str(script)],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return _failure(executed, work, f"batas waktu {timeout:.0f} detik terlampaui")
    status = (work / "status").read_text(encoding="utf-8").split() if (work / "status").is_file() else []
    if proc.returncode == 0 and status == ["selesai"]:
        return Outcome(True, None, "", f"{len(executed)} blok dijalankan")
    if len(status) == 2:
        return _failure(executed, work, "blok 'uji: gagal' justru berhasil (keluar 0)", index=int(status[0]))
    return _failure(executed, work, f"blok gagal (keluar {proc.returncode}) {proc.stderr[-2000:]}")


def _failure(blocks: list[Block], work: Path, detail: str, index: int | None = None) -> Outcome:
    if index is None:
        raw = (work / "status").read_text(encoding="utf-8").split() if (work / "status").is_file() else []
        index = int(raw[0]) if raw and raw[0].isdigit() else 0
    if not blocks:
        return Outcome(False, None, "", detail)
    log = work / f"blok-{index}.log"
    output = _head_tail(log.read_text(encoding="utf-8", errors="replace")) if log.is_file() else ""
    return Outcome(False, blocks[index], output, detail)


def _head_tail(text: str, keep: int = 3000) -> str:
    """The start (where the first error usually is) and the end of a long output."""
    if len(text) <= 2 * keep:
        return text
    return f"{text[:keep]}\n[... {len(text) - 2 * keep} karakter dilewati ...]\n{text[-keep:]}"
