from __future__ import annotations

from pathlib import Path

from repospbe import output
from repospbe.backup.create import create_backup, discover, require_key
from repospbe.backup.manifest import read_manifest
from repospbe.i18n import resolve_lang, t
from repospbe.registry import find_root


def backup_create(out: Path, key: Path, since: Path | None, registry: Path | None, lang: str | None) -> int:
    """Write one consistent, signed backup set of the registry and its sources."""
    lang = resolve_lang(lang)
    root = find_root(explicit=registry)
    set_dir = create_backup(root, out, require_key(key), since)
    manifest, _ = read_manifest(set_dir)
    size = sum(r.size for r in manifest.repos)
    output.console().print(t("backup.created", lang, dir=str(set_dir), kind=manifest.kind,
                             repos=str(len([r for r in manifest.repos if r.bundle])), size=str(size)))
    for src in discover(root):
        if src.role == "external":
            output.console().print(t("backup.external", lang, name=src.name, origin=src.origin))
    return 0
