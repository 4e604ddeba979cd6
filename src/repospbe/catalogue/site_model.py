"""The generated site before it is written: pages, fragments and static files.

Bulky generated HTML (documents, long index tables) is kept out of the Markdown
pages: a page carries a marker comment and the fragment is put in its place after
MkDocs has rendered the page. MkDocs would otherwise re-parse our already escaped
HTML twice (Markdown's raw-HTML parser and the search indexer), which was most of
the build time at scale; those fragments are not needed in the search index.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from repospbe.catalogue.markup import esc

MARKER = "<!-- repospbe-sisip:{} -->"
MARKER_RE = re.compile(r"<!-- repospbe-sisip:([a-z0-9_-]+) -->")


def is_app_page(page: str) -> bool:
    """An app's page (``aplikasi/<opd>/<app>.md``): out of the navigation, linked to by nothing through Markdown."""
    return page.startswith("aplikasi/") and page.count("/") == 2


@dataclass
class SiteSources:
    pages: dict[str, str] = field(default_factory=dict)
    fragments: dict[str, dict[str, str]] = field(default_factory=dict)
    static: dict[str, str] = field(default_factory=dict)
    after_build: dict[str, str] = field(default_factory=dict)

    def add(self, rel: str, text: str) -> None:
        self.pages[rel] = text

    def skip_inputs(self, page: str, inputs: str) -> bool:
        """Whether ``page``, of ``inputs`` (``catalogue.inputs``), is reused from an earlier build
        without being made (never, in memory)."""
        return False

    def skip(self, page: str, material: str) -> bool:
        """Whether ``page``, made of ``material`` (its text before the documents are rendered),
        is reused from an earlier build instead of written (never, in memory)."""
        return False

    def export(self, rel: str, data: Any, dump: Callable[[Any], str], inputs: str | None = None) -> None:
        """The export ``rel``: ``data`` as ``dump`` writes it (reused when unchanged: ``StreamSources``;
        ``inputs``: its inputs key there)."""
        self.after_build[rel] = dump(data)

    def reuse_export(self, rel: str, inputs: str) -> bool:
        """Whether the export ``rel``, of inputs key ``inputs``, is the last build's (never, in memory)."""
        return False

    def fragment(self, page: str, ident: str, html: str) -> str:
        """Store ``html`` for ``page`` and return the marker to put in the page."""
        self.fragments.setdefault(page, {})[ident] = html
        return MARKER.format(ident)


def html_path(rel_md: str) -> str:
    return rel_md[:-3] + ".html" if rel_md.endswith(".md") else rel_md


def url(from_md: str, to: str) -> str:
    """Relative URL from page ``from_md`` to page or file ``to`` (docs-relative): what
    ``posixpath.relpath`` gives, computed on the segments when both are plain relative paths
    (called for every link of every page), by ``relpath`` itself otherwise."""
    start, target = posixpath.dirname(from_md), html_path(to)
    here, there = start.split("/") if start else [], target.split("/")
    if not target or any(seg in ("", ".", "..") for seg in here + there) or target.startswith("/"):
        return posixpath.relpath(target, start or ".")
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."


def front(title: str, hide_toc: bool = False, search_exclude: bool = False, wide: bool = False) -> str:
    """Front matter with an escaped title (MkDocs templates do not escape it)."""
    lines = ["---", "title: " + json.dumps(esc(title), ensure_ascii=False)]
    if hide_toc or wide:
        lines += ["hide:", "  - toc"] + (["  - navigation"] if wide else [])
    if search_exclude:
        lines += ["search:", "  exclude: true"]
    return "\n".join(lines) + "\n---\n\n"


def h1(title: str) -> str:
    return f"<h1>{esc(title)}</h1>\n\n"


def app_page(key: str) -> str:
    return f"aplikasi/{key}.md"


def opd_page(code: str) -> str:
    return f"opd/{code}.md"
