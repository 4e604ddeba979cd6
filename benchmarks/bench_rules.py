"""Rule pack precision and recall against the raw scanners, on the fixture apps (issue 17).

Run: .venv/bin/python benchmarks/bench_rules.py [--baseline REF] [--repeat N]

For each fixture app (laravel-kecamatan and express-layanan with WEAKNESSES.yaml; vulnerable and clean
with PLANTED.yaml) it runs, offline:

- ``pack``: semgrep with ``checks/semgrep`` as it is now (merged into one config, the flags
  ``repospbe scan`` uses);
- ``pack@REF``: the same semgrep with ``checks/semgrep`` as it was at git REF (default: the commit
  before issue 17's rule work), i.e. what a reviewer got before;
- ``bandit``: bandit -r over the app's Python files (only where there are any).

and prints findings, findings per 1,000 lines of source, true positives (a planted weakness found at
its line with its rule), false positives (everything else), blocking false positives (ERROR → high),
missed weaknesses, and wall time (best of N). Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
PACK = REPO / "checks" / "semgrep"
APPS = REPO / "tests" / "fixtures" / "apps"
BIN = Path(sys.executable).parent
BASELINE = "fb3467e"
SOURCE_SUFFIXES = {".php", ".js", ".ts", ".py", ".java", ".html", ".ejs", ".env", ".properties"}
FIXTURES = ("laravel-kecamatan", "express-layanan", "vulnerable", "clean")


@dataclass
class Row:
    app: str
    tool: str
    findings: int
    tp: int
    fp: int
    fp_blocking: int
    missed: int
    seconds: float
    kloc: float


def planted(app: str, tool: str) -> set[tuple[str, int, str]]:
    weak = APPS / app / "WEAKNESSES.yaml"
    if weak.exists():
        items = yaml.safe_load(weak.read_text("utf-8"))["weaknesses"]
        return {(w["file"], int(w["line"]), w["rule"]) for w in items} if tool != "bandit" else set()
    plant = APPS / app / "PLANTED.yaml"
    if not plant.exists():
        return set()
    want = "bandit" if tool == "bandit" else "semgrep"
    return {
        (p["file"], int(p["line"]), p["rule"])
        for p in yaml.safe_load(plant.read_text("utf-8"))["planted"]
        if p["tool"] == want
    }


def source_lines(root: Path) -> int:
    return sum(
        len(p.read_text("utf-8", "replace").splitlines())
        for p in root.rglob("*")
        if p.is_file() and (p.suffix in SOURCE_SUFFIXES or p.name.endswith(".blade.php"))
    )


def merged(rules_dir: Path, out: Path) -> Path:
    rules = [r for f in sorted(rules_dir.rglob("*.yaml")) for r in yaml.safe_load(f.read_text("utf-8"))["rules"]]
    out.write_text(yaml.safe_dump({"rules": rules}, allow_unicode=True, sort_keys=False), "utf-8")
    return out


def baseline_pack(ref: str, work: Path) -> Path | None:
    dest = work / f"pack-{ref}"
    archive = subprocess.run(["git", "archive", ref, "checks/semgrep"], cwd=REPO, capture_output=True, timeout=60)
    if archive.returncode != 0:
        return None
    dest.mkdir()
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True, timeout=60)
    return merged(dest / "checks" / "semgrep", work / f"pack-{ref}.yaml")


def run(argv: list[str], cwd: Path, env: dict[str, str], repeat: int) -> tuple[Any, float]:
    best = float("inf")
    data: Any = None
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
        best = min(best, time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(argv)} -> {proc.returncode}\n{proc.stderr[-2000:]}")
        data = json.loads(proc.stdout)
    return data, best


def semgrep_row(app: str, tool: str, config: Path, src: Path, env: dict[str, str], repeat: int) -> Row:
    argv = [
        str(BIN / "semgrep"),
        "scan",
        "--config",
        str(config),
        "--json",
        "--metrics=off",
        "--disable-version-check",
        "--disable-nosem",
        "--no-rewrite-rule-ids",
        "--quiet",
        "--no-git-ignore",
        "--timeout",
        "30",
        ".",
    ]
    data, secs = run(argv, src, env, repeat)
    found = {
        (r["path"].removeprefix("./"), r["start"]["line"], r["check_id"]): r["extra"]["severity"]
        for r in data["results"]
    }
    return score(app, tool, found, planted(app, "semgrep"), secs, src)


def bandit_row(app: str, src: Path, env: dict[str, str], repeat: int) -> Row | None:
    if not any(src.rglob("*.py")):
        return None
    data, secs = run([str(BIN / "bandit"), "-q", "-f", "json", "-r", "."], src, env, repeat)
    sev = {"HIGH": "ERROR", "MEDIUM": "WARNING", "LOW": "INFO"}
    found = {
        (r["filename"].removeprefix("./"), r["line_number"], r["test_id"]): sev[r["issue_severity"]]
        for r in data["results"]
    }
    return score(app, "bandit", found, planted(app, "bandit"), secs, src)


def score(
    app: str, tool: str, found: dict[tuple[str, int, str], str], want: set[tuple[str, int, str]], secs: float, src: Path
) -> Row:
    tp = sum(1 for k in found if k in want)
    fps = [k for k in found if k not in want]
    return Row(
        app,
        tool,
        len(found),
        tp,
        len(fps),
        sum(1 for k in fps if found[k] == "ERROR"),
        len(want - set(found)),
        secs,
        source_lines(src) / 1000,
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", default=BASELINE, help="git ref of the earlier rule pack")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
        env.update({"HOME": str(work), "SEMGREP_SEND_METRICS": "off", "SEMGREP_ENABLE_VERSION_CHECK": "0"})
        configs = {"pack": merged(PACK, work / "pack.yaml")}
        old = baseline_pack(args.baseline, work)
        if old is not None:
            configs[f"pack@{args.baseline}"] = old
        for app in FIXTURES:
            src = work / "src" / app
            shutil.copytree(APPS / app, src)
            subprocess.run(["git", "init", "-q", str(src)], check=True, timeout=60)
            (src / ".semgrepignore").write_text("", "utf-8")  # scan vendor/ folders too: rules, not exclusions
            for tool, config in configs.items():
                rows.append(semgrep_row(app, tool, config, src, env, args.repeat))
            bandit = bandit_row(app, src, env, args.repeat)
            if bandit is not None:
                rows.append(bandit)
    print(
        f"{'app':<18} {'tool':<16} {'kLOC':>5} {'found':>5} {'/kLOC':>6} {'TP':>3} {'FP':>3} "
        f"{'FPblk':>5} {'missed':>6} {'secs':>5}"
    )
    for r in rows:
        print(
            f"{r.app:<18} {r.tool:<16} {r.kloc:>5.1f} {r.findings:>5} {r.findings / r.kloc:>6.1f} {r.tp:>3} "
            f"{r.fp:>3} {r.fp_blocking:>5} {r.missed:>6} {r.seconds:>5.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
