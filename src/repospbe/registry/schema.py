"""JSON Schema validation of registry records and policy files (``checks/schemas/``).

All errors of a record are reported in one pass, each with file:line:column and
a breadcrumb (``apps > 0 > id``). The line comes from a second, line-aware parse
of only the records that fail.

Two validators, one verdict. ``jsonschema`` is the authority: it decides every
record ``jsonschema_rs`` rejects and names each error. ``jsonschema_rs`` is a fast
path trusted only when it accepts; ``tests/test_schema_agreement.py`` checks that
the two give the same verdict on every schema and every record we have, valid and
invalid. Neither checks ``format`` (an ``email`` that is not one passes both):
formats are annotations here, as in JSON Schema 2020-12 by default.

The registry check built on this module is ``repospbe.checks.schema``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from repospbe.findings import Finding, Severity
from repospbe.registry.model import Record
from repospbe.yamlio import locate

SCHEMA_DIR = "checks/schemas"


def schema_path(root: Path, kind: str) -> Path:
    return root / SCHEMA_DIR / f"{kind}.schema.json"


@lru_cache(maxsize=32)
def _load(path: str, mtime: float) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def load_schema(path: Path) -> Any:
    """A schema file, parsed once per process (keyed on path and mtime)."""
    return _load(str(path), path.stat().st_mtime)


@lru_cache(maxsize=32)
def _validator(path: str, mtime: float) -> Any:
    schema = _load(path, mtime)
    import jsonschema  # imported on first need: most runs find no invalid record

    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=None)


def validator_for(root: Path, kind: str) -> Any:
    """The authoritative (``jsonschema``) validator of ``checks/schemas/<kind>.schema.json``."""
    path = schema_path(root, kind)
    return _validator(str(path), path.stat().st_mtime)


@lru_cache(maxsize=32)
def _fast(path: str, mtime: float) -> Callable[[Any], bool] | None:
    """A compiled (Rust) validity test for the schema at ``path``, when available."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - declared dependency; jsonschema alone still works
        return None
    try:
        compiled = jsonschema_rs.validator_for(_load(path, mtime), validate_formats=False, offline=True)
    except Exception:  # noqa: BLE001 - jsonschema (the authority) then decides every record
        return None
    test: Callable[[Any], bool] = compiled.is_valid
    return test


def is_valid_fast(root: Path, kind: str, data: Any) -> bool:
    """True only when the compiled validator accepts ``data``; False means "ask jsonschema"."""
    path = f"{root}/{SCHEMA_DIR}/{kind}.schema.json"  # once per record: no Path objects
    test = _fast(path, os.stat(path).st_mtime)
    if test is None:
        return False
    try:
        return test(data)
    except Exception:  # noqa: BLE001 - e.g. non-string keys: let jsonschema report
        return False


def validate_record(root: Path, record: Record) -> list[Finding]:
    """Fast path: the compiled validator accepts most records; only the rest are
    walked by jsonschema, which decides and names every error."""
    if is_valid_fast(root, record.kind, record.data):
        return []
    validator = validator_for(root, record.kind)
    errors = list(validator.iter_errors(record.data))
    if not errors:
        return []
    return list(dict.fromkeys(_finding(record, err) for err in _leaves(errors)))


def _leaves(errors: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for err in errors:
        if err.context:
            from jsonschema.exceptions import best_match

            best = best_match(err.context)
            out.append(best if best is not None else err)
        else:
            out.append(err)
    return out


def _finding(record: Record, err: Any) -> Finding:
    path = list(err.absolute_path)
    line, col = locate(record.text, path)
    crumb = " > ".join(str(p) for p in path) or "akar"
    key, params = _describe(err)
    return Finding.make(
        f"schema.{err.validator}",
        Severity.HIGH,
        key,
        path=record.path,
        line=line,
        column=col,
        hint="schema.hint",
        breadcrumb=crumb,
        kind=record.kind,
        where=crumb,
        **params,
    )


def _describe(err: Any) -> tuple[str, dict[str, Any]]:
    v = err.validator
    if v == "required":
        missing = [m for m in err.validator_value if isinstance(err.instance, dict) and m not in err.instance]
        return "schema.required", {"field": ", ".join(missing)}
    if v == "additionalProperties":
        extra = (
            sorted(set(err.instance) - set(err.schema.get("properties", {}))) if isinstance(err.instance, dict) else []
        )
        return "schema.unknown-key", {"field": ", ".join(map(str, extra))}
    if v == "enum":
        return "schema.enum", {"value": repr(err.instance), "allowed": ", ".join(map(str, err.validator_value))}
    if v == "type":
        return "schema.type", {"value": repr(err.instance)[:80], "expected": str(err.validator_value)}
    if v == "pattern":
        return "schema.pattern", {"value": repr(err.instance)[:80], "pattern": err.validator_value}
    return "schema.other", {"detail": err.message[:200]}
