"""Share of the secrets scanner in a whole source scan, on a large generated tree.

Usage: python benchmarks/bench_secrets.py [FILES] [--realistic]   (default 3000)

Generates FILES JavaScript/PHP files (half each, some labels and config), a
package-lock.json with 5,000 packages and a ``.bak`` copy of it, and Laravel
language files; then times (1) the secrets scanner alone (detect-secrets, with our
filters; the source tree is materialised and the inline-comment index, shared by
semgrep, bandit and secrets, built first: they are part of the scan, not of this step)
and (2) the whole ``repospbe scan --path`` (every scanner, cold cache).
Prints both and the share, in wall time and in CPU time of the tools (the latter does
not depend on how busy the machine is; the secrets step counts its own pre-filter, which
runs in this process); the target is at most 10 %.

``--realistic`` adds what real Laravel/JS trees carry: minified bundles (long lines with
quoted hashes), CSS with base64 data URIs, and tests with JWT-looking strings.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from repospbe.scanners import inline, secrets  # noqa: E402
from repospbe.scanners.base import ScanContext, ScanOptions  # noqa: E402
from repospbe.scanners.thirdparty import detect  # noqa: E402
from repospbe.source import SourceCache  # noqa: E402

JS = "/** Hitung {i}. */\nexport function hitung{i}(a, b) {{\n  const label = t('LABEL_PASSWORD_{i}');\n  return a + b + {i};\n}}\n"
PHP = "<?php\n\n/** Layanan {i}. */\nfunction layanan{i}($x)\n{{\n    return $x * {i};\n}}\n"


def generate(root: Path, files: int) -> None:
    for i in range(files):
        sub = root / ("resources/js" if i % 2 else "app/Services") / f"m{i // 100}"
        sub.mkdir(parents=True, exist_ok=True)
        if i % 2:
            (sub / f"mod{i}.js").write_text(JS.format(i=i))
        else:
            (sub / f"Svc{i}.php").write_text(PHP.format(i=i))
    packages: dict[str, object] = {"": {"name": "bench"}}
    for i in range(5000):
        digest = base64.b64encode(hashlib.sha512(str(i).encode()).digest()).decode()
        packages[f"node_modules/p{i}"] = {"version": "1.0.0", "integrity": "sha512-" + digest}
    lock = json.dumps({"lockfileVersion": 3, "packages": packages}, indent=2)
    (root / "package-lock.json").write_text(lock)
    (root / "package-lock.json.bak").write_text(lock)
    (root / "resources/lang/id").mkdir(parents=True)
    labels = "".join(f"    'secret_{i}' => 'Kunci Rahasia {i}',\n" for i in range(500))
    (root / "resources/lang/id/app.php").write_text("<?php\nreturn [\n" + labels + "];\n")
    (root / "LICENSE").write_text("MIT License\n")


def realistic(root: Path, files: int) -> None:
    """Minified bundles, CSS with data URIs and JWT-looking test fixtures (about files/50 each)."""
    (root / "public/js").mkdir(parents=True)
    (root / "public/css").mkdir(parents=True)
    (root / "tests/Feature").mkdir(parents=True)
    for i in range(max(1, files // 50)):
        chunk = "".join(
            f'function a{j}(e,t){{return e+"{hashlib.md5(f"{i}-{j}".encode()).hexdigest()}"+t}};' for j in range(400)
        )
        (root / f"public/js/app{i}.min.js").write_text(chunk + "\n")
        png = base64.b64encode(hashlib.sha512(str(i).encode()).digest() * 20).decode()
        css = "".join(f".ikon{j}{{background:url(data:image/png;base64,{png})}}\n" for j in range(5))
        (root / f"public/css/ikon{i}.css").write_text(css)
        body = base64.urlsafe_b64encode(json.dumps({"sub": i, "name": "uji"}).encode()).decode().rstrip("=")
        jwt = "eyJhbGciOiJIUzI1NiJ9." + body + "." + hashlib.sha256(str(i).encode()).hexdigest()[:43]
        php = f"<?php\n\nclass Auth{i}Test extends TestCase\n{{\n    private string $jwt = '{jwt}';\n}}\n"
        (root / f"tests/Feature/Auth{i}Test.php").write_text(php)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    files = int(args[0]) if args else 3000
    with tempfile.TemporaryDirectory(prefix="bench-secrets-") as tmp:
        tree = Path(tmp) / "tree"
        tree.mkdir()
        generate(tree, files)
        if "--realistic" in sys.argv:
            realistic(tree, files)
        cache = SourceCache(Path(tmp) / "cache1")
        source = cache.directory_tree(tree)
        ctx = ScanContext(source.path, source.tree, ScanOptions(), detect(source.path))
        inline.markers(ctx)  # shared by semgrep, bandit and secrets: part of the scan, not of this step
        start, cpu0, own0 = time.perf_counter(), _child_cpu(), time.process_time()
        out = secrets.run(ctx)
        seconds = time.perf_counter() - start
        cpu_secrets = _child_cpu() - cpu0 + time.process_time() - own0
        start, cpu0 = time.perf_counter(), _child_cpu()
        env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
        cmd = [sys.executable, "-m", "repospbe", "scan", "--path", str(tree), "--cache-dir", str(Path(tmp) / "c2")]
        subprocess.run(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        whole, cpu_whole = time.perf_counter() - start, _child_cpu() - cpu0
    print(f"files={files} secrets_findings={len(out.findings)} status={out.status}")
    print(f"wall: secrets={seconds:.1f}s whole_scan={whole:.1f}s share={100 * seconds / whole:.1f}%")
    print(f"cpu:  secrets={cpu_secrets:.1f}s whole_scan={cpu_whole:.1f}s share={100 * cpu_secrets / cpu_whole:.1f}%")


def _child_cpu() -> float:
    """CPU seconds used by finished child processes (load-independent, unlike wall time)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
