"""``jsonschema`` and ``jsonschema_rs`` give the same verdict, as ``repospbe.registry.schema`` uses them.

``validate_record`` accepts a record as soon as the compiled ``jsonschema_rs`` validator
does and asks ``jsonschema`` (the authority) only otherwise, so a record the first
accepts and the second rejects would pass unseen. For every schema in checks/schemas/
(vendored ones included) this validates, with both and with the production options
(formats not checked), every instance we have: the bundled registry, the policy files,
the records the templates render, the exports the catalogue writes (for the catalogue
tests' registry) and the GitLab SAST report, the schema-invalid records of the tests, and mutations of each that break a
type, a required key, a pattern, a length, ``additionalProperties`` or a format.
"""

from __future__ import annotations

import copy
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import pytest

from repospbe.registry import load_registry
from repospbe.registry.schema import SCHEMA_DIR, is_valid_fast, validator_for
from repospbe.yamlio import load_file

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / SCHEMA_DIR
MUTATED_PER_SCHEMA = (
    4  # the largest instances of each schema have every node mutated; the others are checked as they are
)

Instances = dict[str, list[tuple[str, Any]]]  # schema file (relative to checks/schemas) -> (label, instance)


def _yaml(rel: str, root: Path = ROOT) -> Any:
    loaded = load_file(root / rel, rel)
    assert not loaded.findings, (rel, loaded.findings)
    return loaded.data


def _registry(root: Path, out: Instances, tag: str) -> None:
    reg = load_registry(root)
    records = [r for r in (reg.instance, reg.reviewers) if r is not None]
    for record in [*records, *reg.opds.values(), *reg.apps.values(), *reg.subdomains.values()]:
        out[f"{record.kind}.schema.json"].append((f"{tag}:{record.path}", record.data))


def _policies(root: Path, out: Instances) -> None:
    for schema, rel in (
        ("documents", "checks/documents.yaml"),
        ("maturity", "checks/maturity.yaml"),
        ("naming-exceptions", "registry/dns/pengecualian-nama.yaml"),
        ("subdomain-retired", "registry/dns/pensiun.yaml"),
    ):
        if (root / rel).is_file():
            out[f"{schema}.schema.json"].append((rel, _yaml(rel, root)))
    for path in sorted((root / "registry/apps").glob("*/*/waivers.yaml")):
        rel = path.relative_to(root).as_posix()
        out["waivers.schema.json"].append((rel, _yaml(rel, root)))
    out["waivers.schema.json"].append(
        (
            "crafted",
            {
                "pengecualian": [
                    {
                        "temuan": "bandit.B602",
                        "berkas": "app/run.py",
                        "alasan": "Perintah tetap tanpa masukan pengguna.",
                        "disetujui_oleh": "kepala-bidang",
                        "berlaku_sampai": "2027-01-31",
                    },
                    {
                        "sidik": "0" * 32,
                        "alasan": "Positif palsu yang sudah ditinjau.",
                        "disetujui_oleh": "tim",
                        "berlaku_sampai": "2026-12-31",
                    },
                ]
            },
        )
    )


def _templates(tmp: Path, out: Instances) -> None:
    from repospbe.scaffold.app import TEMPLATE, context
    from repospbe.scaffold.render import render, template_dir

    ctx, _ = context(ROOT, {"nama": "Aplikasi Uji Skema", "opd": "diskominfo", "subdomain": "aplikasi-uji-skema"})
    project = render(template_dir(ROOT, TEMPLATE), ctx, tmp / "app")
    out["app.schema.json"].append(("templates/aplikasi-khusus", _yaml("registri/app.yaml", project)))
    rendered = render(ROOT / "templates/subdomain", {}, tmp / "subdomain")
    for path in sorted(rendered.glob("*.yaml")):
        out["subdomain.schema.json"].append(("templates/subdomain", _yaml(path.name, rendered)))
    registry = render(ROOT / "templates/registry", {}, tmp / "registry")
    _registry(registry, out, "templates/registry")


def _exports(tmp: Path, out: Instances) -> None:
    from repospbe.catalogue.collect import collect
    from repospbe.catalogue.exports import backstage_component, backstage_groups, publiccode
    from repospbe.formatters import ReportMeta
    from repospbe.formatters.gitlab_sast import format_gitlab_sast
    from tests.catalogue.sample import make_registry
    from tests.formatters.conftest import sample_findings

    cat = collect(make_registry(tmp / "katalog"), None)  # the catalogue tests' registry: it has a publiccode app
    for key, app in sorted(cat.apps.items()):
        doc, _ = publiccode(cat, app)
        if doc is not None:
            out["vendor/publiccode-0.4.schema.json"].append((f"publiccode:{key}", doc))
        out["vendor/backstage-entity.schema.json"].append((f"backstage:{key}", backstage_component(cat, app)))
    for group in backstage_groups(cat):
        out["vendor/backstage-entity.schema.json"].append(("backstage:group", group))
    sast = json.loads(format_gitlab_sast(sample_findings(), ReportMeta()))
    out["vendor/gitlab-sast-report-format-15.0.7.json"].append(("gitlab-sast", sast))


def _test_fixtures(out: Instances) -> None:
    """Schema-invalid records the tests use (as YAML text, parsed here)."""
    from repospbe.yamlio import parse
    from tests.registry.test_hostile import APP as HOSTILE_APP
    from tests.registry_data.conftest import APP, INSTANCE

    out["instance.schema.json"].append(("tests/registry_data INSTANCE", parse(INSTANCE, "i.yaml").data))
    for jenis, status in (("khusus", "produksi"), ("umum", "pengembangan"), ("khusus", "tidak-ada")):
        text = APP.format(app="uji", jenis=jenis, status=status, extra="")
        out["app.schema.json"].append((f"tests/registry_data APP {jenis}/{status}", parse(text, "a.yaml").data))
    out["app.schema.json"].append(("tests/registry HOSTILE APP", parse(HOSTILE_APP.format(id="uji"), "a.yaml").data))
    out["app.schema.json"].append(
        ("tests/registry HOSTILE APP bad id", parse(HOSTILE_APP.format(id="Bukan Id!"), "a.yaml").data)
    )


@pytest.fixture(scope="module")
def instances(tmp_path_factory: pytest.TempPathFactory) -> Instances:
    out: Instances = defaultdict(list)
    _registry(ROOT, out, "registry")
    _policies(ROOT, out)
    _templates(tmp_path_factory.mktemp("templates"), out)
    _exports(tmp_path_factory.mktemp("exports"), out)
    _test_fixtures(out)
    return out


def _nodes(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _nodes(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nodes(item, (*path, index))


def _replace(doc: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    out = copy.deepcopy(doc)
    parent = out
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = new
    return out


def _delete(doc: Any, path: tuple[Any, ...], key: Any) -> Any:
    out = copy.deepcopy(doc)
    parent = out
    for part in path:
        parent = parent[part]
    del parent[key]
    return out


def mutations(doc: Any) -> Iterator[tuple[str, Any]]:
    """Each node broken one way at a time: type, required key, pattern/format, length, extra key."""
    yield "root is a list", []
    yield "root is a string", "teks"
    for path, value in _nodes(doc):
        where = "/".join(map(str, path)) or "root"
        if isinstance(value, dict):
            yield f"{where}: unknown key", _replace(doc, path, {**value, "kunci_asing_zz": 1})
            for key in value:
                yield f"{where}: without {key}", _delete(doc, path, key)
            yield f"{where}: a list", _replace(doc, path, [value])
        elif isinstance(value, list):
            yield f"{where}: empty list", _replace(doc, path, [])
            yield f"{where}: an object", _replace(doc, path, {"0": value})
            if value:
                yield f"{where}: duplicate item", _replace(doc, path, [*value, value[0]])
        elif isinstance(value, bool):
            yield f"{where}: a string", _replace(doc, path, "ya")
        elif isinstance(value, (int, float)):
            yield f"{where}: a string", _replace(doc, path, str(value))
            yield f"{where}: negative", _replace(doc, path, -1)
            yield f"{where}: huge", _replace(doc, path, 10**12)
        elif isinstance(value, str):
            yield f"{where}: a number", _replace(doc, path, 12345)
            yield f"{where}: empty", _replace(doc, path, "")
            yield f"{where}: bad pattern/format", _replace(doc, path, "!! bukan@nilai yang sah")
            yield f"{where}: too long", _replace(doc, path, "x" * 5000)
            yield f"{where}: null", _replace(doc, path, None)


def _schema_files() -> list[str]:
    return sorted(p.relative_to(SCHEMAS).as_posix() for p in SCHEMAS.rglob("*.json"))


def _verdicts(rel: str) -> tuple[Any, Any]:
    """(slow, fast) validity tests with the options repospbe uses."""
    kind = rel.removesuffix(".schema.json")
    if "/" not in rel:  # the records' schemas: exactly the production functions
        slow = validator_for(ROOT, kind)
        return slow.is_valid, lambda data: is_valid_fast(ROOT, kind, data)
    schema = json.loads((SCHEMAS / rel).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    fast = jsonschema_rs.validator_for(schema, validate_formats=False, offline=True)
    return cls(schema, format_checker=None).is_valid, fast.is_valid


def test_every_schema_has_instances(instances: Instances) -> None:
    assert sorted(instances) == _schema_files()


@pytest.mark.parametrize("rel", _schema_files())
def test_both_validators_agree(rel: str, instances: Instances) -> None:
    slow, fast = _verdicts(rel)
    docs = instances[rel]
    richest = sorted(range(len(docs)), key=lambda i: -len(json.dumps(docs[i][1], default=str)))[:MUTATED_PER_SCHEMA]
    checked = list(docs)
    for i in richest:
        label, doc = docs[i]
        checked += [(f"{label}: {what}", bad) for what, bad in mutations(doc)]
    verdicts = [(label, slow(doc), fast(doc)) for label, doc in checked]
    disagree = [f"{label}: jsonschema={s} jsonschema_rs={f}" for label, s, f in verdicts if s != f]
    assert not disagree, f"{len(disagree)} of {len(verdicts)} disagree:\n" + "\n".join(disagree[:20])
    # Both verdicts occur: the mutations do break the schema, the instances do pass.
    assert {s for _, s, _ in verdicts} == {True, False}


@pytest.mark.parametrize("rel", [r for r in _schema_files() if "/" not in r])
def test_the_fast_validator_compiles(rel: str) -> None:
    """A schema jsonschema_rs cannot compile silently turns the fast path off."""
    from repospbe.registry.schema import _fast

    path = SCHEMAS / rel
    assert _fast(str(path), path.stat().st_mtime) is not None


def test_formats_are_not_checked_by_either() -> None:
    """``format: email`` is an annotation in both, as repospbe configures them; the schema's
    ``pattern`` is the rule. With formats checked the two would disagree: jsonschema's email
    check only looks for an ``@``, jsonschema_rs's follows RFC 5321."""
    slow, fast = _verdicts("reviewers.schema.json")
    doc = _yaml("registry/reviewers.yaml")
    bad = copy.deepcopy(doc)
    bad["reviewers"][0]["email"] = ["a,b@contoh"]  # matches the pattern, is no email address
    assert slow(doc) and fast(doc)
    assert slow(bad) and fast(bad)
    schema = json.loads((SCHEMAS / "reviewers.schema.json").read_text(encoding="utf-8"))
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    assert jsonschema.Draft202012Validator(schema, format_checker=checker).is_valid(bad)
    assert not jsonschema_rs.validator_for(schema, validate_formats=True, offline=True).is_valid(bad)
