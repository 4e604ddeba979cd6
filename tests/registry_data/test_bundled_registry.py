"""The bundled registry: real data from the seed (Rencana Induk SPBE 6.2.3, 6.2.5), real gaps."""

from __future__ import annotations

import ipaddress
import json

import pytest
import yaml

from tests.helpers.cli import run_cli
from tests.registry_data.conftest import REPO_ROOT

REG = REPO_ROOT / "registry"


def load(rel: str) -> dict[str, object]:
    data = yaml.safe_load((REPO_ROOT / rel).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def apps() -> dict[str, dict[str, object]]:
    return {
        f"{p.parent.parent.name}/{p.parent.name}": load(str(p.relative_to(REPO_ROOT)))
        for p in sorted(REG.glob("apps/*/*/app.yaml"))
    }


@pytest.fixture(scope="module")
def report() -> dict[str, object]:
    from repospbe.engine import check_registry, exit_code
    from repospbe.findings import Finding

    findings: list[Finding] = check_registry(REPO_ROOT)
    return {"findings": findings, "code": exit_code(findings)}


def missing(report: dict[str, object], app: str) -> list[str]:
    return sorted(
        dict(f.params)["file"].rsplit("/", 1)[1]
        for f in report["findings"]  # type: ignore[attr-defined]
        if f.check_id == "doc.missing" and f.path == f"registry/apps/{app}/app.yaml"
    )


def test_whole_registry_exits_1_listing_missing_documents(capsys: pytest.CaptureFixture[str]) -> None:
    res = run_cli(capsys, "check", "--registry", str(REPO_ROOT), "--format", "json")
    assert res.code == 1
    found = json.loads(res.out)["findings"]
    assert {"check_id": "doc.missing", "path": "registry/apps/bkpsdm/simpeg/app.yaml", "line": 8} in [
        {k: f[k] for k in ("check_id", "path", "line")} for f in found
    ]


def test_real_gaps_are_missing_documents_only(report: dict[str, object]) -> None:
    ours = [
        f for f in report["findings"] if f.check_id.split(".")[0] in ("schema", "ref", "doc", "yaml", "layout", "file")
    ]  # type: ignore[attr-defined]
    assert {f.check_id for f in ours} == {"doc.missing"}
    assert report["code"] == 1
    five = ["bast.md", "kak.md", "kebutuhan.md", "manual.md", "pengujian.md"]
    assert missing(report, "bkpsdm/simpeg") == five
    assert missing(report, "bagian-hukum/jdih") == five
    assert missing(report, "diskominfo/e-office") == five
    assert missing(report, "bpbj/lpse") == ["manual.md"]
    assert missing(report, "diskominfo/sp4n-lapor") == ["manual.md"]
    assert missing(report, "diskominfo/si-antrean") == []
    assert len(ours) == 22 * 5 + 2


def test_example_app_alone_exits_0(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)
    res = run_cli(capsys, "check", "registry/apps/diskominfo/si-antrean")
    assert res.code == 0, res.out


def test_opds_and_apps_from_the_seed() -> None:
    opds = {p.stem for p in REG.glob("opd/*.yaml")}
    assert {
        "diskominfo",
        "setda",
        "bkpsdm",
        "bappeda",
        "bkd",
        "bagian-organisasi",
        "bagian-perekonomian-pembangunan",
        "bagian-tata-pemerintahan",
        "bpbj",
        "bagian-hukum",
        "inspektorat",
        "pupr",
        "dpmtkptsp",
    } <= opds
    assert len(opds) == 19
    owners = {key.split("/")[1]: key.split("/")[0] for key in apps()}
    assert owners == {
        "e-office": "diskominfo",
        "simpeg": "bkpsdm",
        "sipp": "bappeda",
        "simakda": "bkd",
        "sima": "bkd",
        "simbada": "bkd",
        "e-sakip": "bagian-organisasi",
        "e-performance": "bagian-organisasi",
        "e-progress": "bagian-perekonomian-pembangunan",
        "e-lppd": "diskominfo",
        "simekbang": "bappeda",
        "lpse": "bpbj",
        "si-ukpbj": "bpbj",
        "sp4n-lapor": "diskominfo",
        "jdih": "bagian-hukum",
        "wbs-ponti": "inspektorat",
        "si-ppid": "diskominfo",
        "satu-data-pontianak": "diskominfo",
        "sim-taru": "pupr",
        "dpmtk-apdroid": "dpmtkptsp",
        "e-pemerintahan": "diskominfo",
        "jepin": "diskominfo",
        "interoperabilitas": "diskominfo",
        "portal-pemda": "diskominfo",
        "si-antrean": "diskominfo",
    }
    assert load("registry/opd/bkpsdm.yaml")["nama"] == "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
    assert load("registry/opd/bpbj.yaml")["induk"] == "setda"


def test_jenis_follows_the_nine_common_functions() -> None:
    common = set(load("registry/instance.yaml")["aplikasi_umum_fungsi"])  # type: ignore[arg-type]
    assert len(common) == 9
    for key, app in apps().items():
        serves_common = bool(set(app["fungsi"]) & common)  # type: ignore[arg-type]
        assert app["jenis"] == ("umum" if serves_common else "khusus"), key
        assert app["status"] == "produksi", key


def test_seed_facts_addresses_integration_users_national() -> None:
    a = apps()
    sites = {k: (v.get("alamat"), v.get("subdomain")) for k, v in a.items() if "alamat" in v}
    assert sites == {
        "bagian-hukum/jdih": (["https://jdih.pontianakkota.go.id/"], ["jdih"]),
        "diskominfo/si-ppid": (["http://ppid.pontianakkota.go.id/"], ["ppid"]),
        "diskominfo/satu-data-pontianak": (["https://data.pontianakkota.go.id/"], ["data"]),
        "dpmtkptsp/dpmtk-apdroid": (["http://dpmtkptsp.pontianakkota.go.id/"], ["dpmtkptsp"]),
        "diskominfo/e-pemerintahan": (["http://e-pemerintahan.pontianakkota.go.id/"], ["e-pemerintahan"]),
        "diskominfo/portal-pemda": (["https://www.pontianakkota.go.id/"], ["www"]),
        "diskominfo/si-antrean": (["https://si-antrean.pontianakkota.go.id/"], ["si-antrean"]),
    }
    in_jepin = {k.split("/")[1] for k, v in a.items() if v.get("integrasi", {}).get("portal") == "jepin"}  # type: ignore[union-attr]
    assert in_jepin == {
        "sipp",
        "sima",
        "simbada",
        "sp4n-lapor",
        "jdih",
        "wbs-ponti",
        "si-ppid",
        "satu-data-pontianak",
        "si-antrean",
    }
    assert a["diskominfo/e-lppd"]["pengguna"] == ["bagian-tata-pemerintahan"]
    for national in ("bpbj/lpse", "diskominfo/sp4n-lapor"):
        assert a[national]["hosting"] == {"lokasi": "nasional"}
        assert a[national]["pemeliharaan"]["jenis"] == "pusat"  # type: ignore[index]
    real_docs = [p for p in REG.glob("apps/*/*/*.md") if p.parent.name != "si-antrean"]
    assert real_docs == []


def test_every_file_names_its_schema() -> None:
    for path in sorted(REG.rglob("*.yaml")) + [REPO_ROOT / "checks/documents.yaml"]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert schema.is_file() and schema.parent == REPO_ROOT / "checks" / "schemas", path


def test_subdomains_cover_every_label_with_example_addresses() -> None:
    labels = {label for app in apps().values() for label in app.get("subdomain", [])}  # type: ignore[attr-defined]
    files = {p.stem for p in REG.glob("subdomains/*.yaml")}
    assert labels == files == {"www", "jdih", "ppid", "data", "dpmtkptsp", "e-pemerintahan", "si-antrean"}
    example = ipaddress.ip_network("192.0.2.0/24")
    for label in files:
        for rec in load(f"registry/subdomains/{label}.yaml")["records"]:  # type: ignore[union-attr]
            assert rec["type"] == "A" and rec["contoh"] is True  # type: ignore[index]
            assert ipaddress.ip_address(rec["value"]) in example  # type: ignore[index]
