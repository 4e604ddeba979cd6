"""A handover request, validated before any work: app, vendor, contract, version, store."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from repospbe.errors import InputError
from repospbe.handover import whereis
from repospbe.handover.extract import Limits
from repospbe.registry.paths import SLUG_RE
from repospbe.yamlio import load_file

SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
DEFAULT_STORE = ".sumber"


@dataclass(frozen=True)
class Request:
    archive: Path
    app_key: str
    vendor: str
    contract: str
    version: str
    limits: Limits = field(default_factory=Limits)

    @property
    def opd(self) -> str:
        return self.app_key.split("/")[0]

    @property
    def app(self) -> str:
        return self.app_key.split("/")[1]

    @property
    def app_rel(self) -> str:
        return f"registry/apps/{self.app_key}"

    @property
    def registry_branch(self) -> str:
        return f"serah-terima/{self.app}-{self.version}"

    @property
    def source_branch(self) -> str:
        return f"serah-terima/{self.version}"

    @property
    def bundle_rel(self) -> str:
        return f"registry/sources/{self.app_key}.bundle"


def validate(req: Request) -> None:
    parts = req.app_key.split("/")
    if len(parts) != 2 or not all(SLUG_RE.match(p) for p in parts):
        raise InputError("handover.bad-app", app=req.app_key)
    if not SEMVER.match(req.version) or len(req.version) > 64:
        raise InputError("handover.bad-version", version=req.version)
    for label, value in (("vendor", req.vendor), ("kontrak", req.contract)):
        if not value.strip() or len(value) > 200 or _CONTROL.search(value):
            raise InputError("handover.bad-text", field=label)


def load_app(root: Path, req: Request) -> tuple[str, dict[str, Any]]:
    """The app record's text and data (from the work tree); refuse when missing or broken."""
    rel = f"{req.app_rel}/app.yaml"
    path = root / rel
    if not path.is_file() or path.is_symlink():
        _refuse_missing(root, req, rel)
    loaded = load_file(path, rel)
    if loaded.findings or not isinstance(loaded.data, dict):
        raise InputError("handover.app-broken", file=rel)
    return loaded.text, loaded.data


def _refuse_missing(root: Path, req: Request, rel: str) -> None:
    """Say what to do: merge the app's merge request first, open one, or register the app."""
    try:
        pending = whereis.pending_record(root, rel)
    except InputError:
        pending = None  # not a git repository: the registry check below says so
    if pending is not None and pending.mr is not None:
        raise InputError("handover.app-in-mr", app=req.app_key, branch=pending.branch, number=str(pending.mr))
    if pending is not None:
        raise InputError("handover.app-on-branch", app=req.app_key, branch=pending.branch)
    raise InputError("handover.app-unregistered", app=req.app_key, file=rel, opd=req.opd, id=req.app)


def source_store(root: Path, configured: str) -> Path:
    """Where bare source repositories live: ``penyimpanan_sumber`` in instance.yaml ("" = the default)."""
    raw = configured or DEFAULT_STORE
    path = Path(raw)
    if not path.is_absolute():
        if ".." in path.parts:
            raise InputError("handover.bad-store", store=raw)
        path = root / path
    return path


def prepare_store(store: Path) -> None:
    """Create the store; a ``.gitignore`` of ``*`` keeps it out of the registry's git."""
    store.mkdir(parents=True, exist_ok=True)
    ignore = store / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Repositori kode sumber (bare) hasil serah terima; bukan bagian registri.\n*\n", "utf-8")
