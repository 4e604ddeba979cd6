"""The pipeline's stages, declared once in ``pipelines/stages.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from repospbe.errors import InputError
from repospbe.resources import default_path
from repospbe.yamlio import Loaded, load_file

STAGES_FILE = "pipelines/stages.yaml"


@dataclass(frozen=True)
class Stage:
    id: str
    nama: str
    name: str
    scope: str  # "registry" | "app"
    checks: tuple[str, ...]


def load_stages(root: Path) -> tuple[Stage, ...]:
    """Stages in order; an unreadable or malformed file is an input error (exit 2)."""
    path = root / STAGES_FILE
    if not path.is_file():
        return bundled_stages()
    return parse_stages(load_file(path, STAGES_FILE), str(path))


def bundled_stages() -> tuple[Stage, ...]:
    """The stages repospbe ships (a registry without ``pipelines/stages.yaml``)."""
    path = default_path(STAGES_FILE)
    return parse_stages(load_file(path, STAGES_FILE), str(path))


def parse_stages(loaded: Loaded, shown: str) -> tuple[Stage, ...]:
    data = loaded.data
    if loaded.findings or not isinstance(data, dict) or not isinstance(data.get("stages"), list):
        raise InputError("stages.invalid", file=shown)
    try:
        return tuple(Stage(s["id"], s["nama"], s["name"], s["scope"], tuple(s["checks"])) for s in data["stages"])
    except (KeyError, TypeError):
        raise InputError("stages.invalid", file=shown) from None


def app_stages(stages: tuple[Stage, ...]) -> tuple[Stage, ...]:
    return tuple(s for s in stages if s.scope == "app")


def stage_checks(stages: tuple[Stage, ...], stage_id: str | None = None) -> tuple[str, ...]:
    """Scanner ids of one app stage, or of every app stage (``stage_id`` None)."""
    chosen = app_stages(stages)
    if stage_id is not None:
        chosen = tuple(s for s in chosen if s.id == stage_id)
        if not chosen:
            raise InputError("stages.unknown", stage=stage_id, allowed=", ".join(s.id for s in app_stages(stages)))
    return tuple(c for s in chosen for c in s.checks)
