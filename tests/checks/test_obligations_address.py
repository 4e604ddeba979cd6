"""Issue 16 obligation 5: official addresses of apps and OPDs (address.*), hostile URLs included."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.subdomains import OPDS, Reg, app_data, build_registry, sub, write_yaml

NATIONAL = {"pemeliharaan": {"jenis": "pusat", "dasar": "Surat LKPP"}, "hosting": {"lokasi": "nasional"}}


@pytest.fixture
def reg(tmp_path: Path) -> Reg:
    r = build_registry(tmp_path / "reg")
    r.subdomain("sipd", sub())  # registered for dinkes/sipd
    r.subdomain("dinkes", sub(app=None))  # the OPD site of dinkes
    return r


def app_ids(reg: Reg, url: str, key: str = "dinkes/sipd", **extra: object) -> list[str]:
    data = app_data(key, {"subdomain": ["sipd"], "alamat": [url], **extra})
    rel = f"registry/apps/{key}/app.yaml"
    write_yaml(reg.root / rel, data)
    return [f.check_id for f in reg.findings("address.") if f.path == rel]


def test_https_registered_subdomain_passes(reg: Reg) -> None:
    assert app_ids(reg, "https://sipd.pontianakkota.go.id/") == []
    assert app_ids(reg, "https://sipd.pontianakkota.go.id:443/layanan?x=1#a") == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://sipd.pontianakkota.go.id/", ["address.https"]),
        ("https://pontianakkota.go.id.evil.com/", ["address.domain"]),
        ("https://sipd.pontianakkota.go.id.evil.com/", ["address.domain"]),
        ("https://evilpontianakkota.go.id/", ["address.domain"]),
        ("http://evil.com/", ["address.domain"]),
        ("https://x@evil.com/", ["address.invalid"]),
        ("https://sipd.pontianakkota.go.id@evil.com/", ["address.invalid"]),
        ("https://evil.com\\@sipd.pontianakkota.go.id/", ["address.invalid"]),
        ("https://SIPD.pontianakkota.go.id/", ["address.invalid"]),
        ("HTTPS://sipd.pontianakkota.go.id/", ["address.invalid"]),
        ("https://sipd.pontianakkota.go.id./", ["address.invalid"]),
        ("https://sipd.pontianakkota.go.id:8443/", ["address.invalid"]),
        ("https://sípd.pontianakkota.go.id/", ["address.invalid"]),
        ("https://sipd.pontianakkota.go.id%2eevil.com/", ["address.invalid"]),
        ("https:///sipd.pontianakkota.go.id", ["address.invalid"]),
        ("https://[::1]/", ["address.invalid"]),
        ("https://xn--spd-tma.pontianakkota.go.id/", ["address.subdomain"]),  # punycode: not the registered name
        ("https://lain.pontianakkota.go.id/", ["address.subdomain"]),
        ("https://pontianakkota.go.id/", ["address.subdomain"]),  # the apex is nobody's subdomain
        ("http://lain.pontianakkota.go.id/", ["address.https", "address.subdomain"]),
    ],
)
def test_hostile_and_wrong_addresses(reg: Reg, url: str, expected: list[str]) -> None:
    assert app_ids(reg, url) == expected


def test_subdomain_must_be_registered_and_listed(reg: Reg) -> None:
    assert app_ids(reg, "https://sipd.pontianakkota.go.id/", subdomain=[]) == ["address.subdomain"]
    # listed in the record but no registry/subdomains/baru.yaml
    assert app_ids(reg, "https://baru.pontianakkota.go.id/", subdomain=["baru"]) == ["address.subdomain"]


def test_national_address_only_for_central_apps_under_go_id(reg: Reg) -> None:
    assert app_ids(reg, "https://spse.lkpp.go.id/", **NATIONAL) == []
    assert app_ids(reg, "https://spse.lkpp.go.id/") == ["address.domain"]  # a Pemda app
    assert app_ids(reg, "https://lpse.example.com/", **NATIONAL) == ["address.domain"]
    assert app_ids(reg, "http://spse.lkpp.go.id/", **NATIONAL) == ["address.https"]
    assert app_ids(reg, "https://spse.lkpp.go.id.evil.com/", **NATIONAL) == ["address.domain"]


def test_finding_is_located_on_the_address_line(reg: Reg) -> None:
    app_ids(reg, "http://sipd.pontianakkota.go.id/")
    f = next(f for f in reg.findings("address.") if f.path == "registry/apps/dinkes/sipd/app.yaml")
    text = (reg.root / f.path).read_text(encoding="utf-8").splitlines()
    assert "http://sipd.pontianakkota.go.id/" in text[f.line - 1] and f.blocks()


def opd_ids(reg: Reg, kontak: object = None, **extra: object) -> list[str]:
    data = {**OPDS["dinkes"], **({"kontak": kontak} if kontak is not None else {}), **extra}
    write_yaml(reg.root / "registry" / "opd" / "dinkes.yaml", data)
    return sorted(f.check_id for f in reg.findings("address.opd") if f.path == "registry/opd/dinkes.yaml")


GOOD = {"situs": "https://dinkes.pontianakkota.go.id/", "email": "dinkes@pontianakkota.go.id"}


def test_opd_with_official_site_and_mail_passes(reg: Reg) -> None:
    assert opd_ids(reg, GOOD) == []
    assert opd_ids(reg, {**GOOD, "email": "sekretariat@dinkes.pontianakkota.go.id"}) == []


def test_opd_missing_site_and_mail_are_named_separately(reg: Reg) -> None:
    assert opd_ids(reg) == ["address.opd-email-missing", "address.opd-website-missing"]
    assert opd_ids(reg, {"situs": GOOD["situs"]}) == ["address.opd-email-missing"]
    assert opd_ids(reg, {"email": GOOD["email"]}) == ["address.opd-website-missing"]


def test_units_of_another_opd_are_not_judged(reg: Reg) -> None:
    assert opd_ids(reg, induk="diskominfo") == []


@pytest.mark.parametrize(
    ("kontak", "expected"),
    [
        ({**GOOD, "situs": "http://dinkes.pontianakkota.go.id/"}, ["address.opd-website"]),
        ({**GOOD, "situs": "https://dinkes.pontianakkota.go.id.evil.com/"}, ["address.opd-website"]),
        ({**GOOD, "situs": "https://x@dinkes.pontianakkota.go.id/"}, ["address.opd-website"]),
        ({**GOOD, "situs": "https://DINKES.pontianakkota.go.id/"}, ["address.opd-website"]),
        ({**GOOD, "situs": "https://dinkes.pontianakkota.go.id./"}, ["address.opd-website"]),
        ({**GOOD, "situs": "https://dinkes.blogspot.com/"}, ["address.opd-website"]),
        ({**GOOD, "situs": "https://sipd.pontianakkota.go.id/"}, []),  # registered, owned by dinkes
        ({**GOOD, "situs": "https://kesehatan.pontianakkota.go.id/"}, ["address.opd-website-subdomain"]),
        ({**GOOD, "email": "dinkes@gmail.com"}, ["address.opd-email"]),
        ({**GOOD, "email": "dinkes@pontianakkota.go.id.evil.com"}, ["address.opd-email"]),
        ({**GOOD, "email": "a@b@pontianakkota.go.id"}, ["address.opd-email"]),
        ({**GOOD, "email": "dinkes@evilpontianakkota.go.id"}, ["address.opd-email"]),
        ({**GOOD, "email": "dinkes@pontianakkota.go.id."}, ["address.opd-email"]),
    ],
)
def test_opd_hostile_site_and_mail(reg: Reg, kontak: dict[str, str], expected: list[str]) -> None:
    assert opd_ids(reg, kontak) == expected


def test_opd_site_on_a_subdomain_of_another_opd(reg: Reg) -> None:
    reg.subdomain("portal-data", sub(opd="diskominfo", app="portal-data"))
    assert opd_ids(reg, {**GOOD, "situs": "https://portal-data.pontianakkota.go.id/"}) == [
        "address.opd-website-subdomain"
    ]
