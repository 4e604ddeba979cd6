"""Every factual field of the bundled registry quotes the seed, or says it does not.

A "factual field" is a value an auditor could take as a statement about the Pemda:

- names: ``nama`` of every OPD and app (and of reviewers), ``pemda``, ``domain``;
- addresses: every URL (``alamat`` of apps, ``kontak.situs`` of OPDs) and e-mail;
- numbers: ``nip``, ``kontak.telepon``, letter numbers (``surat.nomor``, ``pengecualian.nomor``);
- dates: every ``tanggal``;
- maintainer claims: ``pemeliharaan.jenis`` pusat/provinsi, ``pemeliharaan.penyedia``,
  ``hosting.lokasi`` nasional, ``pengelola_teknis``;
- the zone of ``instance.yaml``: name servers and hostmaster (``dns``).

Each must either appear in the seed text (both sides normalised: lower case, letters and digits
only, URLs without scheme and trailing slash), or sit in a record marked ``contoh: true`` (or
in a file marked so), or be listed in the record's ``sumber_fakta`` as ``asumsi`` (a mapping
``field -> source``; the dotted top-level field name is the key, ``sumber_fakta: asumsi``
covers the whole record). A ``sumber_fakta`` citing the seed (``seed 6.2.x``) must name a
section that exists.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.registry_data.conftest import REPO_ROOT

REG = REPO_ROOT / "registry"
SEED = (
    next((REPO_ROOT.parent / "shared" / "seeds").glob("*.txt"), None)
    if (REPO_ROOT.parent / "shared").is_dir()
    else None
)
ASSUMED = "asumsi"


def norm(text: str) -> str:
    text = re.sub(r"^[a-z]+://", "", text.strip().lower()).rstrip("/")
    return re.sub(r"[^a-z0-9]+", "", text)


def facts(kind: str, data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(top-level field, value) for every factual field of one record."""
    for name in ("nama", "pemda", "domain", "nip", "pengelola_teknis"):
        if isinstance(data.get(name), str):
            yield name, data[name]
    for url in data.get("alamat") or [] if kind == "app" else []:
        yield "alamat", str(url)
    for mail in data.get("email") or []:
        yield "email", str(mail)
    kontak = data.get("kontak") or {}
    for name in ("situs", "telepon", "email", "alamat"):
        if isinstance(kontak.get(name), str):
            yield "kontak", kontak[name]
    upkeep = data.get("pemeliharaan") or {}
    if upkeep.get("jenis") in ("pusat", "provinsi"):
        yield "pemeliharaan", f"dipelihara {upkeep['jenis']}"
    if isinstance(upkeep.get("penyedia"), str):
        yield "pemeliharaan", upkeep["penyedia"]
    if (data.get("hosting") or {}).get("lokasi") == "nasional":
        yield "hosting", "hosting nasional"
    for name in ("surat", "pengecualian"):
        letter = data.get(name)
        if isinstance(letter, dict):
            yield from ((name, str(letter[k])) for k in ("nomor", "tanggal") if k in letter)
    if isinstance(data.get("tanggal"), str):
        yield "tanggal", data["tanggal"]
    dns = data.get("dns") if kind == "registry" else None
    if isinstance(dns, dict):
        yield from (("dns", str(s.get("host"))) for s in dns.get("nameserver") or [] if isinstance(s, dict))
        if isinstance(dns.get("hostmaster"), str):
            yield "dns", dns["hostmaster"]


def records(reg: Path = REG) -> Iterator[tuple[str, str, dict[str, Any], bool]]:
    """(file, kind, record, file marked contoh) for every record of the registry ``reg``."""
    for path in sorted(reg.rglob("*.yaml")):
        rel = str(path.relative_to(reg.parent))
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            continue
        whole = data.get("contoh") is True
        kind = "app" if path.name == "app.yaml" else path.parent.name
        if path.name in ("reviewers.yaml",):
            yield from ((rel, "reviewer", r, whole) for r in data.get("reviewers") or [])
        elif path.name == "pengecualian-nama.yaml":
            yield from ((rel, "exception", r, whole) for r in data.get("pengecualian") or [])
        elif path.name == "pensiun.yaml":
            yield from ((rel, "retired", r, whole) for r in data.get("pensiun") or [])
        else:
            yield rel, kind, data, whole


def unsourced(seed: str, reg: Path = REG) -> list[str]:
    out = []
    for rel, kind, data, whole in records(reg):
        if whole or data.get("contoh") is True:
            continue
        marks = data.get("sumber_fakta")
        for field, value in facts(kind, data):
            source = marks if isinstance(marks, str) else (marks or {}).get(field)
            if source == ASSUMED or norm(value) in seed:
                continue
            out.append(f"{rel}: {field} = {value!r}")
    return out


def _no_seed() -> None:
    """Skip locally when the seed is not beside the checkout; under CI=true that is a failure."""
    why = "the seed (../shared/seeds/*.txt) is not next to this checkout"
    if os.environ.get("CI") == "true":
        pytest.fail(why)
    pytest.skip(reason=why)


@pytest.fixture(scope="module")
def seed_text() -> str:
    if SEED is None:
        _no_seed()
    return norm(SEED.read_text(encoding="utf-8"))


def test_every_fact_quotes_the_seed_or_is_marked(seed_text: str) -> None:
    assert unsourced(seed_text) == []


def test_the_examples_are_marked() -> None:
    marked = {rel for rel, _kind, data, whole in records() if whole or data.get("contoh") is True}
    assert {
        "registry/apps/diskominfo/si-antrean/app.yaml",
        "registry/reviewers.yaml",
        "registry/dns/pengecualian-nama.yaml",
    } <= marked


def test_seed_citations_name_a_real_section() -> None:
    sections = set(re.findall(r"^(6(?:\.\d+)+)", SEED.read_text(encoding="utf-8"), re.M)) if SEED else set()
    if not sections:
        _no_seed()
    for rel, _kind, data, _whole in records():
        marks = data.get("sumber_fakta")
        for source in [marks] if isinstance(marks, str) else list((marks or {}).values()):
            if source != ASSUMED:
                cited = re.match(r"seed (6(?:\.\d+)+)", str(source))
                assert cited and cited.group(1) in sections, (rel, source)


def test_an_unmarked_invention_is_caught(seed_text: str, tmp_path: Path) -> None:
    """The rule fails on a record stating a fact the seed does not, until the field is marked."""
    shutil.copytree(REG, tmp_path / "registry")
    opd = tmp_path / "registry" / "opd" / "diskominfo.yaml"
    text = opd.read_text(encoding="utf-8")
    opd.write_text(text.replace("kontak:\n", "kontak:\n  situs: https://diskominfo.pontianakkota.go.id/\n"), "utf-8")
    assert unsourced(seed_text, tmp_path / "registry") == [
        "registry/opd/diskominfo.yaml: kontak = 'https://diskominfo.pontianakkota.go.id/'"
    ]  # citing the seed for the field does not cover a value the seed does not contain
    opd.write_text(opd.read_text(encoding="utf-8").replace("kontak: seed 6.2.3.2", "kontak: asumsi"), "utf-8")
    assert unsourced(seed_text, tmp_path / "registry") == []


def test_the_rule_catches_an_invented_fact(seed_text: str, tmp_path: Path) -> None:
    """The normalisation is strict enough to miss an invented name and a made-up URL."""
    assert norm("Dinas Kesehatan Kota Contoh") not in seed_text
    assert norm("https://diskominfo.pontianakkota.go.id/") not in seed_text
    assert norm("http://ppid.pontianakkota.go.id/") in seed_text
    assert norm("(0561) 818 1771") in seed_text
