"""Default policy data shipped with repospbe: ``checks/``, ``pipelines/``, ``templates/``, locale.

In a wheel (or any non-editable install) the top-level ``checks/``, ``pipelines/`` and
``templates/`` of the repospbe repository are carried as package data under
``repospbe/_data/`` (hatch ``force-include``); in a source checkout or an editable install
they are the checkout's own top-level folders. Both are found here, with
:mod:`importlib.resources`, so an installed repospbe works outside the checkout.

A registry's own ``checks/`` and ``pipelines/`` still override these defaults: callers
look in the registry root first and fall back to :func:`default_path`.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

DATA_PACKAGE_DIR = "_data"
SHIPPED = ("checks", "pipelines", "templates")


def _packaged() -> Path | None:
    base = resources.files("repospbe") / DATA_PACKAGE_DIR
    if base.is_dir():
        # An installed wheel is a plain directory on disk; zipped installs are not supported.
        return Path(str(base))
    return None


def _checkout() -> Path | None:
    root = Path(__file__).resolve().parents[2]
    return root if (root / "pipelines" / "stages.yaml").is_file() else None


def data_root() -> Path | None:
    """The folder holding the shipped ``checks/``, ``pipelines/``, ``templates/``; None if absent."""
    return _packaged() or _checkout()


def default_path(rel: str) -> Path:
    """Shipped default of ``rel`` (e.g. ``pipelines/stages.yaml``, ``checks/semgrep``).

    The returned path may not exist when repospbe was installed without its data;
    callers report that as they report any missing file."""
    top = rel.split("/", 1)[0]
    if top not in SHIPPED:
        raise ValueError(f"not shipped data: {rel}")
    root = data_root()
    return (root / rel) if root is not None else Path(DATA_PACKAGE_DIR) / rel


def override_or_default(registry_root: Path | None, rel: str) -> Path:
    """``registry_root/rel`` when the registry has its own copy, else the shipped default."""
    if registry_root is not None and (registry_root / rel).exists():
        return registry_root / rel
    return default_path(rel)


def locale_dir() -> Path:
    """The locale YAML files (always inside the package)."""
    return Path(str(resources.files("repospbe") / "locale"))
