"""Where things live in a registry repository, and how to find its root."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from repospbe.errors import InputError

REGISTRY_DIR = "registry"
CHECKS_DIR = "checks"
INSTANCE_FILE = f"{REGISTRY_DIR}/instance.yaml"
# Also named by ``governance.rules`` and ``pki.trust``; here for checks that must not import those
# (and cryptography) before they know the files exist.
REVIEWERS_FILE = f"{REGISTRY_DIR}/reviewers.yaml"
TRUST_DIR = f"{REGISTRY_DIR}/trust"
_APPS_PREFIX = f"{REGISTRY_DIR}/apps/"
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Subdomain file names are checked label by label by the subdomain.* checks;
# the walker only refuses names no check could report on safely.
SUBDOMAIN_FILE_RE = re.compile(r"^[^\x00-\x20\x7f/\\]{1,300}$")

PDF_KIND = "document_pdf"  # a (signed) PDF beside an app's documents

# Every file under registry/ must match one of these (relative to the repo root).
# Order matters only for readability; the first match names the file's kind.
# Patterns use ``*`` and ``?`` (never matching ``/``); other characters are literal.
LAYOUT: tuple[tuple[str, str], ...] = (
    ("instance", "registry/instance.yaml"),
    ("reviewers", "registry/reviewers.yaml"),
    ("allowed_signers", "registry/allowed_signers"),
    ("runner", "registry/runners/*.pub"),
    ("runners", "registry/runners/runners.yaml"),
    ("trust_anchor", "registry/trust/*.pem"),
    ("trust_crl", "registry/trust/crl/*"),
    ("trust_ocsp", "registry/trust/ocsp/*"),
    ("opd", "registry/opd/*.yaml"),
    ("app", "registry/apps/*/*/app.yaml"),
    ("waivers", "registry/apps/*/*/waivers.yaml"),
    ("handover", "registry/apps/*/*/serah-terima/*"),
    ("evidence", "registry/apps/*/*/bukti/*"),
    ("document", "registry/apps/*/*/*.md"),
    (PDF_KIND, "registry/apps/*/*/*.pdf"),
    ("subdomain_retired", "registry/dns/pensiun.yaml"),
    ("naming_exceptions", "registry/dns/pengecualian-nama.yaml"),
    ("subdomain", "registry/subdomains/*.yaml"),
    ("source_bundle", "registry/sources/*/*.bundle"),
    ("readme", "registry/README.md"),
)


def kind_of(rel: str) -> str | None:
    """The layout kind of a repo-relative path, or None when it has no place.

    ``*`` and ``?`` never match ``/``: a pattern matches paths of its own depth only."""
    kinds, combined = _layout_regex(LAYOUT)
    match = combined.fullmatch(rel)
    return kinds[match.lastindex - 1] if match is not None and match.lastindex else None


@lru_cache(maxsize=4)
def _layout_regex(layout: tuple[tuple[str, str], ...]) -> tuple[tuple[str, ...], re.Pattern[str]]:
    """One regex for the whole layout; group i matches pattern i (first match wins)."""
    parts = []
    for _, pattern in layout:
        body = "".join("[^/]*" if ch == "*" else "[^/]" if ch == "?" else re.escape(ch) for ch in pattern)
        parts.append(f"({body})")
    return tuple(kind for kind, _ in layout), re.compile("|".join(parts))


def find_root(start: Path | None = None, explicit: Path | None = None) -> Path:
    """The registry repository root: ``explicit``, or walk up from ``start``."""
    if explicit is not None:
        root = explicit.resolve()
        if not (root / INSTANCE_FILE).is_file():
            raise InputError("registry.not-found", path=str(explicit))
        return _not_linked(root)
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / INSTANCE_FILE).is_file():
            return _not_linked(candidate)
    raise InputError("registry.not-found", path=str(here))


def _not_linked(root: Path) -> Path:
    """Refuse a root whose ``registry/`` is a symbolic link: every check would read elsewhere."""
    if (root / REGISTRY_DIR).is_symlink():
        raise InputError("registry.linked", path=str(root / REGISTRY_DIR))
    return root


def app_key(rel: str) -> str | None:
    """``opd/app`` for any path inside ``registry/apps/<opd>/<app>/``."""
    if not rel.startswith(_APPS_PREFIX):
        return None
    parts = rel.split("/", 4)
    return f"{parts[2]}/{parts[3]}" if len(parts) >= 4 else None
