"""Policy inputs, read once before any scanner or app code runs: the verdict derives from them only.

What decides pass or fail for the source checks is: the app record (``app.yaml``), its
``waivers.yaml``, the waiver schema (``checks/schemas/``), the semgrep rules
(``checks/semgrep/``), ``registry/instance.yaml`` and ``pipelines/stages.yaml``. They are
read **before** the first scanner starts and kept in memory (the rules as a private 0700
copy that semgrep reads), so nothing an app's tests write afterwards can change them.

With ``commit`` (the governance path: ``mr``, ``runpipe``) they are read from the git
objects of that commit, never from a work tree. Without it (``repospbe pipeline run`` or
``scan`` on a user's own checkout) they are read from the work tree as it is, uncommitted
changes included, once, at the start.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from repospbe.errors import InputError
from repospbe.findings import Finding, Severity
from repospbe.git import runner
from repospbe.pipeline.policy import SCHEMA, Waiver, parse_waivers
from repospbe.pipeline.stages import STAGES_FILE, Stage, bundled_stages, parse_stages
from repospbe.registry.instance import InstanceConfig
from repospbe.registry.paths import INSTANCE_FILE, SLUG_RE
from repospbe.resources import default_path
from repospbe.scanners.base import ScanOptions
from repospbe.yamlio import MAX_YAML_BYTES, Loaded, parse

RULES = "checks/semgrep"
INSTANCE = INSTANCE_FILE


def app_rel(key: str) -> str:
    return f"registry/apps/{key}/app.yaml"


def waivers_rel(key: str) -> str:
    return f"registry/apps/{key}/waivers.yaml"


@dataclass
class PolicyInputs:
    """The snapshot: file contents by registry-relative path (None: absent)."""

    origin: str  # the commit they were read from; "" for a work tree
    files: dict[str, bytes | None]
    rules_dir: Path
    apps: tuple[str, ...] = ()
    _parsed: dict[str, Loaded] = field(default_factory=dict)

    def loaded(self, rel: str) -> Loaded | None:
        raw = self.files.get(rel)
        if raw is None:
            return None
        if rel not in self._parsed:
            self._parsed[rel] = loaded_bytes(raw, rel)
        return self._parsed[rel]

    def record(self, key: str) -> dict[str, Any] | None:
        loaded = self.loaded(app_rel(key))
        return loaded.data if loaded is not None and isinstance(loaded.data, dict) else None

    def waivers(self, key: str) -> tuple[list[Waiver], list[Finding]]:
        rel = waivers_rel(key)
        return parse_waivers(self.loaded(rel), rel, self.schema())

    def schema(self) -> dict[str, Any]:
        raw = self.files.get(SCHEMA)
        data = json.loads(raw if raw is not None else default_path(SCHEMA).read_bytes())
        return data if isinstance(data, dict) else {}

    def stages(self) -> tuple[Stage, ...]:
        loaded = self.loaded(STAGES_FILE)
        return bundled_stages() if loaded is None else parse_stages(loaded, STAGES_FILE)

    def instance(self) -> InstanceConfig:
        """The snapshot's instance settings (fail closed: unreadable or invalid is an error)."""
        loaded = self.loaded(INSTANCE)
        if loaded is None or loaded.findings:
            detail = loaded.findings[0].check_id if loaded is not None else "file.unreadable"
            raise InputError("config.unreadable", file=INSTANCE, detail=detail)
        return InstanceConfig.from_text(loaded.text, INSTANCE)

    def options(self, base: ScanOptions, checks: tuple[str, ...]) -> ScanOptions:
        """``base`` with everything policy replaced by what the snapshot says."""
        config = self.instance()
        return replace(
            base,
            rules_dir=self.rules_dir,
            doc_threshold=config.ambang_dokumentasi,
            advisory_max_age=config.umur_maks_basis_kerentanan,
            pemda=config.pemda,
            only=checks,
        )


def loaded_bytes(raw: bytes, rel: str) -> Loaded:
    """Strict YAML of bytes read from git (the same limits as a file on disk)."""
    if len(raw) > MAX_YAML_BYTES:
        return Loaded(
            None, "", (Finding.make("file.too-large", Severity.HIGH, path=rel, size=len(raw), limit=MAX_YAML_BYTES),)
        )
    try:
        return parse(raw.decode("utf-8"), rel)
    except UnicodeDecodeError as exc:
        return Loaded(
            None, "", (Finding.make("file.encoding", Severity.HIGH, path=rel, line=raw.count(b"\n", 0, exc.start) + 1),)
        )


@contextmanager
def policy_inputs(
    root: Path, commit: str | None, keys: Iterable[str] | None = None, rules_dir: Path | None = None
) -> Iterator[PolicyInputs]:
    """Read the policy inputs (for the apps ``keys``; all apps when None) and a private copy
    of the rules; the copy is removed on exit. ``rules_dir`` (work tree only) overrides
    ``checks/semgrep``."""
    reader: _Reader = _CommitReader(root, commit) if commit else _TreeReader(root)
    apps = reader.apps()
    known = set(apps)
    wanted = apps if keys is None else tuple(k for k in keys if k in known)
    rels = [INSTANCE, STAGES_FILE, SCHEMA, *(rel for k in wanted for rel in (app_rel(k), waivers_rel(k)))]
    files = reader.read(rels)
    rules = _TreeReader(rules_dir).rule_files("") if rules_dir is not None else reader.rule_files(RULES)
    private = Path(tempfile.mkdtemp(prefix="repospbe-kebijakan-"))
    try:
        for rel, data in rules.items():
            target = private / rel
            os.makedirs(target.parent, mode=0o700, exist_ok=True)
            target.write_bytes(data)
        yield PolicyInputs(reader.origin, files, private, apps)
    finally:
        shutil.rmtree(private, ignore_errors=True)


class _Reader(Protocol):
    """Where policy inputs come from: a work tree (local runs) or a commit's objects."""

    origin: str

    def apps(self) -> tuple[str, ...]: ...

    def read(self, rels: list[str]) -> dict[str, bytes | None]: ...

    def rule_files(self, prefix: str) -> dict[str, bytes]: ...


def _subdirs(path: str) -> list[str]:
    """Names of the directories (or links to directories, as glob follows them) in ``path``."""
    try:
        with os.scandir(path) as entries:
            return [e.name for e in entries if e.is_dir()]
    except OSError:
        return []


def _is_rule(rel: str) -> bool:
    return rel.endswith((".yaml", ".yml"))


def _key_of(rel: str) -> str | None:
    parts = rel.split("/")
    if len(parts) == 5 and parts[:2] == ["registry", "apps"] and parts[4] == "app.yaml":
        if SLUG_RE.match(parts[2]) and SLUG_RE.match(parts[3]):
            return f"{parts[2]}/{parts[3]}"
    return None


class _TreeReader:
    origin = ""

    def __init__(self, root: Path) -> None:
        self.root = root

    def apps(self) -> tuple[str, ...]:
        """Keys of ``registry/apps/<opd>/<app>/app.yaml`` (what ``glob("*/*/app.yaml")`` finds,
        by directory entries: 2,000 apps in 8 ms instead of 70 ms of Path objects)."""
        base = os.path.join(self.root, "registry", "apps")
        found = [
            _key_of(f"registry/apps/{opd}/{app}/app.yaml")
            for opd in _subdirs(base)
            for app in _subdirs(os.path.join(base, opd))
            if os.path.exists(os.path.join(base, opd, app, "app.yaml"))
        ]
        return tuple(sorted(k for k in found if k))

    def read(self, rels: list[str]) -> dict[str, bytes | None]:
        out: dict[str, bytes | None] = {}
        for rel in rels:
            path = self.root / rel
            out[rel] = path.read_bytes() if path.is_file() and not path.is_symlink() else None
        return out

    def rule_files(self, prefix: str) -> dict[str, bytes]:
        base = self.root / prefix if prefix else self.root
        if not base.is_dir():
            return {}
        return {
            p.relative_to(base).as_posix(): p.read_bytes()
            for p in sorted(base.rglob("*"))
            if _is_rule(p.name) and p.is_file()
        }


class _CommitReader:
    """Blobs of one commit through the one git runner (replace objects ignored)."""

    def __init__(self, root: Path, commit: str) -> None:
        self.root = root
        self.origin = runner.git_text(
            self.root, "rev-parse", "--verify", "--end-of-options", f"{commit}^{{commit}}", hostile=True
        ).strip()

    def _names(self, prefix: str) -> list[str]:
        raw = runner.git_bytes(
            self.root, "ls-tree", "-r", "-z", "--full-tree", "--name-only", self.origin, "--", prefix, hostile=True
        )
        return [n for n in raw.decode("utf-8", "surrogateescape").split("\0") if n]

    def apps(self) -> tuple[str, ...]:
        return tuple(sorted(k for n in self._names("registry/apps") if (k := _key_of(n))))

    def read(self, rels: list[str]) -> dict[str, bytes | None]:
        safe = [r for r in rels if "\n" not in r]
        raw = runner.git_bytes(
            self.root, "cat-file", "--batch", hostile=True, input="".join(f"{self.origin}:{r}\n" for r in safe).encode()
        )
        out: dict[str, bytes | None] = dict.fromkeys(rels)
        pos = 0
        for rel in safe:
            end = raw.index(b"\n", pos)
            header = raw[pos:end].split()
            pos = end + 1
            if len(header) == 3 and header[2].isdigit():
                size = int(header[2])
                if header[1] == b"blob":
                    out[rel] = raw[pos : pos + size]
                pos += size + 1
        return out

    def rule_files(self, prefix: str) -> dict[str, bytes]:
        names = [n for n in self._names(prefix) if _is_rule(n)]
        found = self.read(names)
        return {n[len(prefix) + 1 :]: data for n, data in found.items() if data is not None}


def require_app(policy: PolicyInputs, key: str) -> dict[str, Any]:
    record = policy.record(key)
    if record is None:
        raise InputError("source.app-missing", app=key)
    return record
