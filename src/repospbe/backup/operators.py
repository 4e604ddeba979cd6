"""``operators.yaml`` of a backup trust directory: who may sign a backup manifest with a certificate.

    operator:
      - nama: Budi Santoso
        identitas: "NIP:197806142005011004"   # subject serialNumber of the certificate (pki.identity)
        keterangan: operator cadangan Pusat Data   # optional

Strict YAML (``yamlio``), checked against ``SCHEMA`` (JSON Schema 2020-12) and for duplicate
identities; anything else refuses the whole list (fail closed).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from repospbe.errors import InputError
from repospbe.yamlio import load_file

OPERATORS_FILE = "operators.yaml"
_MAX_BYTES = 200_000

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["operator"],
    "properties": {
        "operator": {
            "type": "array",
            "minItems": 1,
            "maxItems": 500,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["nama", "identitas"],
                "properties": {
                    "nama": {"type": "string", "minLength": 1, "maxLength": 200},
                    "identitas": {"type": "string", "pattern": "^(NIP:[0-9]{18}|NIK:[0-9]{16})$"},
                    "keterangan": {"type": "string", "maxLength": 500},
                },
            },
        }
    },
}


@dataclass(frozen=True)
class Operator:
    nama: str
    identitas: str  # NIP:<18 digits> | NIK:<16 digits>
    keterangan: str = ""


def _refuse(path: Path, error: str) -> InputError:
    return InputError("backup.operators-invalid", file=str(path), error=error[:300])


def parse_operators(data: Any, path: Path) -> tuple[Operator, ...]:
    """The operators of already-parsed ``data``; InputError naming the first problem."""
    import jsonschema  # only when a trust directory is used (100 ms to import)

    errors = sorted(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data), key=lambda e: list(map(str, e.path)))
    if errors:
        where = " > ".join(str(p) for p in errors[0].absolute_path) or "/"
        raise _refuse(path, f"{where}: {errors[0].message}")
    operators = tuple(
        Operator(str(o["nama"]), str(o["identitas"]), str(o.get("keterangan", ""))) for o in data["operator"]
    )
    seen: set[str] = set()
    for op in operators:
        if op.identitas in seen:
            raise _refuse(path, f"{op.identitas} twice")
        seen.add(op.identitas)
    return operators


def load_operators(path: Path) -> tuple[Operator, ...]:
    """The operators listed in ``path`` (a regular file, not a link: read without following one)."""
    if not path.is_file() and not path.is_symlink():
        raise InputError("backup.operators-missing", file=str(path))
    loaded = load_file(path, OPERATORS_FILE, _MAX_BYTES)
    if loaded.findings:
        first = loaded.findings[0]
        raise _refuse(path, f"{first.check_id} (line {first.line})")
    return parse_operators(loaded.data, path)
