"""The catalogue's MkDocs configuration is derived from the plain top-level mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from repospbe.catalogue.config import base_config, catalogue_config
from repospbe.errors import InputError
from tests.catalogue.sample import REPO_ROOT


def test_top_level_mkdocs_yml_is_plain_and_builds_the_guides_alone() -> None:
    text = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "!!" not in "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    data = yaml.safe_load(text)
    assert data["theme"]["name"] == "material" and data["theme"]["font"] is False
    assert "nav" not in data and data["docs_dir"] == "docs"
    assert [next(iter(p)) if isinstance(p, dict) else p for p in data["plugins"]] == ["search"]


def test_catalogue_config_keeps_settings_and_owns_sources_nav_and_assets(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Katalog Uji\nnav: [lama.md]\nextra_css: [x.css]\nmarkdown_extensions: [admonition]\n",
        encoding="utf-8",
    )
    config = catalogue_config(base_config(tmp_path), ["panduan/b.md", "panduan.md", "panduan/a.md"], "Pemkot")
    assert config["site_name"] == "Katalog Uji"
    assert config["docs_dir"] == "docs" and config["use_directory_urls"] is False
    assert config["extra_css"] == ["x.css", "assets/katalog.css"]
    assert config["markdown_extensions"] == ["admonition", "attr_list", "tables", "toc"]
    assert config["nav"][0] == {"Beranda": "index.md"}
    assert config["nav"][-1] == {"Panduan": ["panduan.md", "panduan/a.md", "panduan/b.md"]}
    assert config["not_in_nav"] == "/opd/\n/aplikasi/\n"


def test_python_tags_in_mkdocs_yml_are_refused(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: !!python/name:os.system\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        base_config(tmp_path)
    assert err.value.key == "catalogue.config-invalid"


def test_without_mkdocs_yml_the_defaults_name_the_pemda(tmp_path: Path) -> None:
    config = catalogue_config(base_config(tmp_path), [], "Pemerintah Kota Contoh")
    assert config["site_name"] == "Katalog Aplikasi SPBE Pemerintah Kota Contoh"
    assert config["theme"]["font"] is False and "Panduan" not in str(config["nav"])
