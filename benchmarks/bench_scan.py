"""Scan overhead, concurrency, warm re-runs and cost per changed app.

Run: .venv/bin/python benchmarks/bench_scan.py [--files N] [--apps N]
     .venv/bin/python benchmarks/bench_scan.py --js   (a large JS/TS tree vs raw semgrep + bandit, with a profile)
Prints the figures; asserts nothing (targets are in DESIGN.md).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from repospbe.pipeline.run import run_pipeline  # noqa: E402
from repospbe.pipeline.scan import scan_tree  # noqa: E402
from repospbe.scanners.base import ScanOptions, tool_env  # noqa: E402
from repospbe.scanners.semgrep import merged_config  # noqa: E402
from repospbe.source import SourceCache  # noqa: E402

BIN = Path(sys.executable).parent
PY = 'import subprocess\n\n\ndef f{i}(x):\n    """Doc."""\n    subprocess.call(x, shell=True)\n    return eval(x)\n'
PHP = "<?php\n/** Doc. */\nfunction f{i}($x) {{\n    eval($x);\n    return $x;\n}}\n"


def rules_dir() -> Path:
    real = REPO / "checks" / "semgrep"
    return real if any(real.rglob("*.yaml")) else REPO / "tests" / "scanners" / "rules"


def make_tree(dest: Path, files: int) -> Path:
    for i in range(files):
        sub = dest / f"m{i % 20}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"f{i}.py").write_text(PY.format(i=i))
        (sub / f"f{i}.php").write_text(PHP.format(i=i))
    return dest


def timed(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def raw_tools(tree: Path, rules: Path) -> tuple[float, float]:
    semgrep = [
        str(BIN / "semgrep"),
        "scan",
        "--config",
        str(rules),
        "--json",
        "--metrics=off",
        "--disable-version-check",
        "--no-rewrite-rule-ids",
        "--quiet",
        "--no-git-ignore",
        ".",
    ]
    bandit = [str(BIN / "bandit"), "-r", "-f", "json", "-q", "."]
    env = tool_env()
    t_sem = timed(lambda: subprocess.run(semgrep, cwd=tree, env=env, capture_output=True, check=False))
    t_ban = timed(lambda: subprocess.run(bandit, cwd=tree, env=env, capture_output=True, check=False))
    return t_sem, t_ban


def bench_overhead(work: Path, files: int) -> None:
    tree = make_tree(work / "tree", files)
    rules = rules_dir()
    cache = SourceCache(work / "cache")
    source = cache.directory_tree(tree)
    t_sem, t_ban = raw_tools(source.path, rules)
    t_merged, _ = raw_tools(source.path, merged_config(rules))  # the same single config repospbe passes
    opts = ScanOptions(rules_dir=rules)
    seq_cache = SourceCache(work / "cache-seq")
    seq_source = seq_cache.directory_tree(tree)
    t_seq = timed(lambda: scan_tree(seq_source, opts, seq_cache, only=("semgrep", "bandit"), jobs=1))
    t_cold = timed(lambda: scan_tree(source, opts, cache, only=("semgrep", "bandit"), jobs=2))
    t_warm = timed(lambda: scan_tree(cache.directory_tree(tree), opts, cache, only=("semgrep", "bandit"), jobs=2))
    from repospbe.source import cache as cache_mod

    cache_mod._VERIFIED.clear()  # as in a new process: the cached tree is re-hashed, not remembered
    t_fresh = timed(lambda: scan_tree(cache.directory_tree(tree), opts, cache, only=("semgrep", "bandit"), jobs=2))
    print(f"tree: {2 * files} files; rules: {rules.relative_to(REPO)}")
    print(f"raw semgrep {t_sem:.2f} s + raw bandit {t_ban:.2f} s = {t_sem + t_ban:.2f} s sequential")
    print(f"repospbe sequential (jobs=1): {t_seq:.2f} s  -> overhead {100 * (t_seq / (t_sem + t_ban) - 1):+.1f} %")
    print(
        f"raw semgrep with the same merged config {t_merged:.2f} s + bandit = {t_merged + t_ban:.2f} s -> repospbe "
        f"sequential overhead {100 * (t_seq / (t_merged + t_ban) - 1):+.1f} % (like for like)"
    )
    print(f"repospbe concurrent (jobs=2): {t_cold:.2f} s  -> {100 * t_cold / (t_sem + t_ban):.0f} % of raw sequential")
    print(
        f"warm re-run, same tree SHA (incl. re-hashing the directory): {t_warm:.3f} s"
        f"  -> {100 * t_warm / t_cold:.1f} % of cold"
    )
    print(
        f"warm re-run as a new process (the cached tree re-hashed against its git tree id): {t_fresh:.3f} s"
        f"  -> {100 * t_fresh / t_cold:.1f} % of cold"
    )


def bench_registry(work: Path, apps: int) -> None:
    """Cost of `pipeline run --changed-since` with one changed app, registry of 1 vs N apps."""
    for count in (1, apps):
        root = work / f"reg{count}"
        shutil.copytree(REPO / "registry", root / "registry")
        shutil.copytree(REPO / "checks", root / "checks")
        shutil.copytree(rules_dir(), root / "checks" / "semgrep", dirs_exist_ok=True)
        src = make_tree(work / f"src{count}", 5)
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "b",
            "GIT_AUTHOR_EMAIL": "b@x",
            "GIT_COMMITTER_NAME": "b",
            "GIT_COMMITTER_EMAIL": "b@x",
        }
        for cmd in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "s"]):
            subprocess.run(["git", *cmd], cwd=src, env=env, check=True, capture_output=True)
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=src, capture_output=True, text=True).stdout.strip()
        for i in range(count):
            d = root / "registry" / "apps" / "diskominfo" / f"app-{i}"
            d.mkdir(parents=True)
            (d / "app.yaml").write_text(
                f"id: app-{i}\nnama: App {i}\nopd: diskominfo\njenis: khusus\nfungsi: [uji]\nstatus: pengembangan\n"
                f"deskripsi: Benchmark.\nsumber:\n  repo: src\n  commit: {commit}\n"
            )
        shutil.move(str(src), str(root / "src"))
        for cmd in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "r"]):
            subprocess.run(["git", *cmd], cwd=root, env=env, check=True, capture_output=True)
        (root / "registry" / "apps" / "diskominfo" / "app-0" / "app.yaml").open("a").write("pengguna: [diskominfo]\n")
        subprocess.run(["git", "commit", "-qam", "change"], cwd=root, env=env, check=True, capture_output=True)
        cache = work / f"cache-reg{count}"
        t_cold = timed(lambda: run_pipeline(root, "HEAD~1", cache_dir=cache))
        t_warm = timed(lambda: run_pipeline(root, "HEAD~1", cache_dir=cache))
        print(f"registry of {count:4d} apps, 1 changed: cold {t_cold:.2f} s, warm {t_warm:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=150)
    parser.add_argument("--apps", type=int, default=300)
    parser.add_argument("--js", action="store_true", help="only the large JavaScript/TypeScript trees (bench_scan_js)")
    args, _ = parser.parse_known_args()
    if args.js:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from bench_scan_js import main as js_main

        js_main()
        return
    with tempfile.TemporaryDirectory(prefix="bench-scan-") as tmp:
        bench_overhead(Path(tmp), args.files)
        bench_registry(Path(tmp), args.apps)


if __name__ == "__main__":
    main()
