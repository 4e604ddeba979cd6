"""Issue 18 (auditor): the evidence pack carries each decision's exact signed bytes, its SSH
signature and the allowed_signers used, so ``ssh-keygen -Y verify`` alone re-checks it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from repospbe.maturity.export import export_evidence
from tests.governance.conftest import Gov
from tests.governance.test_review_standing import APP_KEY, _reject_then_approve
from tests.helpers.tools import require_tool

pytestmark = pytest.mark.slow


def _pack(gov: Gov, tmp_path: Path) -> tuple[Path, list[dict[str, object]]]:
    n = _reject_then_approve(gov)
    gov.merge(n)
    out = tmp_path / "paket"
    export_evidence(gov.root, "20", out)  # every decision of this century
    app = out / "aplikasi" / APP_KEY
    return app, json.loads((app / "keputusan.json").read_text(encoding="utf-8"))


def _ssh_verify(app: Path, entry: dict[str, object]) -> subprocess.CompletedProcess[bytes]:
    """Exactly what an auditor types, from the pack's own directory: nothing but ssh-keygen."""
    argv = ["ssh-keygen", "-Y", "verify", "-f", str(entry["allowed_signers"]), "-I", str(entry["reviewer"])]
    argv += ["-n", str(entry["namespace"]), "-s", str(entry["tanda_tangan"])]
    with (app / str(entry["berkas"])).open("rb") as payload:
        return subprocess.run(argv, cwd=app, stdin=payload, capture_output=True, check=False, timeout=30)


def test_each_decision_in_the_pack_verifies_with_ssh_keygen_alone(gov: Gov, tmp_path: Path) -> None:
    require_tool("ssh-keygen", "openssh-client")
    app, entries = _pack(gov, tmp_path)
    assert [(e["reviewer"], e["decision"], e["status"], e["counted"]) for e in entries] == [
        ("rahmat", "tolak", "digantikan", False),
        ("rahmat", "setuju", "berlaku", True),
        ("siti", "setuju", "berlaku", True),
    ]
    for entry in entries:
        assert entry["namespace"] == "repospbe-approval@pontianakkota.go.id"
        proc = _ssh_verify(app, entry)
        assert proc.returncode == 0, proc.stderr
        assert b'Good "repospbe-approval@pontianakkota.go.id" signature for ' + str(entry["reviewer"]).encode() in (
            proc.stdout + proc.stderr
        )
        payload = json.loads((app / str(entry["berkas"])).read_bytes())
        assert payload["keputusan"] == entry["decision"] and payload["reviewer"] == entry["reviewer"]
        # the command written into the pack is the same one, run by a shell in the app's folder
        shell = subprocess.run(["bash", "-c", str(entry["periksa"])], cwd=app, capture_output=True, timeout=30)
        assert shell.returncode == 0, shell.stderr
    sums = subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=app.parents[2], capture_output=True)
    assert sums.returncode == 0, sums.stdout


def test_a_tampered_payload_or_foreign_signers_fail_verification(gov: Gov, tmp_path: Path) -> None:
    require_tool("ssh-keygen", "openssh-client")
    app, entries = _pack(gov, tmp_path)
    rejection = entries[0]
    path = app / str(rejection["berkas"])
    path.write_bytes(path.read_bytes().replace(b'"keputusan":"tolak"', b'"keputusan":"setuju"'))
    assert b'"setuju"' in path.read_bytes()
    assert _ssh_verify(app, rejection).returncode != 0
    # another reviewer's name for a valid signature fails too
    approval = dict(entries[2], reviewer="rahmat")
    assert _ssh_verify(app, approval).returncode != 0
    # and a signature from a key outside allowed_signers: swap in siti's signature over rahmat's payload
    shutil.copy(app / str(entries[2]["tanda_tangan"]), app / str(entries[1]["tanda_tangan"]))
    assert _ssh_verify(app, entries[1]).returncode != 0
