"""States are enums, yet every serialised form (record JSON, its digest) is byte-identical
to the plain strings they replaced; a stored state that is not a member is refused."""

from __future__ import annotations

import json

import pytest

from repospbe.errors import InputError
from repospbe.governance.evidence import StoredRecord
from repospbe.pipeline.record import AppRun, CheckStatus, PipelineRecord, sha256_bytes
from repospbe.states import Decision, Isolation, MRState, Status

# The digest of this record as the code before the enums (plain strings) computed it.
DIGEST_BEFORE_ENUMS = "1da71bb11bbe31471b3490be75e66e33b1b9a7847a07afdcde7cfbc7db99e8bd"


def _record() -> PipelineRecord:
    return PipelineRecord(
        registry_commit="a" * 40,
        registry_tree="b" * 40,
        status=Status.FAILED,
        started="2026-01-01T00:00:00Z",
        finished="2026-01-01T00:01:00Z",
        base_commit="c" * 40,
        registry_checks=(CheckStatus("schema", Status.PASSED), CheckStatus("load", Status.ERROR, 1, 1, "x")),
        apps=(
            AppRun(
                key="bkd/simakda",
                source_repo="r",
                source_commit="d" * 40,
                source_tree="e" * 40,
                checks=(
                    CheckStatus("app-tests", Status.SKIPPED, 0, 0, "tanpa perintah uji"),
                    CheckStatus("semgrep", Status.FAILED, 2, 1, ""),
                ),
                reports=(("r.json", "f" * 64),),
                isolation=Isolation.BUBBLEWRAP,
            ),
            AppRun(key="x/y"),
        ),
        tools=(("repospbe", "0.1"),),
        runner="runner-ci",
    )


def test_record_digest_unchanged_by_enums() -> None:
    record = _record()
    assert record.digest() == DIGEST_BEFORE_ENUMS
    assert b'"status":"failed"' in record.canonical() and b'"isolation":""' in record.canonical()


def test_round_trip_gives_members_and_the_same_bytes() -> None:
    raw = _record().canonical()
    back = PipelineRecord.from_dict(json.loads(raw))
    assert back.status is Status.FAILED and back.apps[0].isolation is Isolation.BUBBLEWRAP
    assert back.registry_checks[1].status is Status.ERROR and back.apps[1].isolation is Isolation.NONE
    assert back.canonical() == raw


@pytest.mark.parametrize("where", ["status", "check", "isolation"])
def test_a_stored_state_that_is_not_a_member_is_refused(where: str) -> None:
    data = json.loads(_record().canonical())
    if where == "status":
        data["status"] = "lulus"
    elif where == "check":
        data["registry_checks"][0]["status"] = "PASSED"
    else:
        data["apps"][0]["isolation"] = "docker"
    with pytest.raises(InputError) as err:
        PipelineRecord.from_dict(data)
    assert err.value.key == "state.invalid"
    assert "passed" in err.value.render("en") or "bubblewrap" in err.value.render("en")
    stored = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    record = StoredRecord(sha256_bytes(stored), stored, {})
    assert record.record() is None and not record.intact  # governance: a broken record, never a pass


def test_parse_is_strict() -> None:
    assert Decision.parse("setuju") is Decision.APPROVE and MRState.parse("digabung") is MRState.MERGED
    for bad in ("Setuju", "approve", "", None, 1):
        with pytest.raises(InputError):
            Decision.parse(bad, "keputusan")
    assert Status.PASSED == "passed" and json.dumps([Decision.REJECT]) == '["tolak"]'
