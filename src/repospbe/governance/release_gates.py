"""Gates a release must pass before it is applied (seed 6.2.5.2: test results approved by
Diskominfo before the app is deployed to SPBE infrastructure).

Every gate is judged on git objects of the commit being released and the evidence of the
verified merge that brought the app's last change; each gives ``(id, passed, message key,
params)`` so the plan shows all of them and a refusal names what is missing.

- ``status``: the app's ``status`` is one the environment admits (``ENVIRONMENTS``);
- ``dokumen``: the document check (``checks/documents.py``) finds nothing blocking for the app;
- ``pipeline``: a record bound by the merge's approvals is ``passed`` and covers the app at
  exactly its pinned ``sumber.commit``;
- ``perintah``: a deploy command is configured (a release must deploy something).
"""

from __future__ import annotations

import difflib
from typing import Any

from repospbe.engine import run_checks
from repospbe.errors import InputError, PolicyError
from repospbe.git.snapshot import registry_at
from repospbe.governance import evidence as evs
from repospbe.governance.assess import assess
from repospbe.governance.gitrepo import Repo
from repospbe.governance.trailers import parse_trailers
from repospbe.pipeline.record import PipelineRecord
from repospbe.registry.instance import DEFAULT_DOCUMENT_RULES, InstanceConfig
from repospbe.registry.loader import load_registry
from repospbe.registry.paths import INSTANCE_FILE
from repospbe.states import Status
from repospbe.yamlio import parse

# Environments a release may target, and the app statuses each admits (seed 6.2.5.2: an
# app is implemented on SPBE infrastructure only after testing; ``usulan`` and
# ``dihentikan`` are deployed nowhere).
ENVIRONMENTS: dict[str, tuple[str, ...]] = {
    "produksi": ("produksi",),
    "uji": ("pengembangan", "produksi"),
    "pengembangan": ("pengembangan", "produksi"),
}
_BAD_CHECK = (Status.FAILED, Status.ERROR)
TESTS = "app-tests"  # the check whose pass is the test result a release is approved on

Gate = dict[str, Any]  # {"id", "lulus", "pesan", "param"}


def known_env(env: str) -> str:
    """``env`` when the registry knows it; an InputError suggesting the nearest known one otherwise."""
    if env in ENVIRONMENTS:
        return env
    near = difflib.get_close_matches(env, list(ENVIRONMENTS), n=1, cutoff=0.4)
    raise InputError(
        "deploy.unknown-env",
        env=env,
        known=", ".join(ENVIRONMENTS),
        suggestion=near[0] if near else next(iter(ENVIRONMENTS)),
    )


def _gate(gate_id: str, passed: bool, key: str, **params: Any) -> Gate:
    return {"id": gate_id, "lulus": passed, "pesan": key, "param": {k: str(v) for k, v in sorted(params.items())}}


def evaluate(repo: Repo, app: str, env: str, commit: str, merge: str, hook: tuple[str, ...]) -> list[Gate]:
    """Every gate of releasing ``app`` at ``commit`` (last changed by the verified ``merge``)."""
    record = _app_record(repo, commit, app)
    return [
        _status_gate(app, env, record),
        _documents_gate(repo, app, commit),
        _pipeline_gate(repo, app, merge, record),
        _gate(
            "perintah", bool(hook), "deploy.gate.hook-ok" if hook else "deploy.gate.no-hook", hook=" ".join(hook) or "-"
        ),
    ]


def refusal(gates: list[Gate]) -> PolicyError | None:
    """The error of the first failing gate, or None when every gate passed."""
    bad = next((g for g in gates if not g["lulus"]), None)
    return None if bad is None else PolicyError(bad["pesan"], **bad["param"])


def _app_record(repo: Repo, commit: str, app: str) -> dict[str, Any]:
    rel = f"registry/apps/{app}/app.yaml"
    loaded = parse((repo.blob(commit, rel) or b"").decode("utf-8", "replace"), rel)
    return loaded.data if not loaded.findings and isinstance(loaded.data, dict) else {}


def _status_gate(app: str, env: str, record: dict[str, Any]) -> Gate:
    status = str(record.get("status", "-"))
    allowed = ENVIRONMENTS[env]
    key = "deploy.gate.status-ok" if status in allowed else "deploy.gate.status"
    return _gate("status", status in allowed, key, app=app, status=status, env=env, allowed=", ".join(allowed))


def _documents_gate(repo: Repo, app: str, commit: str) -> Gate:
    """The registry's document check, run on a snapshot of ``commit`` (rules as at that commit)."""
    prefix = f"registry/apps/{app}/"
    try:
        config = InstanceConfig.from_text((repo.blob(commit, INSTANCE_FILE) or b"").decode("utf-8", "replace"))
    except InputError as exc:  # instance settings that cannot be used fail the gate
        return _gate("dokumen", False, exc.key, **exc.params)
    rules = config.aturan_dokumen
    if rules.startswith(("-", "/")) or ".." in rules.split("/"):
        rules = DEFAULT_DOCUMENT_RULES  # not a plain path of the repository (a missing file fails closed)
    parts = tuple(dict.fromkeys((INSTANCE_FILE, f"registry/apps/{app}", "checks", rules)))  # the app and the rules only
    with registry_at(repo.path, commit, parts) as snap:
        reg = load_registry(snap, apps=frozenset({app}))
        found = run_checks(reg, only=("documents",))
    blocking = [
        f
        for f in found
        if f.blocks() and (f.path.startswith(prefix) or f.check_id.startswith(("doc.rules", "check.crashed")))
    ]
    if not blocking:
        return _gate("dokumen", True, "deploy.gate.documents-ok", app=app)
    detail = "; ".join(sorted({f"{f.check_id} {dict(f.params).get('file', f.path)}" for f in blocking}))
    return _gate("dokumen", False, "deploy.gate.documents", app=app, count=len(blocking), detail=detail)


def _pipeline_gate(repo: Repo, app: str, merge: str, record: dict[str, Any]) -> Gate:
    """A passed record bound by the approvals of ``merge`` covers ``app`` at its pinned source commit."""
    sumber = record.get("sumber")
    pinned = str(sumber.get("commit", "")) if isinstance(sumber, dict) else ""
    if not pinned:
        return _gate("pipeline", False, "deploy.gate.no-source", app=app)
    return judge_pipeline(app, pinned, merge, _bound_records(repo, merge))


def judge_pipeline(app: str, pinned: str, merge: str, bound: list[tuple[str, PipelineRecord]]) -> Gate:
    """The pipeline gate over the records ``bound`` by the approvals of ``merge``."""
    found = []
    for digest, rec in bound:
        run = next((a for a in rec.apps if a.key == app), None)
        if run is not None:
            found.append((digest, rec, run))
    if not found:
        return _gate("pipeline", False, "deploy.gate.pipeline-missing", app=app, source=pinned[:12], merge=merge[:12])
    same = [(d, r, a) for d, r, a in found if a.source_commit == pinned]
    if not same:
        digest, _, run = found[0]
        return _gate(
            "pipeline",
            False,
            "deploy.gate.pipeline-other-source",
            app=app,
            digest=digest[:16],
            recorded=run.source_commit[:12] or "-",
            source=pinned[:12],
        )
    green = [
        (d, r, a) for d, r, a in same if r.status == Status.PASSED and not any(c.status in _BAD_CHECK for c in a.checks)
    ]
    if not green:
        digest, rec, _ = same[0]
        return _gate(
            "pipeline",
            False,
            "deploy.gate.pipeline-failed",
            app=app,
            digest=digest[:16],
            status=rec.status,
            source=pinned[:12],
        )
    tested = [(d, r, a) for d, r, a in green if any(c.name == TESTS and c.status == Status.PASSED for c in a.checks)]
    if not tested:  # a green record whose app tests were skipped or never ran proves no test result (6.2.5.2)
        digest, _, run = green[0]
        status = next((str(c.status) for c in run.checks if c.name == TESTS), "-")
        return _gate("pipeline", False, "deploy.gate.untested", app=app, digest=digest[:16], status=status)
    digest, rec, run = tested[0]
    return _gate(
        "pipeline",
        True,
        "deploy.gate.pipeline-ok",
        app=app,
        digest=digest,
        source=pinned[:12],
        registry=rec.registry_commit[:12],
        checks=", ".join(f"{c.name}={c.status}" for c in run.checks) or "-",
    )


def _bound_records(repo: Repo, merge: str) -> list[tuple[str, PipelineRecord]]:
    """(digest, record) of the intact pipeline records for the merge's subject that its approvals bind."""
    t = parse_trailers(repo.message(merge))
    parents = repo.parents(merge)
    try:
        number = int(t.get("Repospbe-MR", [""])[0])
    except ValueError:
        return []
    ev = evs.load(repo, number, t.get("Repospbe-Bukti", [""])[0])
    if ev is None or len(parents) != 2:
        return []
    a = assess(repo, ev, parents[1], parents[0])
    bound = {d.pipeline for d in a.approvals}
    good = {r.digest for r in a.records if r.intact and r.matches}
    out = []
    for digest in sorted(bound & good):
        rec = ev.records[digest].record()
        if rec is not None:
            out.append((digest, rec))
    return out
