"""Every subdomain.* rule on a small registry: exact ids and locations."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers.subdomains import Reg, sub, write_yaml

SUBDIR = "registry/subdomains"


def test_valid_names_pass(reg: Reg) -> None:
    reg.subdomain("dinkes", sub(app=None))
    reg.subdomain("sipd", sub())
    reg.subdomain("simpus", sub())
    reg.subdomain("sipd.dinkes", sub())
    reg.subdomain("_dmarc.dinkes", sub(records=[{"type": "TXT", "value": "v=DMARC1; p=reject"}]))
    reg.subdomain("kominfo", sub(opd="diskominfo", app=None))
    assert reg.ids(info=False) == []
    assert {f.check_id for f in reg.findings()} == {"subdomain.address-example"}


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("Dinkes", "subdomain.label-case"),
        ("sipd..dinkes", "subdomain.label-length"),
        ("-sipd.dinkes", "subdomain.label-hyphen"),
        ("sipd-.dinkes", "subdomain.label-hyphen"),
        ("xn--bcher-kva.dinkes", "subdomain.label-punycode"),
        ("ab--cd.dinkes", "subdomain.label-punycode"),
        ("si_pd.dinkes", "subdomain.label-chars"),
        ("sïpd.dinkes", "subdomain.label-chars"),
        ("_dinkes", "subdomain.label-underscore"),
        ("a" * 64 + ".dinkes", "subdomain.label-length"),
        (".".join(["a" * 60] * 4) + ".dinkes", "subdomain.name-length"),
    ],
)
def test_name_syntax(reg: Reg, name: str, rule: str) -> None:
    reg.subdomain(name, sub())
    ids = reg.ids("subdomain.label") + reg.ids("subdomain.name-length")
    assert (rule, f"{SUBDIR}/{name}.yaml") in ids


def test_name_length_limit_is_inclusive(reg: Reg) -> None:
    # 233 characters + ".pontianakkota.go.id" = 253 exactly: allowed.
    name = ".".join(["a" * 63, "b" * 63, "c" * 63, "d" * 33]) + ".dinkes"
    name = name[len(name) - 233 :].lstrip(".")
    assert len(name) + len(".pontianakkota.go.id") <= 253
    reg.subdomain(name, sub())
    assert reg.ids("subdomain.name-length") == []


def test_walker_refuses_unsafe_file_names(reg: Reg) -> None:
    reg.subdomain("a b", sub())
    ids = reg.ids("layout.")
    assert ("layout.bad-slug", f"{SUBDIR}/a b.yaml") in ids


def test_naming_rule(reg: Reg) -> None:
    reg.subdomain("apotek", sub())
    reg.subdomain("bappeda", sub(opd="dinkes", app=None))
    found = {(f.check_id, f.path): f for f in reg.findings()}
    assert ("subdomain.naming", f"{SUBDIR}/apotek.yaml") in found
    assert ("subdomain.naming", f"{SUBDIR}/bappeda.yaml") in found
    assert "dinkes, lama, simpus, sipd" in found[("subdomain.naming", f"{SUBDIR}/apotek.yaml")].hint_text()


def test_naming_exception_and_stale_exception(reg: Reg) -> None:
    write_yaml(
        reg.root / "registry/dns/pengecualian-nama.yaml",
        {
            "pengecualian": [
                {"nama": "apotek", "opd": "dinkes", "alasan": "Layanan apotek daerah"},
                {"nama": "lama-sekali", "opd": "dinkes", "alasan": "Tidak dipakai"},
            ]
        },
    )
    reg.subdomain("apotek", sub())
    found = reg.findings()
    assert sorted((f.check_id, f.severity.value) for f in found if f.path.endswith("apotek.yaml")) == [
        ("subdomain.address-example", "info"),
        ("subdomain.naming-exception", "info"),
    ]
    stale = [f for f in found if f.check_id == "subdomain.exception-stale"]
    assert [(f.path, f.line) for f in stale] == [("registry/dns/pengecualian-nama.yaml", 5)]


def test_exception_for_another_opd_does_not_apply(reg: Reg) -> None:
    write_yaml(
        reg.root / "registry/dns/pengecualian-nama.yaml",
        {"pengecualian": [{"nama": "apotek", "opd": "bappeda", "alasan": "x"}]},
    )
    reg.subdomain("apotek", sub())
    assert ("subdomain.naming", f"{SUBDIR}/apotek.yaml") in reg.ids()


def test_owner_references(reg: Reg) -> None:
    reg.subdomain("dishub", sub(opd="dishub", app=None))
    reg.subdomain("bappeda", sub(opd="dinkes", app="tidak-ada"))
    bad = sub(opd="dinkes", app=None)
    bad["untuk"] = {"opd": "bappeda"}
    reg.subdomain("dinkes", bad)
    ids = reg.ids()
    assert ("subdomain.owner-missing", f"{SUBDIR}/dishub.yaml") in ids
    assert ("subdomain.app-missing", f"{SUBDIR}/bappeda.yaml") in ids
    assert ("subdomain.for-other-opd", f"{SUBDIR}/dinkes.yaml") in ids


@pytest.mark.parametrize("name", ["mail", "api", "admin", "postmaster", "wpad", "isatap", "localhost", "autodiscover"])
def test_reserved_names(reg: Reg, name: str) -> None:
    write_yaml(
        reg.root / "registry/dns/pengecualian-nama.yaml",
        {"pengecualian": [{"nama": name, "opd": "dinkes", "alasan": "x"}]},
    )
    reg.subdomain(name, sub())
    ids = reg.ids("subdomain.reserved")
    assert ids in (
        [("subdomain.reserved", f"{SUBDIR}/{name}.yaml")],
        [("subdomain.reserved-diskominfo", f"{SUBDIR}/{name}.yaml")],
    )


def test_wpad_is_refused_at_any_level(reg: Reg) -> None:
    reg.subdomain("wpad.dinkes", sub())
    assert reg.ids("subdomain.reserved") == [("subdomain.reserved", f"{SUBDIR}/wpad.dinkes.yaml")]


def test_www_belongs_to_diskominfo_only(reg: Reg) -> None:
    write_yaml(
        reg.root / "registry/dns/pengecualian-nama.yaml",
        {
            "pengecualian": [
                {"nama": "www", "opd": "diskominfo", "alasan": "Portal Pemda"},
                {"nama": "www", "opd": "dinkes", "alasan": "x"},
            ]
        },
    )
    reg.subdomain("www", sub(opd="diskominfo", app=None))
    assert reg.ids("subdomain.reserved") == []
    reg.subdomain("www", sub(opd="dinkes", app=None))
    found = [f for f in reg.findings("subdomain.reserved")]
    assert [(f.check_id, f.path, f.line) for f in found] == [("subdomain.reserved-diskominfo", f"{SUBDIR}/www.yaml", 1)]


def test_unique_ignoring_case(reg: Reg) -> None:
    reg.subdomain("sipd", sub())
    reg.subdomain("SIPD", sub())
    ids = reg.ids("subdomain.duplicate")
    assert ids == [("subdomain.duplicate", f"{SUBDIR}/SIPD.yaml"), ("subdomain.duplicate", f"{SUBDIR}/sipd.yaml")]


def test_nested_name_needs_parent_owner(reg: Reg) -> None:
    reg.subdomain("dinkes", sub(app=None))
    reg.subdomain("peta.dinkes", sub(opd="bappeda", app=None))
    reg.subdomain("x.peta.dinkes", sub(opd="bappeda", app=None))
    found = [(f.check_id, f.path, f.line) for f in reg.findings("subdomain.nested-owner")]
    assert found == [("subdomain.nested-owner", f"{SUBDIR}/peta.dinkes.yaml", 1)]


CNAME = {"type": "CNAME", "value": "host.example.net"}


@pytest.mark.parametrize(
    ("records", "rule", "line"),
    [
        ([CNAME, {"type": "A", "value": "192.0.2.1", "contoh": True}], "subdomain.cname-alone", 6),
        ([{"type": "CNAME", "values": ["a.example.net", "b.example.net"]}], "subdomain.cname-single", 6),
        ([CNAME, {"type": "CNAME", "value": "b.example.net"}], "subdomain.cname-single", 6),
        ([{"type": "CNAME", "value": "SIPD.pontianakkota.go.id."}], "subdomain.cname-self", 7),
        ([{"type": "CNAME", "value": "pontianakkota.go.id"}], "subdomain.cname-apex", 7),
        ([{"type": "A", "value": "300.1.1.1"}], "subdomain.value", 7),
        ([{"type": "AAAA", "value": "192.0.2.1"}], "subdomain.value", 7),
        ([{"type": "CNAME", "value": "nodot"}], "subdomain.value", 7),
        (
            [
                {
                    "type": "MX",
                    "values": [
                        {"priority": 10, "target": "mx.example.net"},
                        {"priority": 70000, "target": "b.example.net"},
                    ],
                }
            ],
            "subdomain.value",
            10,
        ),
        ([{"type": "TXT", "value": "tidak ascii é"}], "subdomain.value", 7),
        ([{"type": "CAA", "value": {"flags": 0, "tag": "issuer", "value": "letsencrypt.org"}}], "subdomain.value", 8),
        (
            [{"type": "SRV", "value": {"priority": 1, "weight": 1, "port": 443, "target": "a.example.net"}}],
            "subdomain.srv-name",
            6,
        ),
        ([{"type": "TXT", "value": "a"}, {"type": "TXT", "value": "b"}], "subdomain.type-repeated", 8),
    ],
)
def test_record_rules(reg: Reg, records: list[dict[str, object]], rule: str, line: int) -> None:
    reg.subdomain("sipd", sub(records=records))
    found = [(f.check_id, f.path, f.line) for f in reg.findings(rule)]
    assert found == [(rule, f"{SUBDIR}/sipd.yaml", line)]


def test_srv_at_service_name_passes(reg: Reg) -> None:
    srv = {"type": "SRV", "value": {"priority": 1, "weight": 1, "port": 5060, "target": "sip.example.net"}}
    reg.subdomain("_sip._tcp.dinkes", sub(records=[srv]))
    assert reg.ids(info=False) == []


@pytest.mark.parametrize(
    ("record", "rule", "severity"),
    [
        ({"type": "A", "value": "10.1.2.3"}, "subdomain.address-global", "high"),
        ({"type": "A", "value": "127.0.0.1"}, "subdomain.address-global", "high"),
        ({"type": "A", "value": "100.64.0.1"}, "subdomain.address-global", "high"),
        ({"type": "AAAA", "value": "fd00::1"}, "subdomain.address-global", "high"),
        ({"type": "A", "value": "198.51.100.7"}, "subdomain.address-global", "high"),
        ({"type": "A", "value": "8.8.8.8"}, "subdomain.address-pusat-data", "high"),
        ({"type": "A", "value": "192.0.2.7"}, "subdomain.address-example-unmarked", "medium"),
        ({"type": "A", "value": "192.0.2.7", "contoh": True}, "subdomain.address-example", "info"),
        ({"type": "AAAA", "value": "2001:db8:6105::7", "contoh": True}, "subdomain.address-example", "info"),
        (
            {
                "type": "A",
                "value": "8.8.8.8",
                "pengecualian_hosting": {"nomor": "1/2026", "tanggal": "2026-01-02", "disetujui_oleh": "Walikota"},
            },
            "subdomain.address-exception",
            "info",
        ),
    ],
)
def test_addresses(reg: Reg, record: dict[str, object], rule: str, severity: str) -> None:
    reg.subdomain("sipd", sub(records=[record]))
    found = [(f.check_id, f.severity.value, f.line) for f in reg.findings("subdomain.address")]
    assert found == [(rule, severity, 7)]


def test_address_inside_real_pusat_data_range_passes(reg: Reg) -> None:
    inst = reg.root / "registry/instance.yaml"
    inst.write_text(inst.read_text().replace("pusat_data:\n", "pusat_data:\n  - cidr: 203.0.114.0/24\n"))
    reg.subdomain("sipd", sub(records=[{"type": "A", "value": "203.0.114.9"}]))
    assert reg.ids("subdomain.address") == []


def test_app_level_hosting_exception(reg: Reg) -> None:
    app = reg.root / "registry/apps/dinkes/sipd/app.yaml"
    app.write_text(
        app.read_text()
        + "hosting:\n  lokasi: pengecualian\n"
        + "  pengecualian: {nomor: '2/2026', tanggal: '2026-02-01', disetujui_oleh: Walikota}\n"
    )
    reg.subdomain("sipd", sub(records=[{"type": "A", "value": "8.8.4.4"}]))
    assert [f.check_id for f in reg.findings("subdomain.address")] == ["subdomain.address-exception"]


def _retire(reg: Reg, name: str, opd: str, days_ago: int) -> None:
    when = (dt.date.today() - dt.timedelta(days=days_ago)).isoformat()
    write_yaml(
        reg.root / "registry/dns/pensiun.yaml",
        {"pensiun": [{"nama": name, "opd": opd, "tanggal": when, "alasan": "x"}]},
    )


def test_quarantine_blocks_another_owner(reg: Reg) -> None:
    _retire(reg, "simpus", "bappeda", 10)
    reg.subdomain("simpus", sub())
    found = reg.findings("subdomain.quarantine")
    until = (dt.date.today() + dt.timedelta(days=170)).isoformat()
    assert [(f.path, dict(f.params)["until"]) for f in found] == [(f"{SUBDIR}/simpus.yaml", until)]


def test_quarantine_ends_and_former_owner_may_reclaim(reg: Reg) -> None:
    _retire(reg, "simpus", "bappeda", 181)
    reg.subdomain("simpus", sub())
    assert reg.ids("subdomain.quarantine") == []
    _retire(reg, "simpus", "dinkes", 1)
    assert reg.ids("subdomain.quarantine") == []


def test_quarantine_period_is_configurable(reg: Reg) -> None:
    inst = reg.root / "registry/instance.yaml"
    inst.write_text(inst.read_text().replace("karantina_hari: 180", "karantina_hari: 365"))
    _retire(reg, "simpus", "bappeda", 200)
    reg.subdomain("simpus", sub())
    assert reg.ids("subdomain.quarantine") == [("subdomain.quarantine", f"{SUBDIR}/simpus.yaml")]


def test_retired_list_is_validated(reg: Reg) -> None:
    write_yaml(
        reg.root / "registry/dns/pensiun.yaml", {"pensiun": [{"nama": "x", "opd": "dinkes", "tanggal": "kemarin"}]}
    )
    found = [(f.check_id, f.path, f.line) for f in reg.findings("subdomain.retired")]
    assert found == [("subdomain.retired-invalid", "registry/dns/pensiun.yaml", 4)]


def test_dangling_name_of_discontinued_app(reg: Reg) -> None:
    reg.subdomain("lama", sub(app="lama"))
    found = [(f.check_id, f.line) for f in reg.findings("subdomain.dangling")]
    assert found == [("subdomain.dangling", 3)]


def test_review_due_is_info(reg: Reg) -> None:
    reg.subdomain("sipd", sub(tinjauan="2020-01-01"))
    found = [(f.check_id, f.severity.value) for f in reg.findings("subdomain.review")]
    assert found == [("subdomain.review-due", "info")]


def test_hostile_subdomain_file_reports_without_crash(reg: Reg) -> None:
    (reg.root / SUBDIR).mkdir(parents=True, exist_ok=True)
    (reg.root / SUBDIR / "sipd.yaml").write_text("opd: [\n")
    (reg.root / SUBDIR / "dinkes.yaml").write_text("- just\n- a list\n")
    (reg.root / SUBDIR / "simpus.yaml").write_text("opd: dinkes\nrecords: {A: 1}\nuntuk: 5\n")
    all_ids = {f.check_id for f in reg.findings("")}
    assert "check.crashed" not in all_ids
    assert "yaml.syntax" in all_ids and "schema.type" in all_ids


def test_messages_in_english(reg: Reg) -> None:
    reg.subdomain("apotek", sub())
    f = next(f for f in reg.findings() if f.check_id == "subdomain.naming")
    assert f.text("en").startswith("Name apotek is neither")
    assert f.text("id").startswith("Nama apotek bukan")


def test_www_needs_no_naming_exception_for_diskominfo(reg: Reg) -> None:
    reg.subdomain("www", sub(opd="diskominfo", app="portal-data"))
    assert reg.ids(info=False) == []


def test_dangling_reported_when_only_the_app_changed(reg: Reg) -> None:
    from repospbe.engine import run_checks
    from repospbe.registry import load_registry

    reg.subdomain("lama", sub(app="lama"))
    app = reg.root / "registry/apps/dinkes/lama/app.yaml"
    app.write_text(app.read_text() + "subdomain: [lama]\n")
    selection = frozenset({"registry/apps/dinkes/lama/app.yaml"})
    found = [
        (f.check_id, f.path)
        for f in run_checks(load_registry(reg.root, selection))
        if f.check_id == "subdomain.dangling"
    ]
    assert found == [("subdomain.dangling", "registry/apps/dinkes/lama/app.yaml")]
    # A full run reports it once, at the subdomain file.
    assert reg.ids("subdomain.dangling") == [("subdomain.dangling", "registry/subdomains/lama.yaml")]


def test_exception_list_is_validated(reg: Reg) -> None:
    write_yaml(
        reg.root / "registry/dns/pengecualian-nama.yaml", {"pengecualian": [{"nama": "apotek", "opd": "dinkes"}]}
    )
    reg.subdomain("apotek", sub())
    found = [(f.check_id, f.path, f.line) for f in reg.findings("subdomain.exception-invalid")]
    assert found == [("subdomain.exception-invalid", "registry/dns/pengecualian-nama.yaml", 2)] * 2  # alasan, surat
