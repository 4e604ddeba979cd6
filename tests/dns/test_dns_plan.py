"""repospbe dns plan/apply: round trip, thresholds, checksum binding, outputs."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from repospbe.dns.plan import Create, Delete, Update, make_plan
from repospbe.dns.service import plan_for
from repospbe.dns.zone import RRset
from tests.helpers.cli import run_cli
from tests.helpers.subdomains import Reg, sub
from tests.helpers.tools import require_tool

MX = {
    "type": "MX",
    "values": [{"priority": 10, "target": "mx1.example.net"}, {"priority": 20, "target": "mx2.example.net."}],
}
TXT = {"type": "TXT", "value": 'v=spf1 mx -all; "quoted" \\ ' + "x" * 300}
CAA = {
    "type": "CAA",
    "values": [
        {"flags": 0, "tag": "issue", "value": "letsencrypt.org"},
        {"flags": 128, "tag": "iodef", "value": "mailto:keamanan@pontianakkota.go.id"},
    ],
}
SRV = {"type": "SRV", "value": {"priority": 10, "weight": 5, "port": 5060, "target": "sip.example.net"}}


def populate(reg: Reg, n: int = 0) -> None:
    reg.subdomain(
        "dinkes",
        sub(
            app=None,
            records=[
                {"type": "A", "values": ["192.0.2.20", "192.0.2.21"], "contoh": True},
                {"type": "AAAA", "value": "2001:db8:6105::20", "contoh": True, "ttl": 300},
                MX,
                CAA,
            ],
        ),
    )
    reg.subdomain("_dmarc.dinkes", sub(app=None, records=[TXT]))
    reg.subdomain("_sip._tcp.dinkes", sub(app=None, records=[SRV]))
    reg.subdomain("sipd", sub(records=[{"type": "CNAME", "value": "dinkes.pontianakkota.go.id"}]))
    for i in range(n):
        reg.subdomain(
            f"s{i}.dinkes", sub(app=None, records=[{"type": "A", "value": f"192.0.2.{100 + i}", "contoh": True}])
        )


def cli(capsys: pytest.CaptureFixture[str], reg: Reg, *args: str):  # type: ignore[no-untyped-def]
    return run_cli(capsys, *args, "--registry", str(reg.root))


def plan_checksum(capsys: pytest.CaptureFixture[str], reg: Reg, *extra: str) -> str:
    res = cli(capsys, reg, "dns", "plan", "--format", "json", *extra)
    return str(json.loads(res.out)["checksum"])


def test_round_trip_plan_apply_then_no_changes(reg: Reg, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    populate(reg)
    state, zone = tmp_path / "state.json", tmp_path / "z.zone"
    res = cli(capsys, reg, "dns", "plan", "--state", str(state))
    assert res.code == 0, res.err
    assert "+ buat    dinkes A 3600 192.0.2.20, 192.0.2.21" in res.out
    checksum = res.out.split("sha256: ")[1].split()[0]
    res = cli(capsys, reg, "dns", "apply", "--checksum", checksum, "--state", str(state), "--zone-file", str(zone))
    assert res.code == 0, res.err
    assert json.loads(state.read_text())["plan_checksum"] == checksum
    again = cli(capsys, reg, "dns", "plan", "--state", str(state))
    assert "Tidak ada perubahan." in again.out
    # The zone file written by apply, read back as the deployed state, also yields no changes.
    planned = plan_for(reg.root, zone, None)
    assert planned.plan.changes == ()


def test_change_after_apply_is_an_update(reg: Reg, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    populate(reg)
    state = tmp_path / "state.json"
    cli(
        capsys,
        reg,
        "dns",
        "apply",
        "--checksum",
        plan_checksum(capsys, reg, "--state", str(state)),
        "--state",
        str(state),
        "--zone-file",
        str(tmp_path / "z.zone"),
    )
    reg.subdomain("sipd", sub(records=[{"type": "A", "value": "192.0.2.99", "contoh": True}]))
    res = cli(capsys, reg, "dns", "plan", "--format", "json", "--state", str(state))
    data = json.loads(res.out)
    assert [(c["change"], c["name"], c["type"]) for c in data["changes"]] == [
        ("delete", "sipd", "CNAME"),
        ("create", "sipd", "A"),
    ]


def test_plan_order_is_deterministic() -> None:
    a = RRset("a", "A", 60, ("192.0.2.1",))
    b = RRset("b.a", "A", 60, ("192.0.2.2",))
    c = RRset("c", "TXT", 60, ('"x"',))
    existing = {c.key: c, a.key: a}
    desired = {b.key: b, a.key: RRset("a", "A", 120, ("192.0.2.1",))}
    plan = make_plan("z", existing, desired)
    assert [type(ch) for ch in plan.changes] == [Delete, Create, Update]
    assert (
        plan.checksum
        == make_plan("z", dict(reversed(list(existing.items()))), dict(reversed(list(desired.items())))).checksum
    )


def _applied(reg: Reg, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    populate(reg, n=10)
    state = tmp_path / "state.json"
    res = cli(
        capsys,
        reg,
        "dns",
        "apply",
        "--checksum",
        plan_checksum(capsys, reg, "--state", str(state)),
        "--state",
        str(state),
        "--zone-file",
        str(tmp_path / "z.zone"),
    )
    assert res.code == 0, res.err
    return state


def test_threshold_refuses_then_force(reg: Reg, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    state = _applied(reg, capsys, tmp_path)
    existing = len(json.loads(state.read_text())["records"])
    assert existing == 20
    for i in range(7):  # 7 of 20 deleted = 35 % > 30 %
        (reg.root / f"registry/subdomains/s{i}.dinkes.yaml").unlink()
    res = cli(capsys, reg, "dns", "plan", "--state", str(state))
    assert res.code == 1
    assert "35.0% record terpasang diubah/dihapus (7/20), melebihi 30.0%" in res.out + res.err
    checksum = res.out.split("sha256: ")[1].split()[0]
    refused = cli(capsys, reg, "dns", "apply", "--checksum", checksum, "--state", str(state))
    assert refused.code == 1 and "--force" in refused.err
    assert len(json.loads(state.read_text())["records"]) == 20
    forced = cli(
        capsys,
        reg,
        "dns",
        "apply",
        "--checksum",
        checksum,
        "--state",
        str(state),
        "--force",
        "--zone-file",
        str(tmp_path / "z.zone"),
    )
    assert forced.code == 0, forced.err
    assert len(json.loads(state.read_text())["records"]) == 13


def test_threshold_exactly_30_percent_passes(reg: Reg, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    state = _applied(reg, capsys, tmp_path)
    for i in range(6):  # 6 of 20 = 30 %: allowed
        (reg.root / f"registry/subdomains/s{i}.dinkes.yaml").unlink()
    assert cli(capsys, reg, "dns", "plan", "--state", str(state)).code == 0


def test_small_zone_has_no_threshold(reg: Reg, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    populate(reg)
    state = tmp_path / "state.json"
    cli(
        capsys,
        reg,
        "dns",
        "apply",
        "--checksum",
        plan_checksum(capsys, reg, "--state", str(state)),
        "--state",
        str(state),
        "--zone-file",
        str(tmp_path / "z.zone"),
    )
    for name in ("sipd", "_dmarc.dinkes", "_sip._tcp.dinkes"):
        (reg.root / f"registry/subdomains/{name}.yaml").unlink()
    assert cli(capsys, reg, "dns", "plan", "--state", str(state)).code == 0


def test_root_ns_change_needs_force(reg: Reg, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    state = _applied(reg, capsys, tmp_path)
    inst = reg.root / "registry/instance.yaml"
    inst.write_text(inst.read_text().replace("ns2.pontianakkota.go.id", "ns3.pontianakkota.go.id"))
    res = cli(capsys, reg, "dns", "plan", "--state", str(state))
    assert res.code == 1 and "NS apex" in res.out + res.err
    assert cli(capsys, reg, "dns", "plan", "--state", str(state), "--force").code == 0


def test_checksum_mismatch_is_refused(reg: Reg, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    populate(reg)
    state = tmp_path / "state.json"
    checksum = plan_checksum(capsys, reg, "--state", str(state))
    reg.subdomain("simpus", sub())  # the registry moves after review
    res = cli(
        capsys,
        reg,
        "dns",
        "apply",
        "--checksum",
        checksum,
        "--state",
        str(state),
        "--zone-file",
        str(tmp_path / "z.zone"),
    )
    assert res.code == 1
    assert f"Checksum {checksum} tidak sama" in res.err
    assert not state.exists() and not (tmp_path / "z.zone").exists()


def test_registry_with_rule_violations_is_not_planned(reg: Reg, capsys: pytest.CaptureFixture[str]) -> None:
    reg.subdomain("api", sub(records=[{"type": "A", "value": "10.0.0.1"}]))
    res = cli(capsys, reg, "dns", "plan")
    assert res.code == 1 and "registry/subdomains/api.yaml" in res.err


def test_hook_runs_and_failure_keeps_state(reg: Reg, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    populate(reg)
    state, zone, seen = tmp_path / "state.json", tmp_path / "z.zone", tmp_path / "seen"
    checksum = plan_checksum(capsys, reg, "--state", str(state))
    bad = cli(
        capsys,
        reg,
        "dns",
        "apply",
        "--checksum",
        checksum,
        "--state",
        str(state),
        "--zone-file",
        str(zone),
        "--hook",
        "false",
    )
    assert bad.code == 1 and not state.exists()
    good = cli(
        capsys,
        reg,
        "dns",
        "apply",
        "--checksum",
        checksum,
        "--state",
        str(state),
        "--zone-file",
        str(zone),
        "--hook",
        f"cp {zone} {seen}",
    )
    assert good.code == 0, good.err
    assert seen.read_text() == zone.read_text() and state.exists()


@pytest.mark.parametrize("content", ["$ORIGIN x.\n@ IN SOA", "\x00\x01garbage", "@ 3600 IN A 999.1.1.1\n"])
def test_hostile_deployed_zone_file(reg: Reg, capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str) -> None:
    bad = tmp_path / "bad.zone"
    bad.write_text(content)
    res = cli(capsys, reg, "dns", "plan", "--deployed", str(bad))
    assert res.code == 2 and "tidak dapat dibaca" in res.err


def test_hostile_state_file(reg: Reg, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "state.json"
    bad.write_text('{"format": "lain"}')
    res = cli(capsys, reg, "dns", "plan", "--state", str(bad), "--lang", "en")
    assert res.code == 2 and "State file" in res.err


def test_bind_output_passes_named_checkzone(reg: Reg, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tool = require_tool("named-checkzone", "bind9-utils")
    populate(reg, n=3)
    res = cli(capsys, reg, "dns", "plan", "--format", "bind")
    assert res.code == 0, res.err
    zone = tmp_path / "z.zone"
    zone.write_text(res.out)
    done = subprocess.run(
        [tool, "-k", "fail", "-n", "fail", "pontianakkota.go.id", str(zone)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "OK" in done.stdout
    # Read back as the deployed zone: nothing to change.
    assert plan_for(reg.root, zone, None).plan.changes == ()


def test_octodns_loads_and_plans_our_config(
    reg: Reg, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from octodns.manager import Manager

    populate(reg)
    out = tmp_path / "octo"
    res = cli(capsys, reg, "dns", "plan", "--format", "octodns", "--output-dir", str(out))
    assert res.code == 0, res.err
    monkeypatch.chdir(out)
    manager = Manager(str(out / "config.yaml"))
    with open(tmp_path / "plan.txt", "w") as fh:
        assert manager.sync(dry_run=True, plan_output_fh=fh) == 0  # validates every record, changes nothing
    assert not (out / "terpasang").exists()
    # Apply into the YamlProvider target: every record set, then nothing left to do.
    desired = plan_for(reg.root, None, tmp_path / "none.json").plan.desired
    with open(tmp_path / "plan2.txt", "w") as fh:
        assert manager.sync(dry_run=False, plan_output_fh=fh) == len(desired) == 10
    with open(tmp_path / "plan3.txt", "w") as fh:
        assert Manager(str(out / "config.yaml")).sync(dry_run=False, plan_output_fh=fh) == 0


def test_plan_in_english(reg: Reg, capsys: pytest.CaptureFixture[str]) -> None:
    populate(reg)
    res = cli(capsys, reg, "dns", "plan", "--lang", "en")
    assert "+ create  sipd CNAME 3600 dinkes.pontianakkota.go.id." in res.out


def test_bundled_registry_zone_passes_named_checkzone(
    bundled_root: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tool = require_tool("named-checkzone", "bind9-utils")
    res = run_cli(
        capsys,
        "dns",
        "plan",
        "--format",
        "bind",
        "--registry",
        str(bundled_root),
        "--state",
        str(tmp_path / "none.json"),
    )
    assert res.code == 0, res.err
    assert "sha256" in res.err
    zone = tmp_path / "bundled.zone"
    zone.write_text(res.out)
    done = subprocess.run(
        [tool, "-k", "fail", "pontianakkota.go.id", str(zone)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_octodns_to_stdout_names_both_files(reg: Reg, capsys: pytest.CaptureFixture[str]) -> None:
    populate(reg)
    res = cli(capsys, reg, "dns", "plan", "--format", "octodns")
    assert res.code == 0
    assert res.out.startswith("# config.yaml\n---\n")
    assert "# zones/pontianakkota.go.id.yaml\n---\n" in res.out
    zone = yaml.safe_load(res.out.split("# zones/pontianakkota.go.id.yaml\n", 1)[1])
    assert zone["_dmarc.dinkes"]["value"].startswith('v=spf1 mx -all\\; "quoted" \\ x')  # ';' escaped for octoDNS


def test_unknown_format_and_two_sources(reg: Reg, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli(capsys, reg, "dns", "plan", "--format", "xml").code == 2
    both = cli(capsys, reg, "dns", "plan", "--deployed", str(tmp_path / "a"), "--state", str(tmp_path / "b"))
    assert both.code == 2 and "Pilih salah satu" in both.err
