"""The second MkDocs process (``python -m repospbe.catalogue.mkdocs``) reports failures in its error file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from repospbe.catalogue.mkdocs import Job


def test_a_failing_job_is_reported_in_the_error_file(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: uji\nnav:\n  - Hilang: tidak-ada.md\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    job = Job(str(tmp_path / "mkdocs.yml"), str(tmp_path / "site"), True, str(tmp_path / "sisipan"))
    (tmp_path / "tugas.json").write_text(job.to_json(), encoding="utf-8")
    error = tmp_path / "galat.txt"
    src = str(Path(__file__).resolve().parents[2] / "src")
    done = subprocess.run(
        [sys.executable, "-m", "repospbe.catalogue.mkdocs", str(tmp_path / "tugas.json"), str(error)],
        env={"PYTHONPATH": src, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0 and done.stdout == b""  # the failure is in the error file
    assert "tidak-ada.md" in error.read_text(encoding="utf-8")
