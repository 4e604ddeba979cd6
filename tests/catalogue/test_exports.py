"""publiccode.yml, Backstage entities and catalogue.json, validated against the specs' rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from repospbe.catalogue.collect import collect
from repospbe.catalogue.exports import publiccode, repo_url
from tests.catalogue.conftest import Built
from tests.catalogue.sample import REPO_ROOT, make_registry

pytestmark = pytest.mark.xdist_group("katalog")
VENDOR = REPO_ROOT / "checks" / "schemas" / "vendor"


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((VENDOR / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def errors(name: str, doc: Any) -> list[str]:
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.validator}" for e in validator(name).iter_errors(doc))


def test_publiccode_output_follows_the_standard(built: Built) -> None:
    doc = yaml.safe_load((built.site / "ekspor/dpmptsp/sipanda/publiccode.yml").read_text(encoding="utf-8"))
    assert errors("publiccode-0.4.schema.json", doc) == []
    assert doc["publiccodeYmlVersion"] == "0.4" and doc["developmentStatus"] == "stable"
    assert doc["url"] == "https://git.pontianakkota.go.id/dpmptsp/sipanda.git"
    assert doc["maintenance"] == {
        "type": "contract",
        "contractors": [{"name": "CV Contoh Digital", "until": "2027-12-31"}],
    }
    assert doc["landingURL"] == "https://sipanda.pontianakkota.go.id/"
    desc = doc["description"]["id"]
    assert len(desc["shortDescription"]) <= 150 and 150 <= len(desc["longDescription"]) <= 10000


def test_publiccode_is_not_made_without_what_the_standard_requires(built: Built) -> None:
    assert not (built.site / "ekspor/bkpsdm/simpeg/publiccode.yml").exists()
    page = built.html("aplikasi/bkpsdm/simpeg.html")
    assert (
        "publiccode.yml belum dapat dibuat; belum ada: URL repositori kode sumber (sumber.repo); lisensi SPDX" in page
    )


@pytest.mark.parametrize(
    "broken, rule",
    [
        ({"maintenance": {"type": "contract", "contacts": [{"name": "A"}]}}, "maintenance: required"),
        (
            {"maintenance": {"type": "internal", "contractors": [{"name": "A", "until": "2027-01-01"}]}},
            "maintenance: not",
        ),
        (
            {"description": {"id": {"shortDescription": "x" * 151, "longDescription": "y" * 150, "features": ["a"]}}},
            "description/id/shortDescription: maxLength",
        ),
        (
            {"description": {"id": {"shortDescription": "x", "longDescription": "terlalu pendek", "features": ["a"]}}},
            "description/id/longDescription: minLength",
        ),
        ({"developmentStatus": "produksi"}, "developmentStatus: enum"),
        ({"releaseDate": "27/11/2026"}, "releaseDate: pattern"),
        ({"warna": "merah"}, ": additionalProperties"),
        ({"platforms": []}, "platforms: minItems"),
    ],
)
def test_schema_rejects_what_the_spec_forbids(built: Built, broken: dict[str, Any], rule: str) -> None:
    doc = yaml.safe_load((built.site / "ekspor/dpmptsp/sipanda/publiccode.yml").read_text(encoding="utf-8"))
    doc.update(broken)
    assert rule in errors("publiccode-0.4.schema.json", doc)


def test_internal_maintenance_and_scp_repositories(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "reg", with_guides=False)
    app = root / "registry/apps/bkpsdm/simpeg/app.yaml"
    data = yaml.safe_load(app.read_text(encoding="utf-8"))
    data.update(
        lisensi="MIT",
        sumber={"repo": "git@git.pontianakkota.go.id:bkpsdm/simpeg.git"},
        pemeliharaan={"jenis": "swakelola"},
    )
    app.write_text(yaml.safe_dump(data), encoding="utf-8")
    cat = collect(root)
    doc, missing = publiccode(cat, cat.apps["bkpsdm/simpeg"])
    assert missing == [] and doc is not None
    assert errors("publiccode-0.4.schema.json", doc) == []
    assert doc["url"] == "ssh://git@git.pontianakkota.go.id/bkpsdm/simpeg.git"
    assert doc["maintenance"]["type"] == "internal" and doc["maintenance"]["contacts"][0]["name"]
    assert doc["usedBy"] == ["Dinas Penanaman Modal dan PTSP", "Badan Kepegawaian dan PSDM"]
    assert repo_url("/srv/git/simpeg") is None


def test_backstage_entities(built: Built) -> None:
    comp = yaml.safe_load((built.site / "ekspor/dpmptsp/sipanda/catalog-info.yaml").read_text(encoding="utf-8"))
    groups = list(yaml.safe_load_all((built.site / "ekspor/backstage-groups.yaml").read_text(encoding="utf-8")))
    for entity in (comp, *groups):
        assert errors("backstage-entity.schema.json", entity) == [], entity
    assert comp["kind"] == "Component" and comp["spec"]["owner"] == "group:default/dpmptsp"
    assert comp["spec"]["lifecycle"] == "production"
    assert {g["metadata"]["name"] for g in groups} == {"bkpsdm", "diskominfo", "dpmptsp"}
    hostile = yaml.safe_load((built.site / "ekspor/dpmptsp/pegawai-izin/catalog-info.yaml").read_text(encoding="utf-8"))
    assert errors("backstage-entity.schema.json", hostile) == []
    assert errors("backstage-entity.schema.json", {**comp, "metadata": {"name": "bukan nama sah"}}) == [
        "metadata/name: pattern"
    ]


def test_catalogue_json_for_other_systems(built: Built) -> None:
    data = json.loads((built.site / "ekspor/catalogue.json").read_text(encoding="utf-8"))
    assert data["format"] == "repospbe-katalog" and data["domain"] == "pontianakkota.go.id"
    apps = {a["kunci"]: a for a in data["aplikasi"]}
    assert set(apps) == {"bkpsdm/simpeg", "dpmptsp/pegawai-izin", "dpmptsp/sipanda"}
    assert apps["dpmptsp/sipanda"]["persyaratan"]["kebutuhan"] == "gagal"
    izin = apps["dpmptsp/pegawai-izin"]
    assert izin["persyaratan"]["kak"] == "ok" and izin["persyaratan"]["pipeline"] == "belum" and not izin["patuh"]
    assert izin["contoh"] is False and set(izin["persyaratan"]) >= {"hakcipta", "umum", "alamat", "surat", "hosting"}
    assert apps["bkpsdm/simpeg"]["persyaratan"]["kak"] == "na"
    assert apps["dpmptsp/sipanda"]["pipeline_terakhir"] is None
    assert data["subdomain"] == [
        {"nama": "sipanda", "opd": "dpmptsp", "aplikasi": "dpmptsp/sipanda", "tujuan": "Layanan perizinan daring"}
    ]
    assert len(data["commit_registri"]) == 40
