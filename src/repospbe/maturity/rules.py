"""``checks/maturity.yaml``: the ladder as data, validated before use."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from repospbe.errors import InputError
from repospbe.licences import accepted
from repospbe.maturity.criteria import CRITERIA
from repospbe.maturity.technical import TECH_REQUIREMENTS
from repospbe.registry.schema import validator_for
from repospbe.yamlio import load_file

RULES_FILE = "checks/maturity.yaml"


@dataclass(frozen=True)
class Level:
    id: str
    nama: str
    needs: tuple[str, ...]


@dataclass(frozen=True)
class Ladder:
    process: tuple[Level, ...]
    technical: tuple[Level, ...]
    params: dict[str, Any]


def load_ladder(root: Path) -> Ladder:
    loaded = load_file(root / RULES_FILE, RULES_FILE)
    if loaded.findings or loaded.data is None:
        raise InputError(
            "maturity.rules-invalid", file=RULES_FILE, detail=loaded.findings[0].check_id if loaded.findings else ""
        )
    errors = sorted(validator_for(root, "maturity").iter_errors(loaded.data), key=str)
    if errors:
        raise InputError("maturity.rules-invalid", file=RULES_FILE, detail=errors[0].message[:200])
    data = loaded.data
    process = tuple(Level(x["id"], x["nama"], tuple(x["kriteria"])) for x in data["proses"])
    technical = tuple(Level(x["id"], x["nama"], tuple(x["syarat"])) for x in data["teknis"])
    unknown = [c for lvl in process for c in lvl.needs if c not in CRITERIA]
    unknown += [c for lvl in technical for c in lvl.needs if c not in TECH_REQUIREMENTS]
    if unknown:
        raise InputError("maturity.rules-invalid", file=RULES_FILE, detail=", ".join(unknown))
    params = dict(data["parameter"])
    params["lisensi_terbuka"] = accepted(root)  # the one shared list, checks/lisensi.yaml
    return Ladder(process, technical, params)
