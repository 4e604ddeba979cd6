"""``repospbe check`` starts fast: the registry checks import pyHanko, cryptography and the
governance modules only when a registry has what needs them (a PDF, a trust store, reviewers)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from repospbe.checks import pdfsig, signers, trust
from repospbe.governance import rules
from repospbe.pdfsig import documents
from repospbe.pki import trust as pki_trust
from repospbe.registry import paths

SRC = Path(__file__).resolve().parents[2] / "src"
HEAVY = ("pyhanko", "cryptography", "repospbe.governance.rules", "repospbe.pki.trust", "repospbe.pdfsig.verify")


def test_constants_named_twice_agree() -> None:
    assert pdfsig.PDF_KIND == documents.PDF_KIND
    assert dict(paths.LAYOUT).get(pdfsig.PDF_KIND) == "registry/apps/*/*/*.pdf"
    assert paths.REVIEWERS_FILE == rules.REVIEWERS_FILE and paths.TRUST_DIR == pki_trust.TRUST_DIR
    assert signers.REVIEWERS_FILE == trust.REVIEWERS_FILE == rules.REVIEWERS_FILE


def _loaded_after(code: str) -> list[str]:
    probe = f"import sys, json\n{code}\nprint(json.dumps(sorted(m for m in sys.modules if m.startswith({HEAVY!r}))))"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    argv = [sys.executable, "-c", probe]
    out = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120, check=True)
    return list(json.loads(out.stdout.strip().splitlines()[-1]))


def test_checks_import_no_heavy_module() -> None:
    assert _loaded_after("import repospbe.checks, repospbe.engine") == []


def test_a_check_without_pdfs_trust_or_reviewers_imports_none(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    (root / "registry" / "opd").mkdir(parents=True)
    (root / "registry" / "instance.yaml").write_text("pemda: Kota Uji\n", encoding="utf-8")
    code = f"from pathlib import Path\nfrom repospbe.engine import check_registry\ncheck_registry(Path({str(root)!r}))"
    assert _loaded_after(code) == []
    (root / "registry" / "trust").mkdir()  # a trust store: now the trust check needs cryptography
    assert "cryptography" in _loaded_after(code)


def test_the_collector_is_paused_only_while_checking(tmp_path: Path) -> None:
    import gc

    from repospbe.engine import check_registry

    root = tmp_path / "reg"
    (root / "registry" / "opd").mkdir(parents=True)
    (root / "registry" / "instance.yaml").write_text("pemda: Kota Uji\n", encoding="utf-8")
    assert gc.isenabled()
    assert check_registry(root)  # the instance record misses fields: findings, and no crash
    assert gc.isenabled()
    gc.disable()
    try:
        check_registry(root)
        assert not gc.isenabled()  # a caller's own choice is kept
    finally:
        gc.enable()
