#!/usr/bin/env python3
"""The floor of ``repospbe check``: ``floor_check.py ROOT``.

Parses every ``.yaml`` record under ``ROOT/registry`` with PyYAML's C loader, validates each
``app.yaml`` and OPD record with ``jsonschema_rs`` against the registry's own schemas, and
reads every document (``.md``) once, in one process: the least any checker reading the same
files must do. ``bench_check.py`` runs it as a subprocess (interpreter start included) beside
``repospbe check`` so that the ratio, not the absolute time, is the result.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import jsonschema_rs
import yaml


def floor(root: Path) -> tuple[int, int]:
    """(files read, invalid records)."""
    schemas = root / "checks" / "schemas"
    validators = {
        kind: jsonschema_rs.validator_for(json.loads((schemas / f"{kind}.schema.json").read_text(encoding="utf-8")))
        for kind in ("app", "opd")
    }
    files = invalid = 0
    for dirpath, _dirs, names in os.walk(root / "registry"):
        for name in names:
            path = os.path.join(dirpath, name)
            if name.endswith(".yaml"):
                with open(path, encoding="utf-8") as fh:
                    data = yaml.load(fh.read(), Loader=yaml.CSafeLoader)
                kind = "app" if name == "app.yaml" else "opd" if dirpath.endswith("/opd") else ""
                invalid += bool(kind) and not validators[kind].is_valid(data)
            elif name.endswith(".md"):
                with open(path, encoding="utf-8") as fh:
                    fh.read()
            else:
                continue
            files += 1
    return files, invalid


if __name__ == "__main__":
    n, bad = floor(Path(sys.argv[1]))
    print(json.dumps({"files": n, "invalid": bad}))
