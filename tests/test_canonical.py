"""``repospbe.canonical``: one canonical JSON, and the digests that hash it stay what they were.

Each test recomputes a digest with the code that was inline before ``canonical`` existed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict

from repospbe.backup.manifest import Manifest, RepoEntry
from repospbe.backup.retention import PrunePlan
from repospbe.canonical import canonical_json, canonical_text, digest
from repospbe.dns.plan import Create, Delete, Plan, Update
from repospbe.dns.zone import RRset
from repospbe.pipeline.record import AppRun, CheckStatus, PipelineRecord

DATA = {"b": [1, 2.5, None, True], "a": {"z": "Dinas Komunikasi – Kota", "y": "é"}}


def _old_record_form(data: object) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def test_form_sorted_compact_utf8_without_newline() -> None:
    assert canonical_text(DATA) == '{"a":{"y":"é","z":"Dinas Komunikasi – Kota"},"b":[1,2.5,null,true]}'
    assert canonical_json(DATA) == canonical_text(DATA).encode("utf-8") == _old_record_form(DATA)
    assert digest(DATA) == hashlib.sha256(_old_record_form(DATA)).hexdigest()


def test_pipeline_record_digest_unchanged() -> None:
    record = PipelineRecord(
        registry_commit="a" * 40,
        registry_tree="b" * 40,
        status="passed",
        started="2026-01-02T03:04:05Z",
        finished="2026-01-02T03:09:05Z",
        registry_checks=(CheckStatus("registry", "passed", 0, 0),),
        apps=(AppRun("diskominfo/si-antrean", checks=(CheckStatus("gitleaks", "passed", 0, 0),)),),
        tools=(("repospbe", "1.0"),),
        runner="Pelari é",
    )
    old = hashlib.sha256(_old_record_form(record.to_dict())).hexdigest()
    assert record.canonical() == _old_record_form(record.to_dict())
    assert record.digest() == old


def test_dns_plan_checksum_unchanged() -> None:
    """DNS names are LDH labels and the values ASCII, where ``ensure_ascii`` makes no difference."""
    plan = Plan(
        zone="kota.go.id",
        changes=(
            Delete(RRset("lama", "A", 300, ("192.0.2.1",)), None),
            Create(None, RRset("baru", "TXT", 300, ('"v=spf1 -all"',))),
            Update(RRset("@", "MX", 300, ("10 mx.kota.go.id.",)), RRset("@", "MX", 600, ("10 mx.kota.go.id.",))),
        ),
        existing={},
        desired={},
    )
    canonical = json.dumps(plan.data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    assert plan.checksum == hashlib.sha256(canonical.encode("ascii")).hexdigest()


def test_backup_manifest_bytes_unchanged() -> None:
    manifest = Manifest(
        kind="full",
        created="2026-01-02T03:04:05+00:00",
        tool_version="1.0",
        registry_main="c" * 40,
        repos=(RepoEntry("registri", "registry", ".", {"refs/heads/main": "c" * 40}),),
    )
    assert manifest.to_bytes() == _old_record_form(asdict(manifest)) + b"\n"


def test_prune_plan_checksum_is_the_canonical_digest() -> None:
    """The one deliberate change: the prune checksum (a plan-then-confirm token, never stored) was
    ``json.dumps(..., sort_keys=True)`` with spaced separators; it is now the canonical digest. A token
    shown by an older version no longer matches (``apply_prune`` refuses it, nothing is deleted)."""
    plan = PrunePlan(keep=("20260102T030405000000Z-full",), delete=("20250102T030405000000Z-full",))
    assert (
        plan.checksum
        == hashlib.sha256(
            b'{"delete":["20250102T030405000000Z-full"],"keep":["20260102T030405000000Z-full"]}'
        ).hexdigest()
    )
    old = hashlib.sha256(json.dumps({"keep": plan.keep, "delete": plan.delete}, sort_keys=True).encode()).hexdigest()
    assert plan.checksum != old
