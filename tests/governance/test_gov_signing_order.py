"""Signing never shares a moment with vendor code: the key is used only after the record is final;
``mr show`` says where each record comes from and where each app's tests ran, under which isolation."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from repospbe.governance import evidence as evs
from repospbe.governance import mr as ops
from repospbe.governance import sshsig
from repospbe.pipeline.record import AppRun, CheckStatus, PipelineRecord
from tests.governance.conftest import Gov
from tests.helpers.cli import run_cli

_EVENTS: list[tuple[str, str]] = []
_WATCH: list[str] = []  # the private key path being watched ('' = not watching)


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _WATCH:
        return
    key = _WATCH[0]
    if event == "open" and str(args[0]) == key:
        _EVENTS.append(("key-open", ""))
    elif event == "subprocess.Popen" and key in [str(a) for a in (args[1] or [])]:
        argv = [str(a) for a in args[1]]
        _EVENTS.append(("key-use", " ".join(argv[1:3])))


sys.addaudithook(_audit)


def test_reviewer_key_is_used_only_after_the_pipeline_record_is_final(
    gov: Gov, monkeypatch: pytest.MonkeyPatch
) -> None:
    gov.opd_change("ubah")
    n = gov.open("ubah")
    assert Path(str(gov.keys["rahmat"]) + ".pub").is_file()  # the reviewer is identified by <key>.pub
    real_run_on = ops.run_on

    def run_on(*args: Any, **kwargs: Any) -> Any:
        _EVENTS.append(("pipeline-start", ""))
        record, findings, reports = real_run_on(*args, **kwargs)
        _EVENTS.append(("pipeline-final", record.digest()))
        return record, findings, reports

    monkeypatch.setattr(ops, "run_on", run_on)
    _EVENTS.clear()
    _WATCH[:] = [str(gov.keys["rahmat"])]
    try:
        name = gov.approve(n, "rahmat", own_run=True)  # no runner record: the reviewer's machine re-runs it
    finally:
        _WATCH.clear()
    kinds = [k for k, _ in _EVENTS]
    assert kinds[:2] == ["pipeline-start", "pipeline-final"], _EVENTS
    assert [e for e in _EVENTS[2:] if e[0] == "key-use"] == [("key-use", "-Y sign"), ("key-use", "-Y sign")]
    assert "key-open" not in kinds and "pipeline-start" not in kinds[2:]
    final = _EVENTS[1][1]
    ev = evs.load(gov.repo, n)
    assert ev is not None
    decision = dict(ev.decisions)[f"{name}.json"]
    assert decision.data["pipeline"] == final  # the signed decision binds the final record
    stored = ev.records[final]
    assert stored.intact and sshsig.verify(
        gov.assess(n).rules.allowed_signers(),
        "rahmat",
        "repospbe-pipeline@pontianakkota.go.id",
        stored.raw,
        stored.signatures["rahmat"],
    )


def _stored_record(gov: Gov, n: int, apps: list[dict[str, Any]], signer: str) -> str:
    a = gov.assess(n)
    rec = PipelineRecord(
        registry_commit=a.source,
        registry_tree=gov.repo.tree_of(a.source),
        status="passed",
        started="2026-01-01T00:00:00Z",
        finished="2026-01-01T00:00:01Z",
        base_commit=a.target,
        registry_checks=(CheckStatus("registry", "passed"),),
        apps=tuple(AppRun(key=x["key"]) for x in apps),
    )
    data = rec.to_dict()
    data["apps"] = [{**d, **x} for d, x in zip(data["apps"], apps)]
    raw = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    digest = hashlib.sha256(raw).hexdigest()
    sig = sshsig.sign(gov.keys[signer], a.rules.ns("pipeline"), raw)
    principal = "runner-ci" if signer == "runner" else signer
    gov.repo.append(
        evs.mr_ref(n),
        {f"pipeline/{digest}/rekaman.json": raw, f"pipeline/{digest}/tanda-{principal}.sig": sig},
        "rekaman\n",
    )
    return digest


def test_mr_show_says_where_app_tests_ran_and_under_which_isolation(
    gov: Gov, capsys: pytest.CaptureFixture[str]
) -> None:
    gov.opd_change("ubah")
    n = gov.open("ubah")
    _stored_record(
        gov, n, [{"key": "diskominfo/si-a", "isolation": "bubblewrap"}, {"key": "diskominfo/si-b"}], signer="rahmat"
    )
    _stored_record(gov, n, [{"key": "diskominfo/si-a", "isolation": "ci-runner"}], signer="runner")
    res = run_cli(capsys, "mr", "show", str(n), "--registry", str(gov.root))
    assert res.code == 0
    assert "    asal: dijalankan ulang di mesin reviewer rahmat" in res.out
    assert "    aplikasi diskominfo/si-a: uji aplikasi dijalankan dalam sandbox bubblewrap" in res.out
    assert "    aplikasi diskominfo/si-b: uji aplikasi tidak dijalankan" in res.out
    assert "    asal: runner CI runner-ci (diambil dari rekaman bertanda tangan runner" in res.out
    assert "    aplikasi diskominfo/si-a: uji aplikasi dijalankan di job runner CI terisolasi" in res.out
    en = run_cli(capsys, "mr", "show", str(n), "--registry", str(gov.root), "--lang", "en")
    assert "    app diskominfo/si-b: app tests not run" in en.out
    data = json.loads(run_cli(capsys, "mr", "show", str(n), "--registry", str(gov.root), "--format", "json").out)
    isolations = sorted((r["asal"].split(":")[0], [x["isolasi"] for x in r["apps"]]) for r in data["pipeline"])
    assert isolations == [("asal", ["bubblewrap", ""]), ("asal", ["ci-runner"])]


def test_mr_approve_says_which_record_it_binds_and_where_it_was_made(
    gov: Gov, capsys: pytest.CaptureFixture[str]
) -> None:
    gov.opd_change("ubah")
    n = gov.open("ubah")
    gov.runner_pipeline(n)  # a runner-signed record exists: the reviewer's machine runs nothing
    [runner] = gov.assess(n).records
    res = run_cli(capsys, "mr", "approve", str(n), "--kunci", str(gov.keys["rahmat"]), "--registry", str(gov.root))
    assert res.code == 0, res.err
    assert f"  mengikat rekaman pipeline {runner.digest[:12]}:" in res.out
    assert (
        "    asal: runner CI runner-ci (diambil dari rekaman bertanda tangan runner; tidak dijalankan ulang" in res.out
    )
    assert [r.digest for r in gov.assess(n).records] == [runner.digest]  # nothing was re-run


def test_without_the_public_half_the_private_key_is_not_read_before_the_pipeline(
    gov: Gov, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from repospbe.errors import InputError

    gov.opd_change("ubah")
    n = gov.open("ubah")
    key = tmp_path / "rahmat-tanpa-pub"
    shutil.copy(gov.keys["rahmat"], key)  # the private key alone: learning its public half means reading it
    key.chmod(0o600)
    ran: list[str] = []
    monkeypatch.setattr(ops, "run_on", lambda *a, **k: ran.append("pipeline") or (_ for _ in ()).throw(AssertionError))
    _EVENTS.clear()
    _WATCH[:] = [str(key)]
    try:
        with pytest.raises(InputError) as err:
            ops.decide(gov.repo, n, key, "setuju", "")
    finally:
        _WATCH.clear()
    assert err.value.key == "ssh.pub-missing" and f"{key}.pub" in err.value.render("en")
    assert _EVENTS == [] and ran == []  # the private key was neither opened nor given to ssh-keygen
    assert not any(d for d in gov.assess(n).decisions)
    shutil.copy(str(gov.keys["rahmat"]) + ".pub", str(key) + ".pub")  # with <key>.pub it is the same reviewer
    assert sshsig.public_key_of(key, private_ok=False) == sshsig.public_key_of(gov.keys["rahmat"])
