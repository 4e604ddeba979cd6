"""``Finding.make``: a finding named by its id alone takes its message and hint keys from it."""

from __future__ import annotations

from repospbe.findings import Finding, Severity


def test_keys_default_to_the_check_id() -> None:
    f = Finding.make("file.too-large", Severity.HIGH, path="a.yaml", size=9, limit=1)
    assert (f.message, f.hint) == ("file.too-large.msg", "file.too-large.hint")
    assert f.params == (("limit", 1), ("size", 9))
    assert f.text() != "file.too-large.msg"  # a real catalogue text


def test_explicit_message_keeps_no_hint_unless_given() -> None:
    plain = Finding.make("bandit.B101", Severity.LOW, "raw.text", text="assert")
    assert (plain.message, plain.hint) == ("raw.text", "")
    hinted = Finding.make("bandit.B101", Severity.LOW, "raw.text", hint="scan.bandit.hint", text="assert")
    assert hinted.hint == "scan.bandit.hint"
    silent = Finding.make("file.too-large", Severity.HIGH, hint="", size=9, limit=1)
    assert (silent.message, silent.hint) == ("file.too-large.msg", "")


def test_same_finding_as_the_old_wrappers_built() -> None:
    """What ``yamlio._problem(rel, key, line, column, **params)`` returned before it was removed."""
    old = Finding.make(
        "yaml.syntax",
        Severity.HIGH,
        "yaml.syntax.msg",
        path="r.yaml",
        line=3,
        column=2,
        hint="yaml.syntax.hint",
        detail="x",
    )
    assert Finding.make("yaml.syntax", Severity.HIGH, path="r.yaml", line=3, column=2, detail="x") == old
