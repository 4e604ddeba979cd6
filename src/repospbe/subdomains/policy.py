"""Policy data for subdomains: reserved names, naming exceptions, retired names,
and the zone settings of ``instance.yaml`` (``dns:``).

Files (relative to the registry repository root):

- ``checks/naming/reserved.txt``: one name per line, ``#`` comments; a second
  column ``diskominfo`` lets only the Diskominfo OPD hold the name (``www``).
- ``registry/dns/pengecualian-nama.yaml``: ``pengecualian: [{nama, opd, alasan, surat}]``,
  names Diskominfo approved although they break the naming rule.
- ``registry/dns/pensiun.yaml``: ``pensiun: [{nama, opd, tanggal, alasan}]``,
  retired names kept in quarantine for ``dns.karantina_hari`` days.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from repospbe.findings import Finding
from repospbe.registry.model import Registry
from repospbe.yamlio import load_file

RESERVED_FILE = "checks/naming/reserved.txt"
EXCEPTIONS_FILE = "registry/dns/pengecualian-nama.yaml"
RETIRED_FILE = "registry/dns/pensiun.yaml"
DIS_ROLE = "diskominfo"
EVERYWHERE = "semua"
DEFAULT_QUARANTINE_DAYS = 180
DEFAULT_THRESHOLD = 0.3
DEFAULT_MIN_RECORDS = 10
DEFAULT_TTL = 3600


@dataclass(frozen=True)
class Reserved:
    """Reserved names; ``for_diskominfo`` ones are allowed to that OPD only;
    ``everywhere`` ones are refused at any level of a name (``wpad.dinkes``)."""

    names: frozenset[str]
    for_diskominfo: frozenset[str]
    everywhere: frozenset[str]


def load_reserved(root: Path) -> Reserved:
    path = root / RESERVED_FILE
    if not path.is_file():
        return Reserved(frozenset(), frozenset(), frozenset())
    sets: dict[str, set[str]] = {"": set(), DIS_ROLE: set(), EVERYWHERE: set()}
    for raw in path.read_text(encoding="utf-8").splitlines():
        parts = raw.split("#", 1)[0].split()
        if parts:
            sets.get(" ".join(parts[1:]), sets[""]).add(parts[0].lower())
    everywhere = frozenset(sets[EVERYWHERE])
    return Reserved(frozenset(sets[""]) | everywhere, frozenset(sets[DIS_ROLE]), everywhere)


@dataclass(frozen=True)
class Listed:
    """One entry of a policy list (exception or retired name) with its line."""

    name: str
    opd: str
    date: str
    index: int


def load_list(root: Path, rel: str, key: str) -> tuple[list[Listed], str, list[Finding]]:
    """Entries of ``key`` in YAML file ``rel`` (absent file: empty), its text, problems."""
    path = root / rel
    if not path.is_file():
        return [], "", []
    loaded = load_file(path, rel)
    if loaded.data is None:
        return [], loaded.text, list(loaded.findings)
    items = loaded.data.get(key) if isinstance(loaded.data, dict) else None
    out: list[Listed] = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and isinstance(item.get("nama"), str):
            date = item.get("tanggal") or (item.get("surat") or {}).get("tanggal") or ""
            out.append(Listed(item["nama"].lower(), str(item.get("opd") or ""), str(date), index))
    return out, loaded.text, []


@dataclass(frozen=True)
class DnsConfig:
    """``dns:`` of instance.yaml with defaults for what is optional."""

    domain: str
    ttl: int
    hostmaster: str
    nameservers: tuple[tuple[str, tuple[str, ...]], ...]
    soa: tuple[int, int, int, int]
    quarantine_days: int
    threshold: float
    min_records: int
    diskominfo: str


def dns_config(reg: Registry) -> DnsConfig:
    inst = _dict(reg.instance.data if reg.instance else None)
    raw = _dict(inst.get("dns"))
    soa = _dict(raw.get("soa"))
    servers = [s for s in raw.get("nameserver") or [] if isinstance(s, dict) and isinstance(s.get("host"), str)]
    return DnsConfig(
        domain=str(inst.get("domain") or ""),
        ttl=int(raw.get("ttl") or DEFAULT_TTL),
        hostmaster=str(raw.get("hostmaster") or ""),
        nameservers=tuple((s["host"].lower().rstrip("."), tuple(map(str, s.get("alamat") or []))) for s in servers),
        soa=(
            int(soa.get("refresh", 3600)),
            int(soa.get("retry", 900)),
            int(soa.get("expire", 1209600)),
            int(soa.get("minimum", 300)),
        ),
        quarantine_days=int(raw.get("karantina_hari", DEFAULT_QUARANTINE_DAYS)),
        threshold=float(raw.get("ambang_perubahan", DEFAULT_THRESHOLD)),
        min_records=int(raw.get("minimum_record", DEFAULT_MIN_RECORDS)),
        diskominfo=str(inst.get("opd_diskominfo") or ""),
    )


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


# Hosting outside the Pusat Data (seed 6.2.2 (4), 6.2.4.1): the Walikota approves the request and
# DISKOMINFO grants a feasibility approval after evaluating criteria a-d.
WALIKOTA_FIELDS = ("nomor", "tanggal", "disetujui_oleh")
FEASIBILITY_FIELDS = ("nomor", "tanggal")
CRITERIA = (("a", "sdm"), ("b", "sarana"), ("c", "keamanan"), ("d", "rekam_jejak"))


def hosting_exception_gaps(hosting: Any) -> tuple[str, ...]:
    """What an app's ``hosting.pengecualian`` lacks, as dotted field names (empty: complete)."""
    approval = _dict(_dict(hosting).get("pengecualian"))
    if not approval:
        return ("pengecualian",)
    gaps = [f"pengecualian.{name}" for name in WALIKOTA_FIELDS if not _text(approval.get(name))]
    feasibility = _dict(approval.get("kelayakan"))
    if not feasibility:
        return (*gaps, "pengecualian.kelayakan")
    gaps += [f"pengecualian.kelayakan.{name}" for name in FEASIBILITY_FIELDS if not _text(feasibility.get(name))]
    criteria = _dict(feasibility.get("kriteria"))
    gaps += [
        f"pengecualian.kelayakan.kriteria.{name} ({letter})"
        for letter, name in CRITERIA
        if not _text(criteria.get(name))
    ]
    return tuple(gaps)


def _text(value: Any) -> bool:
    return isinstance(value, (str, int)) and not isinstance(value, bool) and bool(str(value).strip())
