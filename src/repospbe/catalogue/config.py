"""The MkDocs configuration of a catalogue build, derived from the top-level mkdocs.yml.

The top-level ``mkdocs.yml`` stays a plain guide site (``docs/``). A catalogue build
copies its settings and replaces what the catalogue owns: where the sources and
the site are, the navigation (generated sections plus every guide), the pages
kept out of the navigation, and the catalogue's own CSS and JavaScript.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from repospbe.catalogue.generate import GENERATED_NAV, GUIDES_HOME
from repospbe.errors import InputError

NOT_IN_NAV = "/opd/\n/aplikasi/\n"
ASSET_CSS = "assets/katalog.css"
ASSET_JS = "assets/katalog.js"
REQUIRED_EXTENSIONS = ("attr_list", "tables", "toc")
DEFAULTS: dict[str, Any] = {
    "site_name": "Katalog Aplikasi SPBE",
    "theme": {"name": "material", "language": "id", "font": False},
    "markdown_extensions": ["attr_list", "tables", {"toc": {"permalink": True}}],
    "plugins": [{"search": {"lang": "en"}}],
}


def base_config(root: Path) -> dict[str, Any]:
    """The top-level mkdocs.yml of ``root`` (plain YAML only), or the defaults."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return dict(DEFAULTS)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError("catalogue.config-invalid", file=str(path), detail=str(exc)[:300]) from exc
    if not isinstance(data, dict):
        raise InputError("catalogue.config-invalid", file=str(path), detail="bukan pemetaan YAML")
    return data


def guides_dir(root: Path, base: dict[str, Any]) -> Path:
    return root / str(base.get("docs_dir", "docs"))


def catalogue_config(base: dict[str, Any], guide_pages: list[str], title: str, footer: str = "") -> dict[str, Any]:
    """``base`` with the catalogue's sources, navigation and assets; ``footer`` (plain text: build
    date and commit) replaces the theme's English "Made with" line on every page."""
    config = {k: v for k, v in base.items() if k not in ("nav", "docs_dir", "site_dir", "not_in_nav")}
    if title and config.get("site_name") in (None, DEFAULTS["site_name"]):
        config["site_name"] = f"Katalog Aplikasi SPBE {title}"
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["use_directory_urls"] = False
    config["not_in_nav"] = NOT_IN_NAV
    config["markdown_extensions"] = _extensions(config.get("markdown_extensions") or [])
    config["extra_css"] = [*(config.get("extra_css") or []), ASSET_CSS]
    config["extra_javascript"] = [*(config.get("extra_javascript") or []), ASSET_JS]
    if footer:
        config["copyright"] = footer
        extra = config.get("extra")
        config["extra"] = {**(extra if isinstance(extra, dict) else {}), "generator": False}
    guides = [GUIDES_HOME] if GUIDES_HOME in guide_pages else []
    guides += sorted(p for p in guide_pages if p != GUIDES_HOME)
    nav: list[Any] = [{label: rel} for label, rel in GENERATED_NAV]
    if guides:
        nav.append({"Panduan": guides})
    config["nav"] = nav
    return config


def _extensions(configured: list[Any]) -> list[Any]:
    names = {e if isinstance(e, str) else next(iter(e)) for e in configured if isinstance(e, (str, dict)) and e}
    return [*configured, *[ext for ext in REQUIRED_EXTENSIONS if ext not in names]]


def dump(config: dict[str, Any]) -> str:
    return "# Dibuat oleh `repospbe catalogue build`; jangan disunting.\n" + yaml.safe_dump(
        config, sort_keys=False, allow_unicode=True
    )
