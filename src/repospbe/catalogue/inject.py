"""Put generated fragments into rendered pages, as MkDocs writes them.

A page carries marker comments (``site_model.MARKER``) where its bulky, already
escaped HTML belongs; this plugin replaces them in ``on_post_page``, after the
search index has seen the page. A marker left unreplaced or a fragment never
placed fails the build: an incomplete site is never installed. With two build
processes (``shard``), each drops the other's app pages in ``on_files``.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from repospbe.catalogue.site_model import MARKER_RE


class FragmentPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    def __init__(self, fragments: dict[str, dict[str, str]], drop: frozenset[str] = frozenset()) -> None:
        self.fragments = fragments
        self.drop = drop
        self.done: set[str] = set()

    def on_files(self, files: Any, /, *, config: Any) -> Any:
        """Leave the pages in ``drop`` to the other build process."""
        if not self.drop:
            return files
        from mkdocs.structure.files import Files

        # A new collection: removing one by one is quadratic (Files.remove scans a list).
        return Files([f for f in files if f.src_uri not in self.drop])

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        src = str(page.file.src_uri)
        fragments = self.fragments.get(src)
        if not fragments:
            return output
        found: set[str] = set()

        def replace(match: re.Match[str]) -> str:
            found.add(match.group(1))
            return fragments.get(match.group(1), "")

        output = MARKER_RE.sub(replace, output)
        if found != set(fragments):
            raise PluginError(f"{src}: penanda sisipan hilang: {', '.join(sorted(set(fragments) - found))}")
        self.done.add(src)
        return output

    def check_all_used(self) -> None:
        missing = set(self.fragments) - self.done
        if missing:
            raise PluginError(f"halaman tanpa sisipan: {', '.join(sorted(missing)[:5])}")
