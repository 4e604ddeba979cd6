"""Attack 6 (issue 13): inline suppressions in vendor code do not suppress; each is reported.

The vendor's code carries ``# nosec``, a bare ``# nosemgrep`` and ``# pragma: allowlist secret``
(both the same-line and the next-line form). Real semgrep, bandit and detect-secrets still
report every finding, and every marker becomes an info finding naming it at file:line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from repospbe.findings import Severity
from repospbe.pipeline.scan import scan_tree
from repospbe.source import SourceCache
from tests.scanners.conftest import SECRET, options, write_app

SUPPRESSED = {
    "main.py": (
        "import subprocess\n"  # 1
        "\n"  # 2
        "\n"  # 3
        "def run(cmd):\n"  # 4
        '    """Jalankan."""\n'  # 5
        "    eval(cmd)  # nosemgrep\n"  # 6
        "    subprocess.call(cmd, shell=True)  # nosec\n"  # 7
        "    subprocess.call(cmd, shell=True)  # nosec B602\n"  # 8
        "    eval(cmd)  # nosemgrep: repospbe.python.test.eval\n"  # 9
    ),
    "conf.py": f'password = "{SECRET}"  # pragma: allowlist secret\n'
    "# pragma: allowlist nextline secret\n"
    f'db_password = "{SECRET[::-1]}"\n',
    "web/index.php": "<?php\n/** Tampilkan. */\nfunction tampil() {\n    eval($_GET['x']); // nosemgrep\n}\n",
    "vendor/lib/v.py": "eval(x)  # nosec\n",  # third-party: not scanned, so not reported either
}


@pytest.mark.slow
def test_inline_suppressions_do_not_suppress_and_are_reported(tmp_path: Path) -> None:
    cache = SourceCache(tmp_path / "cache")
    source = cache.directory_tree(write_app(tmp_path / "app", SUPPRESSED))
    outs = {o.scanner: o for o in scan_tree(source, options(), cache, only=("semgrep", "bandit", "secrets"))}
    real = {
        (f.check_id, f.path, f.line)
        for o in outs.values()
        for f in o.result.findings
        if f.check_id != "source.inline-suppression"
    }
    assert {
        ("repospbe.python.test.eval", "main.py", 6),
        ("repospbe.python.test.eval", "main.py", 9),
        ("repospbe.php.test.eval", "web/index.php", 4),
    } <= real
    assert {("bandit.B602", "main.py", 7), ("bandit.B602", "main.py", 8)} <= real
    assert {("secrets.secret-keyword", "conf.py", 1), ("secrets.secret-keyword", "conf.py", 3)} <= real
    assert all(o.result.status == "failed" for o in outs.values())

    reported = sorted(
        (dict(f.params)["program"], f.path, f.line, dict(f.params)["marker"], f.severity)
        for o in outs.values()
        for f in o.result.findings
        if f.check_id == "source.inline-suppression"
    )
    assert reported == [
        ("bandit", "main.py", 7, "# nosec", Severity.INFO),
        ("bandit", "main.py", 8, "# nosec B602", Severity.INFO),
        ("detect-secrets", "conf.py", 1, "pragma: allowlist secret", Severity.INFO),
        ("detect-secrets", "conf.py", 2, "pragma: allowlist nextline secret", Severity.INFO),
        ("semgrep", "main.py", 6, "nosemgrep", Severity.INFO),
        ("semgrep", "main.py", 9, "nosemgrep: repospbe.python.test.eval", Severity.INFO),
        ("semgrep", "web/index.php", 4, "nosemgrep", Severity.INFO),
    ]
    marker = next(f for o in outs.values() for f in o.result.findings if f.check_id == "source.inline-suppression")
    assert "tidak dipatuhi" in marker.text("id") and "not obeyed" in marker.text("en")
